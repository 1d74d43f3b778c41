using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Seeding;

namespace Schoolplein.Platform.Conferences;

public static class ConferencesRegistration
{
    public static IServiceCollection AddConferences(this IServiceCollection services)
    {
        services.AddScoped<ConferenceBookings>();
        services.AddScoped<ConferencePlanning>();
        services.AddScoped<ConferenceMail>();
        services.AddScoped<ConferenceSchedulePdf>();
        services.AddScoped<ICalendarFeedSource, ConferenceFeedSource>();
        services.AddScoped<IDemoSeedStep, ConferenceDemoSeed>();
        services.AddPersonalData<ConferencePersonalData>();
        services.AddAccountDeletionParticipant<ConferencePersonalData>();
        return services;
    }
}
