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

    /// <summary>
    /// After the gate: a school's page keeps one database connection for the whole request, so
    /// its queries share it instead of each taking one from the pool (every return to the pool
    /// runs Npgsql's reset, every open sets app.tenant_id again: 8 of each per timeline page
    /// before, in the benchmark). Health and metrics never touch the database this way.
    /// </summary>
    public static IApplicationBuilder UseRequestConnection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.RequestServices.GetRequiredService<TenantContext>().Id is not null
                && context.GetEndpoint() is not null
                && !context.Request.Path.StartsWithSegments("/health")
                && !context.Request.Path.StartsWithSegments("/metrics"))
            {
                await context.RequestServices.GetRequiredService<SchoolpleinDb>().Database.OpenConnectionAsync(context.RequestAborted);
            }
            await next(context);
        });
}
