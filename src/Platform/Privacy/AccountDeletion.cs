using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Privacy;

/// <summary>The account being deleted; <see cref="Email"/> for features that keep data by address (mail outbox).</summary>
public sealed record AccountDeletionContext(Guid UserId, string? Email, DateTimeOffset At);

/// <summary>
/// One feature's step when a person deletes their account (AVG art. 17). Runs inside the
/// deletion's transaction, before the account is anonymised: remove what the feature stores
/// about the person, or keep what the school must keep (it then points at the anonymised
/// account: a comment in a thread, a leave decision). Register with
/// <see cref="PrivacyRegistration.AddAccountDeletionParticipant{T}"/>.
/// </summary>
public interface IAccountDeletionParticipant
{
    Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct);
}

/// <summary>
/// Deletes a parent's account in one transaction: every participant does its part (links to
/// the children, photo, notifications, sign-ups, mails …), then the account row is emptied
/// into a nameless tombstone: no e-mail, name, phone, password, roles, logins or tokens, and
/// it can never sign in again. The row itself stays because school records that must be kept
/// (leave decisions, consent history, absence reports, messages) refer to it; they then show
/// "deleted account". Children stay at the school and with their other guardians.
/// </summary>
public sealed class AccountDeletion(
    SchoolpleinDb db, IEnumerable<IAccountDeletionParticipant> participants, TimeProvider time,
    IStringLocalizer<AccountsText> text, ILogger<AccountDeletion> log)
{
    private static readonly Guid[] StaffRoleIds = Roles.All.Where(r => r.Name is Roles.Teacher or Roles.SchoolAdmin).Select(r => r.Id).ToArray();

    /// <summary>Problem key: staff accounts are the school's, the school admin deactivates them.</summary>
    public const string StaffAccount = "DeleteStaff";

    /// <summary>Deletes the account; null when there is none (or it is deleted already), refused with <see cref="StaffAccount"/>.</summary>
    public async Task<Outcome?> DeleteAsync(Guid userId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct);
        if (user is null)
        {
            return null;
        }
        if (await db.UserRoles.AnyAsync(r => r.UserId == userId && StaffRoleIds.Contains(r.RoleId), ct))
        {
            return Outcome.Refused(StaffAccount);
        }
        var now = time.GetUtcNow();
        var context = new AccountDeletionContext(userId, user.Email, now);
        foreach (var participant in participants)
        {
            await participant.OnAccountDeletingAsync(context, ct);
        }
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<Invitation>().Where(i => i.UserId == userId).ExecuteDeleteAsync(ct);
        Anonymise(user, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Account {UserId} deleted by its owner", userId);
        return Outcome.Done;
    }

    private void Anonymise(AppUser user, DateTimeOffset now)
    {
        // Stored in the school's language (Dutch), whatever language the person used.
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        user.FirstName = text["DeletedAccountName"];
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        user.LastNamePrefix = null;
        user.LastName = "";
        user.UserName = null;
        user.NormalizedUserName = null;
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.PhoneVisibleToParents = false;
        user.AboutMe = null;
        user.PhotoBlobId = null;
        user.PhotoThumbnailBlobId = null;
        user.TwoFactorEnabled = false;
        user.AccessFailedCount = 0;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.NotifyBy = NotificationChannels.None;
        user.Language = "nl";
        user.DeactivatedAt ??= now;
        user.DeletedAt = now;
        // A new stamp ends every open session at its next check.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
