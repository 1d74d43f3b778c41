using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>
/// The pages answered before any school is known: plain, self-contained HTML with the
/// product's own look. They never show a school's layout or data (the 503 page shows
/// only the name and contact line of the school whose host was asked for).
/// </summary>
public sealed class NeutralPages(IStringLocalizer<TenancyText> text)
{
    public Task WriteNotFoundAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status404NotFound, text["NotFoundTitle"], [text["NotFoundBody"]]);

    public Task WriteSuspendedAsync(HttpContext http, TenantInfo school)
    {
        var lines = new List<string> { text["SuspendedBody", school.Name] };
        if (!string.IsNullOrWhiteSpace(school.Phone))
        {
            lines.Add(text["SuspendedContact", school.Phone]);
        }
        http.Response.Headers.RetryAfter = "3600";
        return WriteAsync(http, StatusCodes.Status503ServiceUnavailable, school.Name, lines);
    }

    /// <summary>The database is restarting or every connection is busy: nothing was done, try again shortly.</summary>
    public Task WriteBusyAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return WriteAsync(http, StatusCodes.Status503ServiceUnavailable, text["BusyTitle"], [text["BusyBody"]]);
    }

    private static async Task WriteAsync(HttpContext http, int status, string title, IEnumerable<string> lines)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";
        var body = string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body class="neutral"><main class="container"><h1>{WebUtility.HtmlEncode(title)}</h1>{body}<p class="muted">Schoolplein</p></main></body></html>
            """);
    }
}

/// <summary>Resource anchor for tenancy texts.</summary>
public sealed class TenancyText;
