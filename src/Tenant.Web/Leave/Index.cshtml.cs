using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>The leave history of the guardian's children, per child.</summary>
[Authorize(Roles = Roles.Parent)]
[RequiresModule(SchoolModules.Leave)]
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db) : PageModel
{
    public IReadOnlyList<ChildHistory> Children { get; private set; } = [];

    public sealed record ChildHistory(Guid Id, string Name, IReadOnlyList<Row> Requests);
    public sealed record Row(Guid Id, LeaveKind Kind, string? TypeName, DateOnly Start, DateOnly End, int SchoolDays, LeaveStatus Status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = viewer.Id;
        Children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => new ChildHistory(g.PupilId, g.Pupil!.FirstName,
                db.Set<LeaveRequestChild>().Where(c => c.PupilId == g.PupilId)
                    .Join(db.Set<LeaveRequest>(), c => c.LeaveRequestId, r => r.Id, (c, r) => r)
                    .OrderByDescending(r => r.StartDate)
                    .Select(r => new Row(r.Id, r.Kind, r.LeaveType!.Name, r.StartDate, r.EndDate, r.SchoolDays, r.Status))
                    .ToList()))
            .ToListAsync(ct);
    }
}
