using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>The director's list of leave requests: open ones first, then decided ones.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Leave)]
public sealed class ManageModel(SchoolpleinDb db) : PageModel
{
    public bool ShowAll { get; private set; }
    public IReadOnlyList<Row> Requests { get; private set; } = [];

    public sealed record Row(Guid Id, string Children, LeaveKind Kind, string? TypeName, DateOnly Start, DateOnly End, int SchoolDays,
        LeaveStatus Status, bool Forward, int Warnings, DateTimeOffset CreatedAt);

    public async Task OnGetAsync(bool all, CancellationToken ct)
    {
        ShowAll = all;
        var open = new[] { LeaveStatus.Pending, LeaveStatus.Forwarded };
        Requests = await db.Set<LeaveRequest>().AsNoTracking()
            .Where(r => all || open.Contains(r.Status))
            .OrderBy(r => r.Status == LeaveStatus.Pending ? 0 : r.Status == LeaveStatus.Forwarded ? 1 : 2).ThenByDescending(r => r.CreatedAt)
            .Take(500)
            .Select(r => new Row(r.Id, string.Join(", ", r.Children.OrderBy(c => c.Pupil!.FirstName).Select(c => c.Pupil!.FullName)),
                r.Kind, r.LeaveType!.Name, r.StartDate, r.EndDate, r.SchoolDays, r.Status, r.ForwardToAttendanceOfficer,
                r.Findings.Count, r.CreatedAt))
            .ToListAsync(ct);
    }
}
