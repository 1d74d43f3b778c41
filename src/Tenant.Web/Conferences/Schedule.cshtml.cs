using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Conferences;

/// <summary>A teacher's conferences on one day, on screen or as a PDF to print. Teachers see their own; admins anyone's in the round.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class ScheduleModel(CurrentUser viewer, ConferencePlanning planning, SchoolpleinDb db, ConferenceSchedulePdf pdf, SchoolClock clock)
    : PageModel
{
    public ConferenceSchedule Schedule { get; private set; } = null!;
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public Guid TeacherId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? teacher, string? date, CancellationToken ct) =>
        await LoadAsync(id, teacher, date, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid? teacher, string? date, CancellationToken ct)
    {
        if (!await LoadAsync(id, teacher, date, ct))
        {
            return NotFound();
        }
        return File(pdf.Render(Schedule), "application/pdf", $"gesprekken-{Schedule.Date:yyyy-MM-dd}.pdf");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? teacher, string? date, CancellationToken ct)
    {
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        TeacherId = teacher ?? userId;
        if (!isAdmin && TeacherId != userId)
        {
            return false;
        }
        var round = await planning.RoundsFor(viewer).AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Title, r.Location }).FirstOrDefaultAsync(ct);
        if (round is null || !await planning.TeachersOf(id).AnyAsync(t => t == TeacherId, ct))
        {
            return false;
        }
        Days = await db.Set<ConferenceSlot>().AsNoTracking().Where(s => s.RoundId == id && s.TeacherId == TeacherId)
            .Select(s => s.Date).Distinct().OrderBy(d => d).ToListAsync(ct);
        var day = SchoolDates.Parse(date) ?? (Days.Count > 0 ? Days[0] : clock.Today);
        var teacherName = await db.Users.Where(u => u.Id == TeacherId)
            .Select(u => u.FullName).FirstAsync(ct);
        var rows = await db.Set<ConferenceSlot>().AsNoTracking()
            .Where(s => s.RoundId == id && s.TeacherId == TeacherId && s.Date == day)
            .OrderBy(s => s.StartsAt)
            .Select(s => new ScheduleRow(s.StartsAt, s.EndsAt, s.Blocked,
                s.Booking == null ? null : s.Booking.Pupil!.FullName,
                s.Booking == null ? null : s.Booking.Pupil!.Group!.Name,
                s.Booking == null ? null : s.Booking.BookedBy!.FullName))
            .ToListAsync(ct);
        var unbooked = await planning.Unbooked(id, TeacherId).AsNoTracking()
            .OrderBy(p => p.FirstName)
            .Select(p => p.FullName)
            .ToListAsync(ct);
        Schedule = new ConferenceSchedule(round.Title, round.Location, teacherName, day, rows, unbooked);
        return true;
    }

    public string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
