using Hangfire;
using Hangfire.Dashboard;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Operations;

/// <summary>
/// The Hangfire dashboard, only here and only for the Admin role. It reads the app's own
/// JobStorage from DI (never JobStorage.Current), so it shows exactly the jobs the apps share.
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static IServiceCollection AddHangfireDashboardServices(this IServiceCollection services)
    {
        // UseHangfireDashboard checks that these exist; AddHangfire would also configure globals we keep out of.
        services.AddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.AddSingleton(_ => DashboardRoutes.Routes);
        return services;
    }

    public static IApplicationBuilder UseAdminHangfireDashboard(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        return app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            AppPath = "/",
            DashboardTitle = "Schoolplein jobs",
            DisplayStorageConnectionString = false,
        }, storage);
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(BackofficeRoles.Admin);
        }
    }
}
