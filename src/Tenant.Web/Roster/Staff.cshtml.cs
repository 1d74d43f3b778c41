using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Account;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>Teachers and admins: search, page through, invite by e-mail.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class StaffModel(SchoolpleinDb db, StaffAccounts staff, IStringLocalizer<RosterText> text, IStringLocalizer<JoinText> personText) : PageModel
{
    public const int PageSize = 25;
    private static readonly Guid TeacherRole = StaffAccounts.TeacherRole;
    private static readonly Guid AdminRole = StaffAccounts.AdminRole;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    [BindProperty]
    public string? Role { get; set; }

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Message { get; private set; }

    public sealed record Row(Guid Id, string Name, string? Email, bool Admin, bool Confirmed, bool Deactivated);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = PersonInput.Validate(Input, ModelState, personText, requirePassword: false);
        // Checked here as well as in StaffAccounts, so a form with several mistakes shows them all at once.
        if (Role is null || !StaffAccounts.StaffRoles.Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), text["RoleInvalid"]);
        }
        if (person is null || !ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var invited = await staff.InviteAsync(new NewStaff(person.Email, person.FirstName, person.LastNamePrefix, person.LastName, Role!), ct);
        if (!invited.Succeeded)
        {
            foreach (var problem in invited.Problems)
            {
                ModelState.AddModelError(problem.Field == "Role" ? nameof(Role) : $"Input.{problem.Field}", text.Text(problem));
            }
            await LoadAsync(ct);
            return Page();
        }
        Message = text["Invited", person.Email];
        Input = new PersonInput();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.Users.AsNoTracking().Where(u => db.UserRoles.Any(r => r.UserId == u.Id && (r.RoleId == TeacherRole || r.RoleId == AdminRole)));
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // Also without the prefix: people search "Femke Hof" for "Femke van 't Hof".
            query = query.Where(u => EF.Functions.ILike(u.FullName, pattern)
                || EF.Functions.ILike(u.FirstName + " " + u.LastName, pattern) || EF.Functions.ILike(u.Email!, pattern));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new Row(u.Id, u.FullName, u.Email,
                db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == AdminRole), u.EmailConfirmed, u.DeactivatedAt != null))
            .ToListAsync(ct);
    }
}
