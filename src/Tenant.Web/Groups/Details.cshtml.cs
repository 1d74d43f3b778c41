using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Groups;

/// <summary>A group's teachers and pupils, for the group's teachers and the school's admins.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class DetailsModel(CurrentUser viewer, SchoolpleinDb db) : PageModel
{
    public GroupView Group { get; private set; } = null!;
    public Guid Id { get; private set; }

    public sealed record GroupView(string Name, string SchoolYear, IReadOnlyList<string> Teachers, IReadOnlyList<PupilRow> Pupils);
    public sealed record PupilRow(string Name, int Guardians);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        var group = await db.Groups.AsNoTracking()
            .Where(g => g.Id == id && (isAdmin || g.Teachers.Any(t => t.UserId == userId)))
            .Select(g => new GroupView(
                g.Name,
                g.SchoolYear,
                g.Teachers.OrderBy(t => t.User!.FirstName).Select(t => t.User!.FullName).ToList(),
                g.Pupils.Where(p => p.ArchivedAt == null).OrderBy(p => p.FirstName).ThenBy(p => p.LastName)
                    .Select(p => new PupilRow(
                        p.FullName,
                        p.Guardians.Count))
                    .ToList()))
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return NotFound();
        }
        Group = group;
        Id = id;
        return Page();
    }
}
