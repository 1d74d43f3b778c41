using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Calendar;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Conferences;

/// <summary>
/// One round for staff: add time windows (slots are generated), add or block single slots, see
/// who has not booked, and (admins) remind those families. Teachers manage their own slots only.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class RoundModel(CurrentUser viewer, ConferencePlanning planning, SchoolpleinDb db, IStringLocalizer<ConferenceText> text)
    : PageModel
{
    public RoundView Round { get; private set; } = null!;
    public IReadOnlyList<TeacherOption> Teachers { get; private set; } = [];
    public IReadOnlyList<SlotRow> Slots { get; private set; } = [];
    public IReadOnlyList<UnbookedRow> Unbooked { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public WindowForm Window { get; set; } = new();

    public sealed record RoundView(Guid Id, string Title, string? Location, string? VideoLink, int SlotMinutes,
        DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool SiblingsBookEarly, bool SeparateGuardianBookings, IReadOnlyList<string> Groups);
    public sealed record TeacherOption(Guid Id, string Name);
    public sealed record SlotRow(Guid Id, Guid TeacherId, string Teacher, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Blocked, string? Child);
    public sealed record UnbookedRow(string Child, string Group);

    public sealed class WindowForm
    {
        public Guid TeacherId { get; set; }
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Breaks { get; set; }
    }

    private IQueryable<ConferenceRound> Mine(Guid id) => planning.RoundsFor(viewer).Where(r => r.Id == id);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddWindowAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // A teacher id that did not bind would leave the default (the first teacher) in place: refuse it.
        if (!ModelState.IsValid || !MayManage(Window.TeacherId))
        {
            return NotFound();
        }
        var date = EventForm.ParseDate(Window.Date);
        var start = EventForm.ParseTime(Window.Start);
        var end = EventForm.ParseTime(Window.End);
        var breaks = TimeRange.ParseList(Window.Breaks);
        if (date is null || start is null || end is null)
        {
            ModelState.AddModelError("", text["ErrorDateTime"]);
            return Page();
        }
        if (breaks is null)
        {
            ModelState.AddModelError("", text["ErrorBreaksFormat"]);
            return Page();
        }
        var added = await planning.AddWindowAsync(id, Window.TeacherId, date.Value, new TimeRange(start.Value, end.Value), breaks, ct);
        if (!added.Succeeded)
        {
            ModelState.AddProblems(added.Problems, text);
            return Page();
        }
        await LoadAsync(id, ct);
        Message = text.Plural("WindowAdded", added.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAddSlotAsync(Guid id, Guid teacherId, string? date, string? start, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !MayManage(teacherId))
        {
            return NotFound();
        }
        var day = EventForm.ParseDate(date);
        var time = EventForm.ParseTime(start);
        if (day is null || time is null)
        {
            ModelState.AddModelError("", text["ErrorDateTime"]);
            return Page();
        }
        var added = await planning.AddSlotAsync(id, teacherId, day.Value, time.Value, ct);
        if (!added.Succeeded)
        {
            ModelState.AddProblems(added.Problems, text);
            return Page();
        }
        await LoadAsync(id, ct);
        Message = text["SlotAdded"];
        return Page();
    }

    public Task<IActionResult> OnPostBlockAsync(Guid id, Guid slotId, CancellationToken ct) => SetBlockedAsync(id, slotId, true, ct);

    public Task<IActionResult> OnPostUnblockAsync(Guid id, Guid slotId, CancellationToken ct) => SetBlockedAsync(id, slotId, false, ct);

    private async Task<IActionResult> SetBlockedAsync(Guid id, Guid slotId, bool blocked, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Slots.FirstOrDefault(s => s.Id == slotId) is not { } slot || !MayManage(slot.TeacherId))
        {
            return NotFound();
        }
        var changed = await planning.SetBlockedAsync(slotId, blocked, ct);
        if (!changed.Succeeded)
        {
            ModelState.AddProblems(changed.Problems, text);
            return Page();
        }
        await LoadAsync(id, ct);
        Message = text[blocked ? "SlotBlocked" : "SlotFreed"];
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !IsAdmin)
        {
            return NotFound();
        }
        var count = await planning.RemindUnbookedAsync(id, ct);
        Message = text.Plural("Reminded", count);
        return Page();
    }

    private bool MayManage(Guid teacherId) => Teachers.Any(t => t.Id == teacherId);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var userId = viewer.Id;
        IsAdmin = viewer.IsAdmin;
        var round = await Mine(id).AsNoTracking()
            .Select(r => new RoundView(r.Id, r.Title, r.Location, r.VideoLink, r.SlotMinutes, r.BookingOpensAt, r.BookingClosesAt,
                r.SiblingsBookEarly, r.SeparateGuardianBookings,
                r.Groups.OrderBy(g => g.Group!.SortOrder).Select(g => g.Group!.Name).ToList()))
            .FirstOrDefaultAsync(ct);
        if (round is null)
        {
            return false;
        }
        Round = round;
        var isAdmin = IsAdmin;
        Teachers = await db.Users.AsNoTracking()
            .Where(u => planning.TeachersOf(id).Contains(u.Id) && (isAdmin || u.Id == userId))
            .OrderBy(u => u.FirstName)
            .Select(u => new TeacherOption(u.Id, u.FullName))
            .ToListAsync(ct);
        var teacherIds = Teachers.Select(t => t.Id).ToList();
        Slots = await db.Set<ConferenceSlot>().AsNoTracking()
            .Where(s => s.RoundId == id && teacherIds.Contains(s.TeacherId))
            .OrderBy(s => s.Teacher!.FirstName).ThenBy(s => s.StartsAt)
            .Select(s => new SlotRow(s.Id, s.TeacherId, s.Teacher!.FullName, s.Date, s.StartsAt, s.EndsAt, s.Blocked,
                s.Booking == null ? null : s.Booking.Pupil!.FullName))
            .ToListAsync(ct);
        var teacherFilter = isAdmin ? (Guid?)null : userId;
        Unbooked = await planning.Unbooked(id, teacherFilter).AsNoTracking()
            .OrderBy(p => p.Group!.SortOrder).ThenBy(p => p.FirstName)
            .Select(p => new UnbookedRow(p.FullName, p.Group!.Name))
            .ToListAsync(ct);
        if (Window.TeacherId == Guid.Empty && Teachers.Count > 0)
        {
            Window.TeacherId = Teachers[0].Id;
        }
        return true;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
