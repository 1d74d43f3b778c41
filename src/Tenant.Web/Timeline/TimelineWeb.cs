using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Timeline;

public sealed record NewPostsCount(int Count);

public static class TimelineWeb
{
    public static IServiceCollection AddTimelineWeb(this IServiceCollection services)
    {
        services.AddTimeline();
        services.AddScoped<UrgentBanner>();
        services.AddScoped<PhotoConsentCheck>();
        services.AddScoped<TimelineSide>();
        services.AddNavItem(new NavItem("/nieuws/spoed", typeof(UrgentText), "Menu", 15, [Roles.Teacher, Roles.SchoolAdmin]));
        return services;
    }

    /// <summary>
    /// Photos and files of posts. Each is looked up through the post's visibility rule in the
    /// same query, so an id of a post the user may not see (or of another school) is a 404.
    /// </summary>
    public static IEndpointRouteBuilder MapTimeline(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/nieuws/{postId:guid}").RequireAuthorization();
        posts.MapGet("/foto/{photoId:guid}", (Guid postId, Guid photoId, CurrentUser viewer, TimelineService timeline, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
            PhotoAsync(postId, photoId, large: true, viewer, timeline, blobs, http, ct));
        posts.MapGet("/foto/{photoId:guid}/klein", (Guid postId, Guid photoId, CurrentUser viewer, TimelineService timeline, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
            PhotoAsync(postId, photoId, large: false, viewer, timeline, blobs, http, ct));
        posts.MapGet("/bijlage/{attachmentId:guid}", async (Guid postId, Guid attachmentId, CurrentUser viewer, TimelineService timeline, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            var visible = timeline.Visible(viewer);
            var file = await timeline.AttachmentRows()
                .Where(a => a.Id == attachmentId && a.PostId == postId && visible.Any(p => p.Id == a.PostId))
                .Select(a => new { a.BlobId, a.FileName, a.ContentType })
                .FirstOrDefaultAsync(ct);
            if (file is null || await blobs.GetAsync(file.BlobId, ct) is not { } blob)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(blob.Content, file.ContentType, file.FileName);
        });
        // "N nieuwe berichten": polled by timeline.js while the timeline is open. Only a count, through the
        // timeline's own visibility rule; a child filter must be one of the viewer's own children.
        // Both parameters are parsed here (not bound), so a malformed value is a plain 400 and never a binding exception.
        app.MapGet("/api/v1/timeline/nieuw", async Task<IResult> (string? since, string? child, CurrentUser viewer, TimelineUnread unread, HttpContext http, CancellationToken ct) =>
        {
            Guid? childId = null;
            if (child is not null)
            {
                if (!Guid.TryParse(child, out var parsed))
                {
                    return TypedResults.BadRequest();
                }
                childId = parsed;
            }
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return TypedResults.BadRequest();
            }
            if (childId is { } c && !(await viewer.ChildrenAsync(ct)).Contains(c))
            {
                return TypedResults.NotFound();
            }
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new NewPostsCount(await unread.CountNewerAsync(viewer, childId, after, ct)));
        }).RequireAuthorization();
        // A photo held after a refused post, shown on the re-rendered form: only to the writer who chose it.
        app.MapGet("/nieuws/bewaard/{heldId:guid}", async (Guid heldId, CurrentUser viewer, HeldPostMedia held, HttpContext http, CancellationToken ct) =>
        {
            if (await held.PhotoAsync(viewer.Id, heldId, ct) is not { } blob)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(blob.Content, blob.ContentType);
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.Staff });
        return app;
    }

    private static async Task<IResult> PhotoAsync(
        Guid postId, Guid photoId, bool large, CurrentUser viewer, TimelineService timeline, IBlobStore blobs, HttpContext http, CancellationToken ct)
    {
        var visible = timeline.Visible(viewer);
        var photo = await timeline.PhotoRows()
            .Where(f => f.Id == photoId && f.PostId == postId && visible.Any(p => p.Id == f.PostId))
            .Select(f => new { f.LargeBlobId, f.ThumbnailBlobId })
            .FirstOrDefaultAsync(ct);
        if (photo is null || await blobs.GetAsync(large ? photo.LargeBlobId : photo.ThumbnailBlobId, ct) is not { } blob)
        {
            return Results.NotFound();
        }
        // Private: photos of children never sit in a shared cache.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.File(blob.Content, blob.ContentType);
    }
}
