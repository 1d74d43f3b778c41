using Schoolplein.Platform.Schools;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Questions;

/// <summary>
/// Guardians: their conversations and the school's words on when to call instead. Staff: an inbox
/// across their groups with unread counts.
/// </summary>
[RequiresModule(SchoolModules.Questions)]
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db, ConversationAccess access, TenantSettingsStore<QuestionSettings> settings, SchoolClock clock, ISchoolDayCalendar calendar)
    : PageModel
{
    public QuestionSettings Settings { get; private set; } = new();
    public DateTime? NextOpening { get; private set; }
    public IReadOnlyList<Row> Mine { get; private set; } = [];
    public IReadOnlyList<Row> Inbox { get; private set; } = [];
    public IReadOnlyList<GroupFilter> Groups { get; private set; } = [];
    public Guid? GroupId { get; private set; }
    public bool ShowClosed { get; private set; }
    public bool IsStaff { get; private set; }

    public sealed record Row(Guid Id, string Subject, string Child, string? Group, string StartedBy, DateTimeOffset LastMessageAt, bool Closed, int Unread);
    public sealed record GroupFilter(Guid Id, string Name, int Unread);

    public async Task OnGetAsync(Guid? group, bool closed, CancellationToken ct)
    {
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        IsStaff = isAdmin || viewer.IsTeacher;
        GroupId = group;
        ShowClosed = closed;
        Settings = await settings.GetAsync(ct);
        var today = clock.Today;
        NextOpening = OfficeHours.NextOpening(clock.LocalNow, Settings.OfficeStart, Settings.OfficeEnd, await calendar.ForPeriodAsync(today, today.AddDays(30), ct));
        var visible = await access.VisibleToAsync(userId, isAdmin, ct);
        if (viewer.IsParent)
        {
            Mine = await Project(visible.Where(c => c.StartedById == userId), userId).ToListAsync(ct);
        }
        if (IsStaff)
        {
            var inbox = visible.Where(c => c.StartedById != userId && (c.ClosedAt != null) == closed);
            var all = await Project(inbox, userId).ToListAsync(ct);
            var groupIds = await inbox.Select(c => new { c.Pupil!.GroupId, c.Id }).ToListAsync(ct);
            Groups = await db.Groups.AsNoTracking()
                .Where(g => isAdmin || g.Teachers.Any(t => t.UserId == userId))
                .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
                .Select(g => new GroupFilter(g.Id, g.Name, 0))
                .ToListAsync(ct);
            var unreadPerGroup = groupIds.Join(all, x => x.Id, r => r.Id, (x, r) => new { x.GroupId, r.Unread })
                .GroupBy(x => x.GroupId).ToDictionary(g => g.Key ?? Guid.Empty, g => g.Sum(x => x.Unread));
            Groups = Groups.Select(g => g with { Unread = unreadPerGroup.GetValueOrDefault(g.Id) }).ToList();
            var inGroup = group is { } id ? groupIds.Where(x => x.GroupId == id).Select(x => x.Id).ToHashSet() : null;
            Inbox = all.Where(r => inGroup is null || inGroup.Contains(r.Id)).ToList();
        }
    }

    private IQueryable<Row> Project(IQueryable<Conversation> query, Guid userId) =>
        query.OrderByDescending(c => c.LastMessageAt)
            .Take(200)
            .Select(c => new Row(c.Id, c.Subject,
                c.Pupil!.FullName,
                c.Pupil.Group!.Name, c.StartedBy!.FullName, c.LastMessageAt, c.ClosedAt != null,
                c.Messages.Count(m => m.AuthorId != userId
                    && !c.Reads.Any(r => r.UserId == userId && r.ReadAt >= m.CreatedAt))));
}
