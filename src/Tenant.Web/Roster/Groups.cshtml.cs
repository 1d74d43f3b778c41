using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Roster;

[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class GroupsModel(SchoolpleinDb db, RosterService roster, IStringLocalizer<RosterText> text) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(Guid Id, string Name, string SchoolYear, IReadOnlyList<string> Teachers, int Pupils);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var added = await roster.AddGroupAsync(Input.ToFields(), ct);
        if (!added.Succeeded)
        {
            ModelState.AddProblems(added.Problems, text, nameof(Input));
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/beheer/groepen/{added.Value}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new Row(g.Id, g.Name, g.SchoolYear,
                g.Teachers.OrderBy(t => t.User!.FirstName).Select(t => t.User!.FullName).ToList(),
                g.Pupils.Count(p => p.ArchivedAt == null)))
            .ToListAsync(ct);
}
