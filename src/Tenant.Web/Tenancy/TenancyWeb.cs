using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

public static class TenancyWeb
{
    public static IServiceCollection AddTenancyWeb(this IServiceCollection services)
    {
        services.AddSingleton<MatcherPolicy, HostKindMatcherPolicy>();
        services.AddSingleton<NeutralPages>();
        return services;
    }

    /// <summary>Before authentication: resolve the school from the host.</summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>After routing: neutral 404 for unknown hosts, 503 for suspended schools.</summary>
    public static IApplicationBuilder UseTenantGate(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantGateMiddleware>();

    /// <summary>After the gate: one database connection per school page (see <see cref="RequestConnectionMiddleware"/>).</summary>
    public static IApplicationBuilder UseRequestConnection(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestConnectionMiddleware>();
}
