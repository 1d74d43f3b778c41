using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>
/// After routing: an unknown host gets the neutral 404 page (no school data, no school's
/// layout); a suspended school gets the 503 page with its name and contact line. Endpoints
/// that run on any host (health) pass.
/// </summary>
public sealed class TenantGateMiddleware(RequestDelegate next, NeutralPages pages)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var feature = http.Features.Get<SchoolHostFeature>();
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IHostRequirementMetadata>() is { Kind: null })
        {
            await next(http);
            return;
        }
        if (feature is null || feature.Kind == HostKind.Unknown)
        {
            await pages.WriteNotFoundAsync(http);
            return;
        }
        if (feature.IsSuspended)
        {
            await pages.WriteSuspendedAsync(http, feature.School!);
            return;
        }
        await next(http);
    }
}
