using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

/// <summary>The account is active when <see cref="Activated"/>; <see cref="LostChildren"/> names children whose koppelcode was taken meanwhile.</summary>
public sealed record ActivationResult(bool Activated, IReadOnlyList<string> LostChildren)
{
    public static readonly ActivationResult Failed = new(false, []);
}

/// <summary>
/// Activating a parent's account (the mail's link, or a password reset that proves the address) and
/// sending a fresh activation mail. Activation settles the koppelcode places that a late activation
/// no longer holds (<see cref="LinkCodeService.SettleLapsedClaimsAsync"/>) in the same transaction.
/// </summary>
public sealed class AccountActivation(SchoolpleinDb db, UserManager<AppUser> users, LinkCodeService codes, AccountMails mails)
{
    /// <summary>Confirms the address with the mail's token. A link of another school finds no one here (query filter).</summary>
    public async Task<ActivationResult> ActivateAsync(Guid userId, string token, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.DeactivatedAt is not null)
        {
            return ActivationResult.Failed;
        }
        if (user.EmailConfirmed)
        {
            return new ActivationResult(true, []);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return ActivationResult.Failed;
        }
        var lost = await codes.SettleLapsedClaimsAsync(user.Id, ct);
        await transaction.CommitAsync(ct);
        return new ActivationResult(true, lost);
    }

    /// <summary>
    /// A password reset also proves the address: the account becomes active, with the same settling
    /// of koppelcode places as the activation link. Nothing happens for an active account.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConfirmByResetAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.EmailConfirmed)
        {
            return [];
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.EmailConfirmed = true;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return [];
        }
        var lost = await codes.SettleLapsedClaimsAsync(user.Id, ct);
        await transaction.CommitAsync(ct);
        return lost;
    }

    /// <summary>
    /// Sends a fresh activation link when the address belongs to an unactivated account of this school
    /// (earlier links keep working until they expire: the token is not tied to a counter). Otherwise
    /// nothing is sent, but the same work is done: the mail is composed, saved and the save rolled back,
    /// so the time of the answer does not tell whether the address has an account or is active.
    /// <paramref name="mayMail"/> is the caller's per-address throttle, asked only for a real send.
    /// </summary>
    public async Task ResendAsync(string email, Func<bool> mayMail, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(email);
        // Only an account its owner registered (with a password) is activated this way; an invited account
        // (staff, imported guardians) has no password yet and gets its own invitation link from the school.
        var send = user is { EmailConfirmed: false, DeactivatedAt: null, PasswordHash: not null } && mayMail();
        var recipient = send ? user! : AccountMails.Nobody(email);
        var token = await users.GenerateEmailConfirmationTokenAsync(recipient);
        await AccountMails.SaveOrRehearseAsync(db, send, () => mails.Activation(recipient, token), ct);
    }
}
