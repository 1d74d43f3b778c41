using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>One staff member: role, deactivate or reactivate, resend the invitation.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class StaffMemberModel(SchoolpleinDb db, StaffAccounts staff, IStringLocalizer<RosterText> text) : PageModel
{
    private static readonly Guid TeacherRole = StaffAccounts.TeacherRole;
    private static readonly Guid AdminRole = StaffAccounts.AdminRole;

    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public bool Admin { get; private set; }
    public bool Confirmed { get; private set; }
    public bool Deactivated { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } user ? await ShowAsync(user, ct) : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken ct) =>
        await ShowAsync(id, await staff.SetRoleAsync(id, role, ct), "RoleChanged", ct);

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(id, await staff.SetActiveAsync(id, false, ct), "DeactivatedDone", ct);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(id, await staff.SetActiveAsync(id, true, ct), "ReactivatedDone", ct);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        var resent = await staff.ResendAsync(id, ct);
        if (!resent.Succeeded || await FindAsync(id, ct) is not { } user)
        {
            return NotFound();
        }
        if (!user.EmailConfirmed && user.DeactivatedAt is null)
        {
            Message = text["Invited", user.Email ?? ""];
        }
        return await ShowAsync(user, ct);
    }

    /// <summary>The page after a command: not found, the refusal in place, or the confirmation.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, Outcome outcome, string doneKey, CancellationToken ct)
    {
        if (outcome.Problems.Any(p => p.Key == "NotFound") || await FindAsync(id, ct) is not { } user)
        {
            return NotFound();
        }
        if (outcome.Succeeded)
        {
            Message = text[doneKey];
        }
        else
        {
            ModelState.AddProblems(outcome.Problems, text);
        }
        return await ShowAsync(user, ct);
    }

    /// <summary>Only staff of this school: a parent's id (or another school's) is not found here.</summary>
    private Task<AppUser?> FindAsync(Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && db.UserRoles.Any(r => r.UserId == u.Id && (r.RoleId == TeacherRole || r.RoleId == AdminRole)), ct);

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
