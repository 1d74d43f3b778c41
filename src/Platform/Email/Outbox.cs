using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Persistence;

// Only the table name is spliced into the SQL, and only the two constants that Checked() lets through.
#pragma warning disable EF1002, EF1003

namespace Schoolplein.Platform.Email;

/// <summary>
/// A row of an outbox table (e-mail, web push): written in the caller's transaction, delivered
/// after commit by a batch job. Every outbox table has the same state columns, so one state
/// machine (<see cref="OutboxRows"/>) claims, completes and retries them all.
/// </summary>
public interface IOutboxRow
{
    Guid Id { get; }
    Guid TenantId { get; }
    /// <summary>The batch whose job delivers this row; set when the row is written.</summary>
    Guid? BatchId { get; set; }
    /// <summary>Not before this moment (retry backoff, quiet hours); null = now.</summary>
    DateTimeOffset? NextAttemptAt { get; }
}

/// <summary>Starts delivery of one batch of one outbox table (one Hangfire job per batch, not per row).</summary>
public interface IOutboxDispatcher
{
    Type RowType { get; }
    string Table { get; }
    void Dispatch(Guid tenantId, Guid batchId, DateTimeOffset? notBefore);
}

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows per delivery job. Hangfire.PostgreSql manages about 60 jobs/s, so a job per recipient would not do.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Wait before attempt 2, 3, …; the last value repeats.</summary>
    [MinLength(1)]
    public int[] RetryDelaysSeconds { get; set; } = [5, 15, 30, 60, 120, 300, 600, 1200, 3600];

    /// <summary>
    /// How long a claimed row is reserved for the worker that claimed it. A row is claimed just
    /// before its one send, which gives up after the SMTP/HTTP timeout (30 s), so the lease outlives
    /// any live attempt; a row of a worker killed mid-send is due again this soon.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>A pending row this much past due without a job is picked up by the sweeper.</summary>
    [Range(1, 3600)]
    public int SweepGraceSeconds { get; set; } = 120;

    public TimeSpan RetryDelay(int attempts)
    {
        var delays = RetryDelaysSeconds.Length == 0 ? [5] : RetryDelaysSeconds;
        return TimeSpan.FromSeconds(delays[Math.Clamp(attempts - 1, 0, delays.Length - 1)]);
    }
}

/// <summary>
/// The delivery state machine shared by the outbox tables: Pending → Sending (claimed with a
/// conditional update and a lease) → Sent, or back to Pending with a later attempt time, or
/// Dead after the channel's maximum attempts. A Sent row is never claimed again. Plain SQL
/// because the tables differ; row-level security keeps it inside the school.
/// </summary>
public sealed class OutboxRows(SchoolpleinDb db, TimeProvider time, IOptions<OutboxOptions> options)
{
    public OutboxOptions Options => options.Value;

    /// <summary>Ids of the batch's rows that are due now, oldest first.</summary>
    public Task<List<Guid>> DueInBatchAsync(string table, Guid batchId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Database.SqlQueryRaw<Guid>(
            $"SELECT id AS \"Value\" FROM {Checked(table)} WHERE batch_id = {{0}} AND {Due} ORDER BY id",
            batchId, now).ToListAsync(ct);
    }

    /// <summary>Takes the row for this worker; false when it is sent, dead, not due or held by another worker.</summary>
    public async Task<bool> ClaimAsync(string table, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var claimed = await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = 'Sending', locked_until = {{2}}, attempts = attempts + 1 WHERE id = {{0}} AND {Due}",
            [id, now, now + TimeSpan.FromSeconds(options.Value.LeaseSeconds)], ct);
        return claimed == 1;
    }

    /// <summary>
    /// Takes the due rows among <paramref name="ids"/> in one statement (a channel that sends a few rows
    /// at once: each is sent within the HTTP timeout, which the lease outlives); returns the ids taken.
    /// </summary>
    public Task<List<Guid>> ClaimManyAsync(string table, Guid[] ids)
    {
        var now = time.GetUtcNow();
        return db.Database.SqlQueryRaw<Guid>(
            $"UPDATE {Checked(table)} SET status = 'Sending', locked_until = {{2}}, attempts = attempts + 1 WHERE id = ANY({{0}}) AND {Due} RETURNING id AS \"Value\"",
            ids, now, now + TimeSpan.FromSeconds(options.Value.LeaseSeconds)).ToListAsync(CancellationToken.None);
    }

    public Task MarkSentManyAsync(string table, Guid[] ids) =>
        db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = 'Sent', sent_at = {{1}}, locked_until = NULL, last_error = NULL WHERE id = ANY({{0}}) AND status = 'Sending'",
            [ids, time.GetUtcNow()], CancellationToken.None);

    public Task MarkSentAsync(string table, Guid id) =>
        db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = 'Sent', sent_at = {{1}}, locked_until = NULL, last_error = NULL WHERE id = {{0}} AND status = 'Sending'",
            [id, time.GetUtcNow()], CancellationToken.None);

    /// <summary>Records a failed attempt; returns true when the row is now dead (no more attempts).</summary>
    public async Task<bool> MarkFailedAsync(string table, Guid id, int maxAttempts, string error)
    {
        var attempts = await db.Database.SqlQueryRaw<int>(
            $"SELECT attempts AS \"Value\" FROM {Checked(table)} WHERE id = {{0}}", id).FirstOrDefaultAsync(CancellationToken.None);
        var dead = attempts >= maxAttempts;
        var next = time.GetUtcNow() + options.Value.RetryDelay(attempts);
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = {{1}}, next_attempt_at = {{2}}, locked_until = NULL, last_error = {{3}} WHERE id = {{0}} AND status = 'Sending'",
            [id, dead ? nameof(OutboxStatus.Dead) : nameof(OutboxStatus.Pending), next, Truncate(error, 200)], CancellationToken.None);
        return dead;
    }

    /// <summary>Gives claimed rows back untouched (the worker stops, or their lease would end before their turn).</summary>
    public Task ReleaseManyAsync(string table, Guid[] ids) =>
        db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = 'Pending', locked_until = NULL, attempts = greatest(attempts - 1, 0) WHERE id = ANY({{0}}) AND status = 'Sending'",
            [ids], CancellationToken.None);

    /// <summary>
    /// When the batch's unsent rows are next due (null when nothing is left to send): a pending row
    /// at its next attempt, a row still "Sending" when its lease ends — a worker killed mid-send
    /// left it so, and without this only the five-minute sweep would find it.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(string table, Guid batchId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var next = await db.Database.SqlQueryRaw<DateTimeOffset?>(
            $"SELECT min(greatest(CASE WHEN status = 'Pending' THEN coalesce(next_attempt_at, {{1}}) ELSE locked_until END, {{1}})) AS \"Value\" " +
            $"FROM {Checked(table)} WHERE batch_id = {{0}} AND status IN ('Pending', 'Sending')",
            batchId, now).FirstOrDefaultAsync(ct);
        return next;
    }

    /// <summary>
    /// Rows whose job was lost (the process died between commit and enqueue, or a worker died
    /// holding a lease): moved to fresh batches, returned for dispatch.
    /// </summary>
    public async Task<List<Guid>> RebatchStaleAsync(string table, int max, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - TimeSpan.FromSeconds(options.Value.SweepGraceSeconds);
        var ids = await db.Database.SqlQueryRaw<Guid>(
            $"SELECT id AS \"Value\" FROM {Checked(table)} WHERE (status = 'Pending' AND created_at < {{1}} AND coalesce(next_attempt_at, created_at) < {{1}}) " +
            $"OR (status = 'Sending' AND locked_until < {{0}}) ORDER BY id LIMIT {{2}}",
            now, stale, max).ToListAsync(ct);
        var batches = new List<Guid>();
        foreach (var chunk in ids.Chunk(options.Value.BatchSize))
        {
            var batchId = Guid.CreateVersion7();
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {Checked(table)} SET batch_id = {{0}} WHERE id = ANY({{1}})", [batchId, chunk], ct);
            batches.Add(batchId);
        }
        return batches;
    }

    /// <summary>Gives dead rows another full set of attempts in a new batch; returns the batch (null if none matched).</summary>
    public async Task<Guid?> RetryDeadAsync(string table, Guid[] ids, CancellationToken ct)
    {
        var batchId = Guid.CreateVersion7();
        var changed = await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {Checked(table)} SET status = 'Pending', attempts = 0, next_attempt_at = NULL, last_error = NULL, batch_id = {{0}} " +
            "WHERE id = ANY({1}) AND status = 'Dead'", [batchId, ids], ct);
        return changed > 0 ? batchId : null;
    }

    private const string Due =
        "((status = 'Pending' AND (next_attempt_at IS NULL OR next_attempt_at <= {1})) OR (status = 'Sending' AND locked_until < {1}))";

    private static string Checked(string table) =>
        table is OutboxTables.Emails or OutboxTables.Push ? table : throw new ArgumentException("Not an outbox table", nameof(table));

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

public static class OutboxTables
{
    public const string Emails = "outbox_emails";
    public const string Push = "push_deliveries";
}
