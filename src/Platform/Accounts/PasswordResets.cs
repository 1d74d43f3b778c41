using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

/// <summary>
/// "Wachtwoord vergeten": a reset link to an active account of this school. For an unknown or
/// deactivated address nothing is sent but the same work is done (token, mail composed, saved, the
/// save rolled back), so the time of the answer does not tell whether the address has an account.
/// <paramref name="mayMail"/> in <see cref="RequestAsync"/> is the caller's per-account throttle, asked only for a real send.
/// </summary>
public sealed class PasswordResets(SchoolpleinDb db, UserManager<AppUser> users, AccountMails mails)
{
    public async Task RequestAsync(string email, Func<bool> mayMail, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(email);
        var send = user is { DeactivatedAt: null } && mayMail();
        var recipient = send ? user! : AccountMails.Nobody(email);
        var token = await users.GeneratePasswordResetTokenAsync(recipient);
        await AccountMails.SaveOrRehearseAsync(db, send, () => mails.PasswordReset(recipient, token), ct);
    }
}
