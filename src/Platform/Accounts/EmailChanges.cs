using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

public enum EmailChangeOutcome
{
    Changed,
    AlreadyChanged,
    InvalidLink,
    AddressTaken,
}

/// <summary>
/// Changing the sign-in address: the new address gets a link (Identity's change-email token,
/// bound to that address and to the security stamp); only that link changes the account. Then
/// the address, user name and stamp change in one save (other sessions end, the link cannot be
/// used twice) together with a notice to the old address.
/// </summary>
public sealed class EmailChanges(SchoolpleinDb db, UserManager<AppUser> users, AccountMails mails)
{
    /// <summary>
    /// Mails the confirmation link. An address that already belongs to another account of the
    /// school gets no mail and the caller shows the same answer: the form does not reveal accounts.
    /// </summary>
    public async Task RequestAsync(AppUser user, string newEmail, CancellationToken ct = default)
    {
        if (await users.FindByEmailAsync(newEmail) is not null)
        {
            return;
        }
        mails.EmailChange(user, newEmail, await users.GenerateChangeEmailTokenAsync(user, newEmail));
        await db.SaveChangesAsync(ct);
    }

    public async Task<EmailChangeOutcome> ConfirmAsync(Guid userId, string? newEmail, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(newEmail) || string.IsNullOrEmpty(token)
            || await users.FindByIdAsync(userId.ToString()) is not { DeactivatedAt: null } user)
        {
            return EmailChangeOutcome.InvalidLink;
        }
        // The token first: answering "already changed" for a made-up link would confirm a guessed address.
        // (A used link is invalid too, since the change renews the security stamp.)
        var purpose = UserManager<AppUser>.GetChangeEmailTokenPurpose(newEmail);
        if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, purpose, token))
        {
            return EmailChangeOutcome.InvalidLink;
        }
        if (string.Equals(user.Email, newEmail, StringComparison.OrdinalIgnoreCase))
        {
            return EmailChangeOutcome.AlreadyChanged;
        }
        var oldEmail = user.Email!;
        user.Email = newEmail;
        user.UserName = newEmail;
        user.EmailConfirmed = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await users.UpdateNormalizedEmailAsync(user);
        await users.UpdateNormalizedUserNameAsync(user);
        var notice = mails.EmailChanged(user, oldEmail, newEmail);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            db.Entry(notice).State = EntityState.Detached;
            return EmailChangeOutcome.AddressTaken;
        }
        return EmailChangeOutcome.Changed;
    }
}
