using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.ChildSwitch;

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
    /// <summary>The child the timeline is filtered on: <c>?child=</c> when given (old links), else the header's choice.</summary>
    public Guid? Child { get; private set; }
    /// <summary>The <c>?child=</c> of this address only: links keep it, but never turn the header's choice into one.</summary>
    public Guid? QueryChild { get; private set; }
    public TimelinePage Timeline { get; private set; } = new([], null);
    public bool CommentsOn { get; private set; }
    public bool IsFirstPage { get; private set; }

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

    /// <summary>A parent's way to their children's group albums: the chosen child's group, or every child's.</summary>
    public IReadOnlyList<ChildChoice.Album> Albums { get; private set; } = [];
    public sealed record GroupRow(Guid Id, string Name, int Pupils);

    // The child list comes from the request's ChildChoice (shared with the header's switcher), injected here rather than in the
    // constructor: only this handler needs it, and the page already has six dependencies (house rule: at most six).
    public async Task<IActionResult> OnGetAsync(Guid? child, string? after, [FromServices] ChildChoice choice, CancellationToken ct)
    {
        SignedIn = viewer.IsSignedIn;
        if (!SignedIn)
        {
            return Page();
        }
        var userId = viewer.Id;
        // From the cookie; only a cookie from before it carried the first name costs a query.
        FirstName = viewer.FirstName ?? await db.Users.Where(u => u.Id == userId).Select(u => u.FirstName).FirstOrDefaultAsync(ct) ?? "";
        IsParent = viewer.IsParent;
        IsAdmin = viewer.IsAdmin;
        IsStaff = viewer.IsStaff;
        var mine = await choice.ForAsync(Request, ct);
        Children = mine.Children.Select(k => new ChildRow(k.Id, k.FullName, k.Group)).ToList();
        if (child is { } c && Children.All(k => k.Id != c))
        {
            return NotFound();
        }
        QueryChild = child;
        Child = child ?? mine.Chosen?.Id;
        if (IsParent && !IsStaff)
        {
            Albums = ChildChoice.Albums(mine.Children, Child);
        }
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
        // The side column is fetched by app.js on wide screens only (Timeline/Side); "Binnenkort" is on every first page.
        if (IsFirstPage && await side.ComingAsync(viewer, Child, ct) is { } coming)
        {
            Upcoming = side.Upcoming(coming);
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

    /// <summary>Issue 17: the install prompt comes "after the first visit", so a parent's first look at the timeline is not interrupted.</summary>
    public bool OfferInstall => IsParent && !IsStaff && Seen?.Previous is not null;

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
