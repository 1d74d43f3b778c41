using Microsoft.Extensions.Options;
using Schoolplein.Platform.Tenancy;
using Serilog.Context;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>
/// Resolves the school from the Host header only (never a header, query string, cookie
/// or claim) before authentication, and sets the scope's <see cref="TenantContext"/> for a
/// served school. Suspended and unknown hosts are answered by <see cref="TenantGateMiddleware"/>
/// after routing, so health endpoints still work on them.
/// </summary>
public sealed class TenantResolutionMiddleware(
    RequestDelegate next, IOptions<TenancyOptions> options, TenantCatalog catalog, NeutralPages pages)
{
    public async Task InvokeAsync(HttpContext http, TenantContext tenant)
    {
        var raw = http.Request.Headers.Host.ToString();
        if (!IsDecodable(raw))
        {
            // e.g. "xn--alfa.localhost": HttpRequest.Host would throw for the rest of the pipeline.
            await pages.WriteNotFoundAsync(http);
            return;
        }
        var match = TenantHost.Parse(raw, options.Value.BaseDomain);
        var feature = match.Kind switch
        {
            HostKind.School => await ForSchoolAsync(match.Slug!, http.RequestAborted),
            HostKind.Platform => new SchoolHostFeature(HostKind.Platform, null),
            _ => new SchoolHostFeature(HostKind.Unknown, null),
        };
        http.Features.Set(feature);
        if (feature.School is { IsServed: true } school)
        {
            tenant.Set(school);
        }
        using (LogContext.PushProperty("Tenant", feature.School?.Slug ?? "-"))
        {
            await next(http);
        }
    }

    private static bool IsDecodable(string host)
    {
        try
        {
            _ = HostString.FromUriComponent(host);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task<SchoolHostFeature> ForSchoolAsync(string slug, CancellationToken ct)
    {
        var school = await catalog.FindBySlugAsync(slug, ct);
        return school is null || school.Status == TenantStatus.Archived
            ? new SchoolHostFeature(HostKind.Unknown, null)
            : new SchoolHostFeature(HostKind.School, school);
    }
}
