using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Profiles;

namespace Schoolplein.Tenant.Web.Account;

public static class ProfileEndpoints
{
    /// <summary>
    /// Profile photos for signed-in users of the school. Who may see whose photo is part of the
    /// query (<see cref="ProfileVisibility"/>): anyone else, and every id of another school, gets 404.
    /// The URL carries ?v= (the photo's blob id), so a new photo gets a new URL and old ones may cache.
    /// </summary>
    public static IEndpointRouteBuilder MapProfilePhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/profielfoto/{userId:guid}", async (Guid userId, string? size, CurrentUser viewer, ProfileVisibility visibility, HttpContext http, CancellationToken ct) =>
        {
            var photo = await visibility.PhotoAsync(viewer.Id, userId, size == "large" ? PhotoSize.Large : PhotoSize.Thumbnail, ct);
            if (photo is null)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.File(photo.Content, photo.ContentType);
        }).RequireAuthorization();
        return app;
    }
}
