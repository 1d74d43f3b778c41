using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Clock;
using Schoolplein.Platform.Billing;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Health;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Logging;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Profiles;
using Schoolplein.Platform.Push;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform;

public static class PlatformRegistration
{
    /// <summary>Everything both apps share: logging, metrics and traces, database, tenancy, jobs, e-mail, modules, health, clock, resources.</summary>
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder, string application)
    {
        builder.AddClock();
        builder.AddSchoolpleinLogging(application);
        builder.AddObservability(application);
        builder.AddPersistence();
        builder.Services.AddTenancy();
        builder.AddJobs();
        builder.Services.AddEmail();
        builder.Services.AddNotifications();
        builder.Services.AddPush();
        builder.Services.AddSchoolDayCalendar();
        builder.Services.AddSchoolModules();
        builder.Services.AddInvitations();
        builder.Services.AddBilling();
        builder.Services.AddScoped<Schoolplein.Platform.SchoolMigration.ImportWriter>();
        builder.Services.AddScoped<Schoolplein.Platform.SchoolMigration.ImportProgress>();
        builder.Services.AddScoped<Schoolplein.Platform.SchoolMigration.MigrationImports>();
        // The import archives through the roster's own action, in every app that runs the import job.
        builder.Services.TryAddScoped<Schoolplein.Platform.Roster.RosterService>();
        // The roster needs "who is asking"; in the backoffice and in jobs no school user is, and it stays unbound.
        builder.Services.TryAddScoped<Schoolplein.Platform.Identity.CurrentUser>();
        builder.Services.AddSchoolSettings();
        builder.Services.AddBlobs();
        builder.Services.AddImages();
        builder.Services.AddPrivacy();
        builder.Services.AddProfiles();
        builder.Services.AddLinkCodes();
        builder.Services.AddPlatformHealthChecks();
        builder.Services.AddLocalization();
        return builder;
    }
}
