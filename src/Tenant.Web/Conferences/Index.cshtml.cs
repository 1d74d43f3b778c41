using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Tenant.Web.Calendar;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Conferences;

/// <summary>
/// A parent's conferences: per round, per child, per teacher of that child the booked slot
/// (cancel or move) or the free slots; slots next to the parent's other bookings come first.
/// </summary>
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db, ConferenceBookings bookings, IStringLocalizer<ConferenceText> text, TimeProvider time, TenantContext tenant)
    : PageModel
{
    public IReadOnlyList<RoundView> Rounds { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }
    public bool IsStaff { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public sealed record RoundView(
        Guid Id, string Title, string? Location, string? VideoLink, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Open, bool EarlyForMe,
        IReadOnlyList<ChildView> Children);
    public sealed record ChildView(Guid Id, string Name, IReadOnlyList<TeacherView> Teachers);
    public sealed record TeacherView(Guid Id, string Name, BookingView? Booking, IReadOnlyList<SlotView> FreeSlots);
    public sealed record BookingView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
    public sealed record SlotView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Suggested);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostBookAsync(Guid childId, Guid slotId, CancellationToken ct)
    {
        // Moving gives the booked time up (another family may take it at once): ask first.
        if (!this.IsConfirmed() && await bookings.WouldMoveFromAsync(viewer.Id, childId, slotId, ct) is { } from
            && await SlotStartAsync(slotId, ct) is { } to)
        {
            return this.Ask(text["MoveConfirmTitle"], text["MoveConfirmQuestion", Full(from), Full(to)], text["MoveConfirmButton"], "/gesprekken");
        }
        var result = await bookings.BookAsync(viewer.Id, childId, slotId, ct);
        Message = result.Succeeded ? text[result.Value!.Moved ? "Moved" : "Booked"] : text.Text(result.Problems[0]);
        MessageIsError = !result.Succeeded;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid bookingId, CancellationToken ct)
    {
        if (!this.IsConfirmed() && await bookings.CancellableStartAsync(viewer.Id, bookingId, ct) is { } startsAt)
        {
            return this.Ask(text["CancelConfirmTitle"], text["CancelConfirmQuestion", Full(startsAt)], text["CancelConfirmButton"], "/gesprekken");
        }
        var cancelled = await bookings.CancelAsync(viewer.Id, bookingId, ct);
        Message = cancelled.Succeeded ? text["Cancelled"] : text.Text(cancelled.Problems[0]);
        MessageIsError = !cancelled.Succeeded;
        await LoadAsync(ct);
        return Page();
    }

    private Task<DateTimeOffset?> SlotStartAsync(Guid slotId, CancellationToken ct) =>
        db.Set<ConferenceSlot>().AsNoTracking().Where(s => s.Id == slotId).Select(s => (DateTimeOffset?)s.StartsAt).FirstOrDefaultAsync(ct);

    /// <summary>"dinsdag 8 december 15:10" in the school's time zone.</summary>
    private string Full(DateTimeOffset at) =>
        DateText.DayAndTime(TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime);

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = viewer.Id;
        IsStaff = viewer.IsStaff;
        Now = time.GetUtcNow();
        var since = Now.AddDays(-14);
        var children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null && g.Pupil.GroupId != null)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => new { g.PupilId, g.Pupil!.FirstName, GroupId = g.Pupil.GroupId!.Value })
            .ToListAsync(ct);
        var groupIds = children.Select(c => c.GroupId).Distinct().ToList();
        var rounds = await db.Set<ConferenceRound>().AsNoTracking()
            .Where(r => r.BookingClosesAt > since && r.Groups.Any(g => groupIds.Contains(g.GroupId)))
            .OrderBy(r => r.BookingClosesAt)
            .Select(r => new
            {
                r.Id, r.Title, r.Location, r.VideoLink, r.BookingOpensAt, r.BookingClosesAt, r.SiblingsBookEarly,
                Groups = r.Groups.Select(g => g.GroupId).ToList(),
            })
            .ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var teachers = await db.GroupTeachers.AsNoTracking()
            .Where(t => groupIds.Contains(t.GroupId))
            .Select(t => new { t.GroupId, t.UserId, Name = t.User!.FullName })
            .ToListAsync(ct);
        var teacherIds = teachers.Select(t => t.UserId).Distinct().ToList();
        var slots = await db.Set<ConferenceSlot>().AsNoTracking()
            .Where(s => roundIds.Contains(s.RoundId) && teacherIds.Contains(s.TeacherId))
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.Id, s.RoundId, s.TeacherId, s.StartsAt, s.EndsAt, s.Blocked, Booked = s.Booking != null })
            .ToListAsync(ct);
        var mine = await bookings.Manageable(userId).AsNoTracking()
            .Where(b => roundIds.Contains(b.RoundId))
            .Select(b => new { b.Id, b.RoundId, b.TeacherId, b.PupilId, b.Slot!.StartsAt, b.Slot.EndsAt })
            .ToListAsync(ct);

        Rounds = rounds.Select(r =>
        {
            var inRound = children.Where(c => r.Groups.Contains(c.GroupId)).ToList();
            var early = r.SiblingsBookEarly && inRound.Select(c => c.GroupId).Distinct().Count() > 1;
            var opensAt = early ? r.BookingOpensAt.AddDays(-1) : r.BookingOpensAt;
            var roundBookings = mine.Where(b => b.RoundId == r.Id).ToList();
            var childViews = inRound.Select(c => new ChildView(c.PupilId, c.FirstName, teachers
                .Where(t => t.GroupId == c.GroupId && slots.Any(s => s.RoundId == r.Id && s.TeacherId == t.UserId))
                .Select(t =>
                {
                    var booked = roundBookings.FirstOrDefault(b => b.TeacherId == t.UserId && b.PupilId == c.PupilId);
                    var others = roundBookings.Where(b => b != booked).ToList();
                    var free = slots
                        .Where(s => s.RoundId == r.Id && s.TeacherId == t.UserId && !s.Blocked && !s.Booked && s.StartsAt > Now)
                        .Select(s => new SlotView(s.Id, s.StartsAt, s.EndsAt, others.Any(o => o.EndsAt == s.StartsAt || o.StartsAt == s.EndsAt)))
                        .OrderByDescending(s => s.Suggested).ThenBy(s => s.StartsAt)
                        .ToList();
                    return new TeacherView(t.UserId, t.Name, booked is null ? null : new BookingView(booked.Id, booked.StartsAt, booked.EndsAt), free);
                }).ToList())).ToList();
            return new RoundView(r.Id, r.Title, r.Location, r.VideoLink, opensAt, r.BookingClosesAt,
                Now >= opensAt && Now < r.BookingClosesAt, early, childViews);
        }).ToList();
    }
}
