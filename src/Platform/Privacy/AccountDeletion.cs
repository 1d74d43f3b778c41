using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Privacy;

/// <summary>The account being deleted; <see cref="Email"/> for features that keep data by address (mail outbox).</summary>
public sealed record AccountDeletionContext(Guid UserId, string? Email, DateTimeOffset At);

/// <summary>
/// One feature's step when a person deletes their account (AVG art. 17). Runs inside the
/// deletion's transaction, before the account row goes: remove what the feature stores about
/// the person, or anonymise what must stay for others (a comment in a thread, a logged fact).
/// Register with <see cref="PrivacyRegistration.AddAccountDeletionParticipant{T}"/>.
/// </summary>
public interface IAccountDeletionParticipant
{
    Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct);
}

public enum AccountDeletionOutcome
{
    Deleted,
    NotFound,
    /// <summary>Staff accounts are the school's: the school admin deactivates them.</summary>
    StaffAccount,
}

/// <summary>
/// Deletes a parent's account in one transaction: every participant does its part, then the
/// account row goes (roles, tokens, logins and guardianship links with it). Children stay at
/// the school and with their other guardians; the guardianship log keeps an entry with ids only.
/// </summary>
public sealed class AccountDeletion(
    SchoolpleinDb db, IEnumerable<IAccountDeletionParticipant> participants, TimeProvider time, ILogger<AccountDeletion> log)
{
    private static readonly Guid[] StaffRoleIds = Roles.All.Where(r => r.Name is Roles.Teacher or Roles.SchoolAdmin).Select(r => r.Id).ToArray();

    public async Task<AccountDeletionOutcome> DeleteAsync(Guid userId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return AccountDeletionOutcome.NotFound;
        }
        if (await db.UserRoles.AnyAsync(r => r.UserId == userId && StaffRoleIds.Contains(r.RoleId), ct))
        {
            return AccountDeletionOutcome.StaffAccount;
        }
        var context = new AccountDeletionContext(userId, user.Email, time.GetUtcNow());
        foreach (var participant in participants)
        {
            await participant.OnAccountDeletingAsync(context, ct);
        }
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Account {UserId} deleted by its owner", userId);
        return AccountDeletionOutcome.Deleted;
    }
}
