using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Seeding;

namespace Schoolplein.Platform.Timeline;

public static class TimelineRegistration
{
    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddScoped<TimelineService>();
        services.AddScoped<TimelineReader>();
        services.AddScoped<TimelineUnread>();
        services.AddScoped<TimelineSearch>();
        services.AddScoped<GroupAlbum>();
        services.AddScoped<HeldPostMedia>();
        services.AddScoped<PostInteractions>();
        services.AddScoped<UrgentMessages>();
        services.AddScoped<UrgentEscalation>();
        services.AddScoped<UrgentEscalationJob>();
        services.AddScoped<UrgentEscalationSweepJob>();
        services.AddScoped<IDemoSeedStep, TimelineDemoSeed>();
        services.AddPersonalData<TimelinePersonalData>();
        services.AddAccountDeletionParticipant<TimelinePersonalData>();
        return services;
    }
}
