using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

public sealed record NewStaff(string Email, string FirstName, string? LastNamePrefix, string LastName, string Role);

/// <summary>
/// Staff accounts: an invitation creates the account without a password and mails a link to
/// choose one (account, role and mail in one transaction); deactivation blocks sign-in and
/// changes the security stamp, so open sessions end at the next stamp check.
/// </summary>
public sealed class StaffInvitations(SchoolpleinDb db, UserManager<AppUser> users, AccountMails mails, TimeProvider time)
{
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Teacher, Roles.SchoolAdmin];

    /// <summary>Null when the address already has an account at this school.</summary>
    public async Task<Guid?> InviteAsync(NewStaff staff, string inviterName, CancellationToken ct = default)
    {
        if (await users.FindByEmailAsync(staff.Email) is not null)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            UserName = staff.Email, Email = staff.Email, EmailConfirmed = false, LockoutEnabled = true,
            FirstName = staff.FirstName, LastNamePrefix = staff.LastNamePrefix, LastName = staff.LastName, CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return null;
        }
        db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = RoleId(staff.Role) });
        mails.Invitation(user, await users.GeneratePasswordResetTokenAsync(user), inviterName);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user.Id;
    }

    public async Task ResendAsync(AppUser user, string inviterName, CancellationToken ct = default)
    {
        mails.Invitation(user, await users.GeneratePasswordResetTokenAsync(user), inviterName);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the one staff role (a parent role the person also holds stays).</summary>
    public async Task SetRoleAsync(AppUser user, string role, CancellationToken ct = default)
    {
        var staffIds = StaffRoles.Select(RoleId).ToList();
        var current = db.UserRoles.Where(r => r.UserId == user.Id && staffIds.Contains(r.RoleId)).ToList();
        db.UserRoles.RemoveRange(current);
        db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = RoleId(role) });
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task SetActiveAsync(AppUser user, bool active, CancellationToken ct = default)
    {
        user.DeactivatedAt = active ? null : time.GetUtcNow();
        await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(ct);
    }

    public static Guid RoleId(string role) => Roles.All.Single(r => r.Name == role).Id;
}
