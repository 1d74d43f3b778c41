using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Groups;

/// <summary>
/// A group's photo album: the photos of the posts to the group, newest first, 60 a page, each opening the
/// timeline's lightbox (or the full photo without script). Who may open it and which photos: <see cref="GroupAlbum"/>;
/// everyone else gets 404, as for any id that is not theirs.
/// </summary>
public sealed class PhotosModel(CurrentUser viewer, GroupAlbum album) : PageModel
{
    public Guid GroupId { get; private set; }
    public AlbumPage Album { get; private set; } = null!;
    public bool IsFirstPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, string? after, CancellationToken ct)
    {
        // A cursor that does not parse is the first page, as on the timeline.
        var cursor = AlbumCursor.Parse(after);
        if (await album.PageAsync(viewer, groupId, cursor, ct) is not { } page)
        {
            return NotFound();
        }
        GroupId = groupId;
        Album = page;
        IsFirstPage = cursor is null;
        return Page();
    }
}
