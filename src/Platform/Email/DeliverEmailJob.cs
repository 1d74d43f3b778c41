using Hangfire;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends outbox e-mail, one job per batch of rows (see <see cref="OutboxDispatchInterceptor"/>).
/// Each row is claimed with a conditional update before it is sent and marked sent after, so
/// two workers (a continuation and the sweeper) never send it twice at once and a sent row is
/// never sent again. A failure backs the row off (<see cref="OutboxOptions.RetryDelaysSeconds"/>),
/// stops the batch (the server is probably down) and schedules the batch again for when it is
/// due; after <see cref="EmailOptions.MaxAttempts"/> the row is dead and visible to staff. One row's
/// send is <see cref="EmailRowDelivery"/>; this job runs the batch and schedules what is left.
/// </summary>
public sealed class DeliverEmailJob(
    SchoolpleinDb db, OutboxRows rows, IEmailSender sender, IBackgroundJobClient jobs, TimeProvider time, EmailRowDelivery delivery)
{
    private const string Table = OutboxTables.Emails;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunBatchAsync(Guid tenantId, Guid batchId, CancellationToken ct)
    {
        var ids = await rows.DueInBatchAsync(Table, batchId, ct);
        var stopped = false;
        await using (var session = await sender.OpenSessionAsync(ct))
        {
            var position = 0;
            while (position < ids.Count)
            {
                if (ct.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                var chunk = ids.GetRange(position, Math.Min(EmailRowDelivery.Chunk, ids.Count - position));
                var result = await delivery.DeliverManyAsync(session, chunk, ct);
                if (result.Failed)
                {
                    break;
                }
                // Rows given back untried (the worker stops, or their lease ran short): claim them again.
                position += result.Untried.Count > 0 ? chunk.IndexOf(result.Untried[0]) : chunk.Count;
            }
        }
        await ContinueAsync(tenantId, batchId, stopped);
    }

    /// <summary>Sends one row (kept for single mails and tests); a failure is retried by a new job when due.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(Guid tenantId, Guid emailId, CancellationToken ct)
    {
        EmailRowDelivery.Result outcome;
        await using (var session = await sender.OpenSessionAsync(ct))
        {
            outcome = await delivery.DeliverAsync(session, emailId);
        }
        if (outcome == EmailRowDelivery.Result.Failed)
        {
            var next = await db.OutboxEmails.AsNoTracking().Where(e => e.Id == emailId && e.Status == OutboxStatus.Pending)
                .Select(e => e.NextAttemptAt).FirstOrDefaultAsync(CancellationToken.None);
            if (next is { } at)
            {
                jobs.ScheduleAt<DeliverEmailJob>(j => j.RunAsync(tenantId, emailId, CancellationToken.None), at, time);
            }
        }
    }

    private async Task ContinueAsync(Guid tenantId, Guid batchId, bool stopped)
    {
        var next = await rows.NextDueAsync(Table, batchId, CancellationToken.None);
        if (next is { } at)
        {
            // Stopping (the worker shuts down): the rest goes to whichever worker runs next.
            jobs.ScheduleAt<DeliverEmailJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None),
                stopped ? time.GetUtcNow() : at, time);
        }
    }
}

/// <summary>Starts the delivery job of a batch of outbox e-mail.</summary>
public sealed class EmailDispatcher(IBackgroundJobClient jobs, TimeProvider time) : IOutboxDispatcher
{
    public Type RowType => typeof(OutboxEmail);
    public string Table => OutboxTables.Emails;

    public void Dispatch(Guid tenantId, Guid batchId, DateTimeOffset? notBefore)
    {
        if (notBefore is { } at)
        {
            jobs.ScheduleAt<DeliverEmailJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None), at, time);
        }
        else
        {
            jobs.Enqueue<DeliverEmailJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None));
        }
    }
}
