using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

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

    /// <summary>Problem keys of <see cref="ConfirmAsync"/> (the settings pages' resources).</summary>
    public const string InvalidLink = "ConfirmInvalid";

    public const string AddressTaken = "ConfirmTaken";

    /// <summary>
    /// Changes the address the link is for. Done with true when it changed now, false when it had
    /// changed already (the link opened twice); refused with <see cref="InvalidLink"/> or <see cref="AddressTaken"/>.
    /// </summary>
    public async Task<Outcome<bool>> ConfirmAsync(Guid userId, string? newEmail, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(newEmail) || string.IsNullOrEmpty(token)
            || await users.FindByIdAsync(userId.ToString()) is not { DeactivatedAt: null } user)
        {
            return Outcome<bool>.Refused(InvalidLink);
        }
        // The token first: answering "already changed" for a made-up link would confirm a guessed address.
        // (A used link is invalid too, since the change renews the security stamp.)
        var purpose = UserManager<AppUser>.GetChangeEmailTokenPurpose(newEmail);
        if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, purpose, token))
        {
            return Outcome<bool>.Refused(InvalidLink);
        }
        if (string.Equals(user.Email, newEmail, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<bool>.Done(false);
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
            return Outcome<bool>.Refused(AddressTaken);
        }
        return Outcome<bool>.Done(true);
    }
}
