using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// The home page: for a signed-in user the timeline (school news plus the news of their
/// children's and their own groups, pinned first, newest first, per child), for staff also the
/// buttons to post and their groups; for visitors a welcome.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db, TimelineReader reader, TimelineUnread unread, IFeatureManager features, TimelineSide side) : PageModel
{
    public bool SignedIn { get; private set; }
    public bool IsParent { get; private set; }
    public bool IsStaff { get; private set; }
    public bool IsAdmin { get; private set; }
    public string FirstName { get; private set; } = "";
    public IReadOnlyList<ChildRow> Children { get; private set; } = [];
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public Guid? Child { get; private set; }
    public TimelinePage Timeline { get; private set; } = new([], null);
    public bool CommentsOn { get; private set; }
    public bool IsFirstPage { get; private set; }

    /// <summary>Parents only: today's agenda, the next conference, open questions (a side column on wide screens).</summary>
    public TimelineSide.View? Side { get; private set; }

    /// <summary>
    /// "Binnenkort" on the first page: the next events the viewer sees (for the chosen child), with "Zet in mijn
    /// agenda" and their sign-up; null when the school has no Calendar module or on older pages.
    /// </summary>
    public IReadOnlyList<Schoolplein.Platform.Calendar.EventOccurrence>? Upcoming { get; private set; }

    /// <summary>This visit and the one before, on the first page only (older pages do not count as a visit).</summary>
    public TimelineSeen? Seen { get; private set; }

    /// <summary>Set by the join page after linking a child: shown once as a confirmation.</summary>
    [TempData]
    public string? LinkedChild { get; set; }

    public sealed record ChildRow(Guid Id, string Name, string? Group);
    public sealed record GroupRow(Guid Id, string Name, int Pupils);

    public async Task<IActionResult> OnGetAsync(Guid? child, string? after, CancellationToken ct)
    {
        SignedIn = viewer.IsSignedIn;
        if (!SignedIn)
        {
            return Page();
        }
        var userId = viewer.Id;
        FirstName = await db.Users.Where(u => u.Id == userId).Select(u => u.FirstName).FirstOrDefaultAsync(ct) ?? "";
        IsParent = viewer.IsParent;
        IsAdmin = viewer.IsAdmin;
        IsStaff = viewer.IsStaff;
        Children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => new ChildRow(g.PupilId,
                g.Pupil!.FullName,
                g.Pupil.Group!.Name))
            .ToListAsync(ct);
        if (child is { } c && Children.All(k => k.Id != c))
        {
            return NotFound();
        }
        Child = child;
        if (IsStaff)
        {
            Groups = await db.Groups.AsNoTracking()
                .Where(g => IsAdmin || g.Teachers.Any(t => t.UserId == userId))
                .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
                .Select(g => new GroupRow(g.Id, g.Name, g.Pupils.Count(p => p.ArchivedAt == null)))
                .ToListAsync(ct);
        }
        var cursor = TimelineCursor.Parse(after);
        IsFirstPage = cursor is null;
        Timeline = await reader.PageAsync(viewer, Child, cursor, ct);
        if (IsFirstPage)
        {
            Seen = await unread.MarkSeenAsync(viewer, ct);
        }
        CommentsOn = await features.IsEnabledAsync(SchoolModules.Comments);
        var coming = IsParent || IsFirstPage ? await side.ComingAsync(viewer, Child, ct) : null;
        if (IsFirstPage && coming is not null)
        {
            Upcoming = side.Upcoming(coming);
        }
        if (IsParent)
        {
            Side = await side.ForAsync(viewer, Child, coming, ct);
        }
        return Page();
    }

    public string PageUrl(Guid? child, TimelineCursor? after)
    {
        var query = new List<string>();
        if (child is { } c)
        {
            query.Add($"child={c}");
        }
        if (after is not null)
        {
            query.Add($"after={after}");
        }
        return query.Count == 0 ? "/" : "/?" + string.Join('&', query);
    }

    public bool CanManage(PostCard post) => IsAdmin || post.AuthorId == viewer.Id;

    public bool IsNew(PostCard post) => Seen?.IsNew(post, viewer.Id) == true;

    /// <summary>
    /// The poll for "N nieuwe berichten": posts newer than the newest one shown (or than this visit when
    /// none is), for the same child filter. Only the first page polls: an older page is not where new posts go.
    /// </summary>
    public string? NewPostsUrl()
    {
        if (Seen is not { } seen)
        {
            return null;
        }
        var since = Timeline.Posts.Count == 0 ? seen.Now : Timeline.Posts.Max(p => p.PublishedAt);
        var url = "/api/v1/timeline/nieuw?since=" + Uri.EscapeDataString(since.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return Child is { } c ? url + "&child=" + c : url;
    }
}
