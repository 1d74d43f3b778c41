using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

/// <summary>One photo of a group's album, with the post it belongs to (the album links to the post's own photo routes).</summary>
public sealed record AlbumPhoto(Guid Id, Guid PostId, string PostTitle, DateTimeOffset PublishedAt, int SortOrder, int Width, int Height);

/// <summary>Position after the last photo of a page: newest post first, then the post's own photo order.</summary>
public sealed record AlbumCursor(DateTimeOffset PublishedAt, Guid PostId, int SortOrder)
{
    public override string ToString() =>
        $"{PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{PostId:N}-{SortOrder.ToString(CultureInfo.InvariantCulture)}";

    public static AlbumCursor? Parse(string? value)
    {
        var parts = value?.Split('-');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var postId)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sort))
        {
            return null;
        }
        return new AlbumCursor(new DateTimeOffset(ticks, TimeSpan.Zero), postId, sort);
    }
}

public sealed record AlbumPage(string GroupName, IReadOnlyList<AlbumPhoto> Photos, AlbumCursor? Next);

/// <summary>
/// "A photo album per group": the photos of the posts to that group, newest first, keyset-paged.
/// Who may open it: the school's admins, the group's teachers and the parents of a current child in
/// the group — the people whose timeline already shows these posts. Another teacher does not: their
/// timeline does not show another group's posts either, and the group page is theirs only for their own
/// groups. Which photos: those of posts <see cref="TimelineService.Visible"/> gives the viewer that are
/// addressed to the group. School-wide posts are left out: they belong to no group (they would fill every
/// group's album with the same photos), and everyone sees them on the timeline. Photos held back in a
/// refused attempt (<see cref="HeldPostMedia"/>) are no post's photos until the post is published, so they
/// never appear here.
/// </summary>
public sealed class GroupAlbum(SchoolpleinDb db, TimelineService timeline)
{
    public const int PageSize = 60;

    /// <summary>One page of the group's album; null when the group is not there for this viewer (another school's, or not theirs).</summary>
    public async Task<AlbumPage?> PageAsync(CurrentUser viewer, Guid groupId, AlbumCursor? after, CancellationToken ct, int size = PageSize)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        var name = await db.Groups.AsNoTracking()
            .Where(g => g.Id == groupId && (isAdmin
                || g.Teachers.Any(t => t.UserId == userId)
                || g.Pupils.Any(p => p.ArchivedAt == null && p.Guardians.Any(gu => gu.UserId == userId))))
            .Select(g => g.Name)
            .FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }
        var posts = timeline.Visible(viewer).Where(p => p.Groups.Any(g => g.GroupId == groupId));
        var rows = db.Set<PostPhoto>().AsNoTracking()
            .Join(posts, f => f.PostId, p => p.Id, (f, p) => new { f, p.Title, p.PublishedAt });
        if (after is { } c)
        {
            rows = rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.PublishedAt, r.f.PostId), ValueTuple.Create(c.PublishedAt, c.PostId))
                || (r.f.PostId == c.PostId && r.f.SortOrder > c.SortOrder));
        }
        var photos = await rows
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.f.PostId).ThenBy(r => r.f.SortOrder).ThenBy(r => r.f.Id)
            .Take(size + 1)
            .Select(r => new AlbumPhoto(r.f.Id, r.f.PostId, r.Title, r.PublishedAt, r.f.SortOrder, r.f.Width, r.f.Height))
            .ToListAsync(ct);
        var page = photos.Take(size).ToList();
        var next = photos.Count > size ? new AlbumCursor(page[^1].PublishedAt, page[^1].PostId, page[^1].SortOrder) : null;
        return new AlbumPage(name, page, next);
    }
}
