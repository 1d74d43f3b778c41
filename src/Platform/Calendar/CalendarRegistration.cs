using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Seeding;

namespace Schoolplein.Platform.Calendar;

public static class CalendarRegistration
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<CalendarService>();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<IDemoSeedStep, CalendarDemoSeed>();
        services.AddPersonalData<CalendarPersonalData>();
        services.AddAccountDeletionParticipant<CalendarPersonalData>();
        return services;
    }
}
