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

/// <summary>The absent children of a day per group: a teacher sees their own groups, an admin every group.</summary>
[Authorize(Roles = Roles.Staff)]
[RequiresModule(SchoolModules.Absence)]
public sealed class TodayModel(CurrentUser viewer, SchoolpleinDb db, SchoolClock clock, ISchoolDayCalendar calendar) : PageModel
{
    public DateOnly Day { get; private set; }
    public bool IsToday { get; private set; }
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public sealed record GroupRow(Guid Id, string Name, int Pupils, IReadOnlyList<AbsentRow> Absent);
    public sealed record AbsentRow(string Name, string? ReasonCode, string? ReasonName, DateOnly From, DateOnly? To, string? Note);

    public async Task OnGetAsync([ModelBinder(typeof(IsoDateBinder))] DateOnly? date, CancellationToken ct)
    {
        // On a weekend or holiday "today" is the next school day: that is what a teacher prepares for.
        var today = clock.Today;
        Day = date is { } d && SchoolDates.InRange(d) ? d : (await calendar.ForPeriodAsync(today, today.AddDays(30), ct)).SchoolDayOnOrAfter(today);
        IsToday = Day == clock.Today;
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        var day = Day;
        Groups = await db.Groups.AsNoTracking()
            .Where(g => isAdmin || g.Teachers.Any(t => t.UserId == userId))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new GroupRow(g.Id, g.Name, g.Pupils.Count(p => p.ArchivedAt == null),
                db.Set<AbsenceReport>()
                    .Where(r => r.Pupil!.GroupId == g.Id && r.Pupil.ArchivedAt == null && r.CancelledAt == null
                        && r.FromDate <= day && (r.ToDate == null || r.ToDate >= day))
                    .OrderBy(r => r.Pupil!.FirstName)
                    .Select(r => new AbsentRow(
                        r.Pupil!.FullName,
                        r.Reason!.Code, r.Reason.Name, r.FromDate, r.ToDate, r.Note))
                    .ToList()))
            .ToListAsync(ct);
    }
}
