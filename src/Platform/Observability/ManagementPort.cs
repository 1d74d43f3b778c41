using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Observability;

/// <summary>
/// Keeps operational endpoints off the public surface. With a management port configured,
/// <c>/metrics</c> answers only on connections to that local port (the socket's port, which a
/// client cannot fake with a Host header), and that port serves only <c>/metrics</c> and
/// <c>/health/*</c>. Without one (development), <c>/metrics</c> answers only to loopback clients.
/// Everything else is a plain 404, as if the endpoint did not exist.
/// </summary>
public sealed class ManagementPortMiddleware(RequestDelegate next, IOptions<ObservabilityOptions> options)
{
    public const string MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext http)
    {
        if (Allows(options.Value.MetricsPort, http.Connection.LocalPort, http.Connection.RemoteIpAddress, http.Request.Path))
        {
            return next(http);
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    internal static bool Allows(int? managementPort, int localPort, IPAddress? remote, PathString path)
    {
        var metrics = path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);
        if (managementPort is { } port)
        {
            return localPort == port
                ? metrics || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                : !metrics;
        }
        return !metrics || (remote is not null && IPAddress.IsLoopback(remote));
    }
}

public static class ManagementPortExtensions
{
    /// <summary>Place early (after forwarded headers, before host filtering and tenant resolution).</summary>
    public static IApplicationBuilder UseManagementPort(this IApplicationBuilder app) => app.UseMiddleware<ManagementPortMiddleware>();

    /// <summary>Whether the request came in on the management port (probes and scrapes address pods by IP).</summary>
    public static bool IsOnManagementPort(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value.MetricsPort is { } port
        && http.Connection.LocalPort == port;
}
