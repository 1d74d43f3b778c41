using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

/// <summary>
/// The invited person's side of <see cref="AccountInvitations"/>: choosing the first password on
/// the school's host. Lives with the accounts because it needs the school's Identity (the
/// backoffice only sends invitations).
/// </summary>
public sealed class InvitationAcceptance(SchoolpleinDb db, AccountInvitations invitations, UserManager<AppUser> users, TimeProvider time)
{
    /// <summary>
    /// Accepts an open invitation: the chosen password, the confirmed address (the mail arrived)
    /// and the used invitation are saved together. The accepted account is the value.
    /// </summary>
    public async Task<Outcome<AppUser>> AcceptAsync(string? token, string? password, string? confirm, CancellationToken ct = default)
    {
        var invitation = await invitations.FindOpenAsync(token, ct);
        if (invitation is null)
        {
            return Outcome<AppUser>.Refused("Invalid");
        }
        var user = invitation.User!;
        if (await users.HasPasswordAsync(user))
        {
            return Outcome<AppUser>.Refused("AlreadyActive");
        }
        if (string.IsNullOrEmpty(password))
        {
            return new Problem("Required").On("Password");
        }
        if (password != confirm)
        {
            return new Problem("Mismatch").On("Confirm");
        }
        var problems = new List<Problem>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            // Identity's descriptions are already in the request's language (LocalizedIdentityErrorDescriber).
            problems.AddRange(check.Errors.Select(e => new Problem("PasswordRule", e.Description).On("Password")));
        }
        if (problems.Count > 0)
        {
            return Outcome<AppUser>.Refused(problems);
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.EmailConfirmed = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        invitation.AcceptedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<AppUser>.Done(user);
    }

}
