using Microsoft.Extensions.Options;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Tenancy;

namespace Schoolplein.Tenant.Web.Security;

/// <summary>
/// Marks a page of the bare base domain whose form answers with a redirect to a school's host
/// (the koppelcode lookup). Browsers check <c>form-action</c> against every redirect of a form
/// submission, so <c>'self'</c> alone stops the parent on the bare domain.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FormContinuesOnSchoolHostAttribute : Attribute;

/// <summary>Baseline response headers: no framing, no sniffing, scripts and styles only from this host.</summary>
public static class SecurityHeaders
{
    private const string BasePolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// The policy of a page marked <see cref="FormContinuesOnSchoolHostAttribute"/> on the bare
    /// domain: forms may also go to exactly this deployment's school hosts
    /// (<c>{scheme}://*.{BaseDomain}:{port}</c>), nowhere else. School hosts never get it.
    /// </summary>
    public static string PolicyWithSchoolHosts(TenancyOptions tenancy)
    {
        var schools = tenancy.SchoolUri("x");
        var port = schools.IsDefaultPort ? "" : $":{schools.Port}";
        return $"{BasePolicy} {schools.Scheme}://*.{tenancy.BaseDomain}{port}";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = BasePolicy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // The host kind and the endpoint are known only further down the pipeline.
            http.Response.OnStarting(() =>
            {
                if (http.Features.Get<SchoolHostFeature>()?.Kind == HostKind.Platform
                    && http.GetEndpoint()?.Metadata.GetMetadata<FormContinuesOnSchoolHostAttribute>() is not null)
                {
                    headers.ContentSecurityPolicy = PolicyWithSchoolHosts(http.RequestServices.GetRequiredService<IOptions<TenancyOptions>>().Value);
                }
                return Task.CompletedTask;
            });
            await next(http);
        });
}
