using Schoolplein.Platform.Observability;

namespace Schoolplein.Platform.Email;

/// <summary>
/// The bookkeeping of one outbox row's delivery, the same for every channel: claim it, then
/// record it as sent or failed (backing off, or dead after the channel's last attempt) in the
/// table and in the metrics. The channels only send; what a result means lives here once.
/// </summary>
public sealed class OutboxDeliveries(OutboxRows rows, SchoolpleinMetrics metrics, TimeProvider time)
{
    /// <summary>Claims the row for this worker; false when another has it or it is no longer due.</summary>
    public Task<bool> ClaimAsync(string table, Guid id) =>
        // Not cancellable: a claim must not be left half-done when the worker stops.
        rows.ClaimAsync(table, id, CancellationToken.None);

    /// <summary>Claims the due rows among <paramref name="ids"/> at once; returns those taken.</summary>
    public Task<List<Guid>> ClaimManyAsync(string table, Guid[] ids) => rows.ClaimManyAsync(table, ids);

    /// <summary>How long a claim holds (<see cref="OutboxOptions.LeaseSeconds"/>).</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(rows.Options.LeaseSeconds);

    /// <summary>Gives claimed rows that were not tried back untouched, in one statement.</summary>
    public Task ReleaseManyAsync(string table, IReadOnlyCollection<Guid> ids) =>
        ids.Count == 0 ? Task.CompletedTask : rows.ReleaseManyAsync(table, [.. ids]);

    /// <summary>Marks the rows sent in one statement and counts each (by its kind) in the metrics.</summary>
    public async Task SentManyAsync(string table, string channel, IReadOnlyList<(Guid Id, string Kind)> sent)
    {
        if (sent.Count == 0)
        {
            return;
        }
        await rows.MarkSentManyAsync(table, [.. sent.Select(s => s.Id)]);
        foreach (var (_, kind) in sent)
        {
            metrics.Delivered(channel, kind);
        }
    }

    /// <summary>Marks the row sent; <paramref name="writtenAt"/> (when known) gives the delivery latency metric.</summary>
    public async Task SentAsync(string table, string channel, Guid id, string kind, DateTimeOffset? writtenAt = null)
    {
        await rows.MarkSentAsync(table, id);
        metrics.Delivered(channel, kind, writtenAt is { } at ? time.GetUtcNow() - at : null);
    }

    /// <summary>Backs the row off, or marks it dead after <paramref name="maxAttempts"/>; true when it is dead.</summary>
    public async Task<bool> FailedAsync(string table, string channel, Guid id, string kind, int maxAttempts, string error)
    {
        var dead = await rows.MarkFailedAsync(table, id, maxAttempts, error);
        metrics.Failed(channel, kind, error, final: dead);
        return dead;
    }
}
