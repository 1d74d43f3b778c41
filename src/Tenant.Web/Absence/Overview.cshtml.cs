using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;

using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>The school's absences per day of a week and per week over the last twelve weeks (admins).</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Absence)]
public sealed class OverviewModel(SchoolpleinDb db, SchoolClock clock, ISchoolDayCalendar calendar) : PageModel
{
    public const int Weeks = 12;

    public DateOnly Monday { get; private set; }
    public IReadOnlyList<DayRow> Days { get; private set; } = [];
    public IReadOnlyList<WeekCount> PerWeek { get; private set; } = [];

    public sealed record DayRow(DateOnly Day, bool SchoolDay, IReadOnlyList<string> Names);

    public async Task OnGetAsync([ModelBinder(typeof(IsoDateBinder))] DateOnly? week, CancellationToken ct)
    {
        var today = clock.Today;
        // A week outside the school-date window (a hand-made link) shows this week instead.
        Monday = AbsenceStatistics.MondayOf(week is { } w && SchoolDates.InRange(w) ? w : today);
        var sunday = Monday.AddDays(6);
        var chartEnd = sunday < today ? sunday : today;
        var from = AbsenceStatistics.MondayOf(chartEnd).AddDays(-7 * (Weeks - 1));
        var rows = await db.Set<AbsenceReport>().AsNoTracking()
            .Where(r => r.CancelledAt == null && r.FromDate <= sunday && (r.ToDate == null || r.ToDate >= from))
            .Select(r => new { r.PupilId, r.FromDate, r.ToDate, r.Pupil!.FirstName, r.Pupil.LastNamePrefix, r.Pupil.LastName, Group = r.Pupil.Group!.Name })
            .ToListAsync(ct);
        var days = await calendar.ForPeriodAsync(from, sunday, ct);
        // An open report counts up to today, not into the future.
        var periods = rows.Select(r => new AbsencePeriod(r.PupilId, r.FromDate, r.ToDate ?? today)).ToList();
        PerWeek = AbsenceStatistics.PerWeek(periods, days, chartEnd, Weeks);
        Days = Enumerable.Range(0, 5).Select(i => Monday.AddDays(i)).Select(day => new DayRow(day, days.IsSchoolDay(day),
            rows.Where(r => r.FromDate <= day && (r.ToDate ?? (day <= today ? day : DateOnly.MinValue)) >= day)
                .OrderBy(r => r.Group).ThenBy(r => r.FirstName)
                .Select(r => $"{PersonName.Format(r.FirstName, r.LastNamePrefix, r.LastName)} ({r.Group})").ToList())).ToList();
    }
}
