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

/// <summary>
/// The pupil list: search by name, filter by group, 25 a page. The query reads only the
/// page it shows (ordered by the (tenant_id, last_name, first_name) index); counting
/// guardians is a correlated count per shown row.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class PupilsModel(SchoolpleinDb db, RosterService roster, IStringLocalizer<RosterText> text) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(Guid Id, string Name, string? Group, int Guardians, bool Archived);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var added = await roster.AddPupilAsync(Input.ToFields(), ct);
        if (!added.Succeeded)
        {
            ModelState.AddProblems(added.Problems, text, nameof(Input));
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/beheer/leerlingen/{added.Value}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = await PupilInput.GroupOptionsAsync(db, ct);
        Input.GroupOptions = Groups;
        var query = db.Pupils.AsNoTracking().Where(p => Archived || p.ArchivedAt == null);
        if (Group is { } groupId)
        {
            query = query.Where(p => p.GroupId == groupId);
        }
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // Also without the prefix: people search "Femke Hof" for "Femke van 't Hof".
            query = query.Where(p => EF.Functions.ILike(p.FullName, pattern) || EF.Functions.ILike(p.FirstName + " " + p.LastName, pattern));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new Row(p.Id,
                p.FullName,
                p.Group!.Name, p.Guardians.Count, p.ArchivedAt != null))
            .ToListAsync(ct);
    }

    public string PageUrl(int page) =>
        $"/beheer/leerlingen?q={Uri.EscapeDataString(Q ?? "")}&group={Group}&archived={(Archived ? "true" : "false")}&p={page}";
}
