namespace Schoolplein.Tenant.Web.Security;

/// <summary>Baseline response headers: no framing, no sniffing, scripts and styles only from this host.</summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = Policy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(http);
        });
}
