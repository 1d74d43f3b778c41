using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Modules;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Calendar;

public static class CalendarEndpoints
{
    public static IServiceCollection AddCalendarWeb(this IServiceCollection services)
    {
        services.AddCalendar();
        services.RequireModuleForPages("/Calendar", SchoolModules.Calendar);
        services.AddNavItem(new NavItem("/agenda", typeof(CalendarText), "Menu", 20, [], SchoolModules.Calendar));
        return services;
    }

    /// <summary>
    /// The personal iCal feed on the school's host. Calendar apps send no cookie, so the secret
    /// token in the path is the credential: unknown, replaced or revoked tokens get 404, as does
    /// a school with the calendar switched off.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agenda/feed/{token}.ics", async (string token, CalendarFeeds feeds, CalendarService calendar, HttpContext http, CancellationToken ct) =>
        {
            if (await feeds.FeedUserAsync(token, ct) is not { } userId)
            {
                return Results.NotFound();
            }
            var body = await calendar.FeedAsync(userId, ct);
            // Calendar apps poll; an unchanged feed costs them (and us) a 304 instead of the whole text.
            var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)))[..32] + "\"";
            http.Response.Headers.CacheControl = "private, max-age=900";
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.Contains(etag))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            return Results.Text(body, CalendarFeedWriter.ContentType);
        }).AllowAnonymous().RequireModule(SchoolModules.Calendar);
        return app;
    }
}
