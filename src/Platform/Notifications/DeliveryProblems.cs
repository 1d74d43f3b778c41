using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Push;

namespace Schoolplein.Platform.Notifications;

public sealed record DeadDelivery(Guid Id, string Channel, string Kind, string Recipient, int Attempts, string? LastError, DateTimeOffset CreatedAt);

/// <summary>
/// The dead-letter view for school staff: e-mail and push deliveries that gave up after their
/// last attempt, and a retry that gives them a fresh set of attempts in a new batch.
/// </summary>
public sealed class DeliveryProblems(SchoolpleinDb db, OutboxRows rows, IEnumerable<IOutboxDispatcher> dispatchers)
{
    public const string EmailChannelName = "email";
    public const string PushChannelName = "push";

    public async Task<IReadOnlyList<DeadDelivery>> DeadAsync(int max, CancellationToken ct)
    {
        var mails = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.Status == OutboxStatus.Dead)
            .OrderByDescending(e => e.CreatedAt).Take(max)
            .Select(e => new DeadDelivery(e.Id, EmailChannelName, e.Kind, e.ToAddress, e.Attempts, e.LastError, e.CreatedAt))
            .ToListAsync(ct);
        var pushes = await db.Set<PushDelivery>().AsNoTracking()
            .Where(d => d.Status == OutboxStatus.Dead)
            .OrderByDescending(d => d.CreatedAt).Take(max)
            .Join(db.Notifications, d => d.NotificationId, n => n.Id, (d, n) => new { d, n.Kind })
            .Join(db.Users, x => x.d.UserId, u => u.Id, (x, u) => new DeadDelivery(
                x.d.Id, PushChannelName, x.Kind, u.FullName, x.d.Attempts, x.d.LastError, x.d.CreatedAt))
            .ToListAsync(ct);
        return [.. mails.Concat(pushes).OrderByDescending(d => d.CreatedAt).Take(max)];
    }

    public async Task<int> CountDeadAsync(CancellationToken ct) =>
        await db.OutboxEmails.CountAsync(e => e.Status == OutboxStatus.Dead, ct)
        + await db.Set<PushDelivery>().CountAsync(d => d.Status == OutboxStatus.Dead, ct);

    /// <summary>Retries dead deliveries of this school (all when <paramref name="id"/> is null); false when none matched.</summary>
    public async Task<bool> RetryAsync(string channel, Guid? id, CancellationToken ct)
    {
        var table = channel switch
        {
            EmailChannelName => OutboxTables.Emails,
            PushChannelName => OutboxTables.Push,
            _ => null,
        };
        if (table is null)
        {
            return false;
        }
        // The ids come from a query under the school's filter, so another school's id matches nothing.
        var ids = table == OutboxTables.Emails
            ? await db.OutboxEmails.Where(e => e.Status == OutboxStatus.Dead && (id == null || e.Id == id)).Select(e => e.Id).Take(5000).ToArrayAsync(ct)
            : await db.Set<PushDelivery>().Where(d => d.Status == OutboxStatus.Dead && (id == null || d.Id == id)).Select(d => d.Id).Take(5000).ToArrayAsync(ct);
        if (ids.Length == 0)
        {
            return false;
        }
        var dispatcher = dispatchers.Single(d => d.Table == table);
        foreach (var chunk in ids.Chunk(rows.Options.BatchSize))
        {
            if (await rows.RetryDeadAsync(table, chunk, ct) is { } batchId)
            {
                dispatcher.Dispatch(db.CurrentTenantId, batchId, null);
            }
        }
        return true;
    }
}
