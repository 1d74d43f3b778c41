using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Marks pages whose POSTs try a koppelcode; those are rate-limited per IP address and per signed-in account.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LinkCodeAttemptAttribute : Attribute;

public sealed class LinkCodeRateLimitOptions
{
    public const string SectionName = "LinkCodes:RateLimit";

    /// <summary>Attempts per IP address per window. Generous: a school gate's wifi puts many parents behind one address.</summary>
    [Range(1, 100_000)]
    public int PerIp { get; set; } = 30;

    [Range(1, 100_000)]
    public int PerAccount { get; set; } = 10;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 900;
}

public static class LinkCodeRateLimiting
{
    public static IServiceCollection AddLinkCodeRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<LinkCodeRateLimitOptions>().BindConfiguration(LinkCodeRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LinkCodeRateLimitOptions>>((o, settings) =>
        {
            var limits = settings.Value;
            var window = TimeSpan.FromSeconds(limits.WindowSeconds);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Account first: a signed-in user who is refused does not use up the address's
            // budget, which many parents on one school wifi share. The partition key is read from
            // the ticket itself, not from CurrentUser: the limiter's options are built once for the
            // app (no request scope to inject into), and the key also needs the ticket's school.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http) && http.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + http.User.FindFirst(SchoolClaims.Tenant)?.Value + ":" + http.User.UserId(),
                        _ => Window(limits.PerAccount, window))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => Window(limits.PerIp, window))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static bool IsAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<LinkCodeAttemptAttribute>() is not null;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<JoinText>>();
        var title = WebUtility.HtmlEncode(text["TooManyTitle"]);
        var body = WebUtility.HtmlEncode(text.Plural("TooManyBody", Math.Max(1, (seconds + 59) / 60)));
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body class="neutral"><main class="container"><h1>{title}</h1><p role="alert">{body}</p></main></body></html>
            """, ct);
    }
}
