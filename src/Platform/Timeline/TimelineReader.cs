using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

public sealed record PhotoRef(Guid Id, int Width, int Height);

public sealed record AttachmentRef(Guid Id, string FileName, long Size);

/// <summary>A post as the timeline and the post page show it.</summary>
public sealed record PostCard(
    Guid Id, string Title, string BodyHtml, string BodyText, Guid AuthorId, string AuthorName, IReadOnlyList<string> Groups,
    bool Urgent, bool Pinned, bool AllowComments, bool AllowLikes, DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt,
    IReadOnlyList<PhotoRef> Photos, IReadOnlyList<AttachmentRef> Attachments, int Likes, bool LikedByMe, int Comments, bool ReadByMe)
{
    public bool SchoolWide => Groups.Count == 0;
}

public sealed record CommentView(Guid Id, Guid AuthorId, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>Position after the last post of a page: (pinned, published, id) in the timeline's descending order.</summary>
public sealed record TimelineCursor(bool Pinned, DateTimeOffset PublishedAt, Guid Id)
{
    public override string ToString() =>
        $"{(Pinned ? 1 : 0)}-{PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Id:N}";

    public static TimelineCursor? Parse(string? value)
    {
        var parts = value?.Split('-');
        if (parts is not { Length: 3 } || parts[0] is not ("0" or "1")
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            return null;
        }
        return new TimelineCursor(parts[0] == "1", new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}

public sealed record TimelinePage(IReadOnlyList<PostCard> Posts, TimelineCursor? Next);

public sealed record UrgentBannerItem(Guid Id, string Title, DateTimeOffset PublishedAt);

/// <summary>Reads of the timeline, always through <see cref="TimelineService.Visible"/>.</summary>
public sealed class TimelineReader(SchoolpleinDb db, TimelineService timeline)
{
    public const int PageSize = 15;

    private IQueryable<PostCard> Cards(IQueryable<Post> posts, Guid userId) =>
        posts.Select(p => new PostCard(
            p.Id, p.Title, p.BodyHtml, p.BodyText, p.AuthorId,
            p.Author!.FullName,
            p.Groups.OrderBy(g => g.Group!.SortOrder).ThenBy(g => g.Group!.Name).Select(g => g.Group!.Name).ToList(),
            p.Urgent, p.Pinned, p.AllowComments, p.AllowLikes, p.PublishedAt, p.UpdatedAt,
            p.Photos.OrderBy(f => f.SortOrder).Select(f => new PhotoRef(f.Id, f.Width, f.Height)).ToList(),
            p.Attachments.OrderBy(a => a.SortOrder).Select(a => new AttachmentRef(a.Id, a.FileName, a.Size)).ToList(),
            db.Set<PostLike>().Count(l => l.PostId == p.Id),
            db.Set<PostLike>().Any(l => l.PostId == p.Id && l.UserId == userId),
            db.Set<PostComment>().Count(c => c.PostId == p.Id),
            !p.Urgent || db.Set<UrgentReadReceipt>().Any(r => r.PostId == p.Id && r.UserId == userId)));

    /// <summary>One page of the viewer's timeline: pinned first, then newest first, keyset-paged.</summary>
    public async Task<TimelinePage> PageAsync(CurrentUser viewer, Guid? childId, TimelineCursor? after, CancellationToken ct, int size = PageSize)
    {
        var posts = timeline.Visible(viewer, childId);
        if (after is { } c)
        {
            posts = posts.Where(p => EF.Functions.LessThan(
                ValueTuple.Create(p.Pinned, p.PublishedAt, p.Id), ValueTuple.Create(c.Pinned, c.PublishedAt, c.Id)));
        }
        // The visibility rule runs once, in the query that picks the page's posts; the cards (with
        // their groups, photos and files in split queries) are then read by those ids, so the split
        // queries do not each repeat (and re-plan) the rule. See bench/results/latest.md.
        var ids = await Newest(posts).Take(size + 1).Select(p => p.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return new TimelinePage([], null);
        }
        var rows = await Cards(Newest(db.Set<Post>().Where(p => ids.Contains(p.Id))), viewer.Id)
            .AsSplitQuery()
            .ToListAsync(ct);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new TimelineCursor(page[^1].Pinned, page[^1].PublishedAt, page[^1].Id) : null;
        return new TimelinePage(page, next);
    }

    private static IOrderedQueryable<Post> Newest(IQueryable<Post> posts) =>
        posts.OrderByDescending(p => p.Pinned).ThenByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);

    public Task<PostCard?> PostAsync(CurrentUser viewer, Guid postId, CancellationToken ct) =>
        Cards(timeline.Visible(viewer).Where(p => p.Id == postId), viewer.Id).AsSplitQuery().FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<CommentView>> CommentsAsync(Guid postId, CancellationToken ct) =>
        await db.Set<PostComment>().AsNoTracking()
            .Where(c => c.PostId == postId)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new CommentView(c.Id, c.AuthorId,
                c.Author!.FullName,
                c.Text, c.CreatedAt))
            .ToListAsync(ct);

    /// <summary>Urgent messages sent to the user that they have not opened yet (they stay on top until opened).</summary>
    public async Task<IReadOnlyList<UrgentBannerItem>> UnreadUrgentAsync(Guid userId, CancellationToken ct) =>
        await UnreadUrgent(userId).ToListAsync(ct);

    /// <summary>The query behind <see cref="UnreadUrgentAsync"/>, newest first, at most five; the layout asks it together with its other questions.</summary>
    public IQueryable<UrgentBannerItem> UnreadUrgent(Guid userId) =>
        db.Set<Post>().AsNoTracking()
            .Where(p => p.Urgent
                && db.Set<UrgentRecipient>().Any(r => r.PostId == p.Id && r.UserId == userId)
                && !db.Set<UrgentReadReceipt>().Any(r => r.PostId == p.Id && r.UserId == userId))
            .OrderByDescending(p => p.PublishedAt)
            .Take(5)
            .Select(p => new UrgentBannerItem(p.Id, p.Title, p.PublishedAt));
}
