using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Admin;

[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class GroupsModel(SchoolpleinDb db, TimeProvider time, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(Guid Id, string Name, string SchoolYear, IReadOnlyList<string> Teachers, int Pupils);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var group = new Group { Name = "", SchoolYear = "", CreatedAt = time.GetUtcNow() };
        if (!Input.Apply(group, ModelState, text))
        {
            await LoadAsync(ct);
            return Page();
        }
        group.SortOrder = await db.Groups.CountAsync(ct);
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return Redirect($"/beheer/groepen/{group.Id}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new Row(g.Id, g.Name, g.SchoolYear,
                g.Teachers.OrderBy(t => t.User!.FirstName).Select(t => t.User!.FirstName + " " + t.User.LastName).ToList(),
                g.Pupils.Count(p => p.ArchivedAt == null)))
            .ToListAsync(ct);
}
