using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

public sealed record NewStaff(string Email, string FirstName, string? LastNamePrefix, string LastName, string Role);

/// <summary>
/// Staff accounts of a school: an invitation creates the account without a password and mails
/// the single-use invitation link (<see cref="AccountInvitations"/>; account, role and mail in one
/// save); deactivation blocks sign-in and changes the security stamp, so open sessions end at the
/// next stamp check. Refusals are keys of the admin pages' texts.
/// </summary>
public sealed class StaffAccounts(SchoolpleinDb db, UserManager<AppUser> users, AccountInvitations invitations, CurrentUser current, TimeProvider time)
{
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Teacher, Roles.SchoolAdmin];
    public static readonly Guid TeacherRole = RoleId(Roles.Teacher);
    public static readonly Guid AdminRole = RoleId(Roles.SchoolAdmin);

    /// <summary>The new account's id; refused when the address already has an account at this school.</summary>
    public async Task<Outcome<Guid>> InviteAsync(NewStaff staff, CancellationToken ct = default)
    {
        if (!StaffRoles.Contains(staff.Role))
        {
            return new Problem("RoleInvalid").On("Role");
        }
        if (await users.FindByEmailAsync(staff.Email) is not null)
        {
            return new Problem("EmailTaken").On("Email");
        }
        var user = await invitations.EnsureAccountAsync(staff.Email, staff.FirstName, staff.LastNamePrefix, staff.LastName, staff.Role, ct);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        invitations.Invite(user, [invitations.InvitedBy(current.Name)]);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(user.Id);
    }

    /// <summary>A new invitation link (the earlier one stops working); only for a staff member who has not started yet.</summary>
    public async Task<Outcome> ResendAsync(Guid id, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return Outcome.Refused("NotFound");
        }
        if (user.EmailConfirmed || user.DeactivatedAt is not null)
        {
            return Outcome.Done;
        }
        invitations.Invite(user, [invitations.InvitedBy(current.Name)]);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Sets the one staff role (a parent role the person also holds stays). An admin cannot demote themselves.</summary>
    public async Task<Outcome> SetRoleAsync(Guid id, string? role, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return Outcome.Refused("NotFound");
        }
        if (role is null || !StaffRoles.Contains(role))
        {
            return Outcome.Refused([new Problem("RoleInvalid").On("role")]);
        }
        if (user.Id == current.Id && role != Roles.SchoolAdmin)
        {
            return Outcome.Refused([new Problem("NotYourself").On("role")]);
        }
        var staffIds = StaffRoles.Select(RoleId).ToList();
        var existing = await db.UserRoles.Where(r => r.UserId == user.Id && staffIds.Contains(r.RoleId)).ToListAsync(ct);
        db.UserRoles.RemoveRange(existing);
        db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = RoleId(role) });
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        return Outcome.Done;
    }

    /// <summary>Deactivates or reactivates a staff member; nobody deactivates themselves.</summary>
    public async Task<Outcome> SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is not { } user)
        {
            return Outcome.Refused("NotFound");
        }
        if (user.Id == current.Id)
        {
            return Outcome.Refused("NotYourself");
        }
        user.DeactivatedAt = active ? null : time.GetUtcNow();
        await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Only staff of this school: a parent's id (or another school's) is not found here.</summary>
    private Task<AppUser?> FindAsync(Guid id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && db.UserRoles.Any(r => r.UserId == u.Id && (r.RoleId == TeacherRole || r.RoleId == AdminRole)), ct);

    public static Guid RoleId(string role) => Roles.All.Single(r => r.Name == role).Id;
}
