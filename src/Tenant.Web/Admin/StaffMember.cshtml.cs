using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Admin;

/// <summary>One staff member: role, deactivate or reactivate, resend the invitation.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class StaffMemberModel(SchoolpleinDb db, StaffInvitations staff, IStringLocalizer<AdminText> text) : PageModel
{
    private static readonly Guid TeacherRole = StaffInvitations.RoleId(Roles.Teacher);
    private static readonly Guid AdminRole = StaffInvitations.RoleId(Roles.SchoolAdmin);

    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public bool Admin { get; private set; }
    public bool Confirmed { get; private set; }
    public bool Deactivated { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } user ? await ShowAsync(user, ct) : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return NotFound();
        }
        if (role is not (Roles.Teacher or Roles.SchoolAdmin))
        {
            ModelState.AddModelError("role", text["RoleInvalid"]);
        }
        else if (user.Id == User.UserId() && role != Roles.SchoolAdmin)
        {
            ModelState.AddModelError("role", text["NotYourself"]);
        }
        else
        {
            await staff.SetRoleAsync(user, role, ct);
            Message = text["RoleChanged"];
        }
        return await ShowAsync(user, ct);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) => await SetActiveAsync(id, false, ct);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) => await SetActiveAsync(id, true, ct);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return NotFound();
        }
        if (!user.EmailConfirmed && user.DeactivatedAt is null)
        {
            await staff.ResendAsync(user, User.FindFirst(SchoolClaims.DisplayName)?.Value ?? "", ct);
            Message = text["Invited", user.Email ?? ""];
        }
        return await ShowAsync(user, ct);
    }

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return NotFound();
        }
        if (user.Id == User.UserId())
        {
            ModelState.AddModelError("", text["NotYourself"]);
            return await ShowAsync(user, ct);
        }
        await staff.SetActiveAsync(user, active, ct);
        Message = active ? text["ReactivatedDone"] : text["DeactivatedDone"];
        return await ShowAsync(user, ct);
    }

    /// <summary>Only staff of this school: a parent's id (or another school's) is not found here.</summary>
    private Task<AppUser?> FindAsync(Guid id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && db.UserRoles.Any(r => r.UserId == u.Id && (r.RoleId == TeacherRole || r.RoleId == AdminRole)), ct);

    private async Task<IActionResult> ShowAsync(AppUser user, CancellationToken ct)
    {
        Name = user.DisplayName;
        Email = user.Email;
        Confirmed = user.EmailConfirmed;
        Deactivated = user.DeactivatedAt is not null;
        Admin = await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == AdminRole, ct);
        return Page();
    }
}
