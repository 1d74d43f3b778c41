using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Home;

[AllowAnonymous]
public sealed class IndexModel(SchoolpleinDb db) : PageModel
{
    public bool SignedIn { get; private set; }
    public bool IsParent { get; private set; }
    public bool IsStaff { get; private set; }
    public bool IsAdmin { get; private set; }
    public string FirstName { get; private set; } = "";
    public IReadOnlyList<ChildRow> Children { get; private set; } = [];
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public sealed record ChildRow(Guid Id, string Name, string? Group);
    public sealed record GroupRow(Guid Id, string Name, int Pupils);

    public async Task OnGetAsync(CancellationToken ct)
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        if (!SignedIn)
        {
            return;
        }
        var userId = User.UserId();
        FirstName = await db.Users.Where(u => u.Id == userId).Select(u => u.FirstName).FirstOrDefaultAsync(ct) ?? "";
        IsParent = User.IsInRole(Roles.Parent);
        IsAdmin = User.IsInRole(Roles.SchoolAdmin);
        IsStaff = IsAdmin || User.IsInRole(Roles.Teacher);
        if (IsParent)
        {
            Children = await db.Guardianships.AsNoTracking()
                .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null)
                .OrderBy(g => g.Pupil!.FirstName)
                .Select(g => new ChildRow(g.PupilId,
                    g.Pupil!.FirstName + (g.Pupil.LastNamePrefix == null ? "" : " " + g.Pupil.LastNamePrefix) + " " + g.Pupil.LastName,
                    g.Pupil.Group!.Name))
                .ToListAsync(ct);
        }
        if (IsStaff)
        {
            Groups = await db.Groups.AsNoTracking()
                .Where(g => IsAdmin || g.Teachers.Any(t => t.UserId == userId))
                .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
                .Select(g => new GroupRow(g.Id, g.Name, g.Pupils.Count(p => p.ArchivedAt == null)))
                .ToListAsync(ct);
        }
    }
}
