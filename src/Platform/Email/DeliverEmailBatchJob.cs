using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends several outbox e-mails of one school over one SMTP connection: a notification to a
/// whole school is hundreds of mails, and a job plus a connection per mail cost far more than the
/// sending (bench/results/latest.md). Each row is claimed, sent and marked as
/// <see cref="DeliverEmailJob"/> does, so a row is never sent twice at once and a sent row never
/// again. At the first failure the batch stops and hands that row and every later one to its own
/// <see cref="DeliverEmailJob"/>, which retries with backoff.
/// </summary>
public sealed partial class DeliverEmailBatchJob(
    SchoolpleinDb db, IEmailSender sender, TenantContext tenant, TimeProvider time, IOptions<EmailOptions> options,
    SchoolpleinMetrics metrics, IBackgroundJobClient jobs, ILogger<DeliverEmailBatchJob> logger)
{
    /// <summary>Rows per batch: small enough that a school-wide message spreads over every worker.</summary>
    public const int MaxBatch = 25;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid tenantId, Guid[] emailIds, CancellationToken ct)
    {
        // One database connection for the batch: every statement below is one round trip, with no
        // pool reset or tenant setting in between.
        await db.Database.OpenConnectionAsync(ct);
        var now = time.GetUtcNow();
        // This run's claim, recognisable by its lease end (whole milliseconds: stored exactly).
        var lease = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero) + Lease;
        await db.OutboxEmails
            .Where(e => emailIds.Contains(e.Id)
                && (e.Status == OutboxStatus.Pending || (e.Status == OutboxStatus.Sending && e.LockedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, OutboxStatus.Sending)
                .SetProperty(e => e.LockedUntil, lease)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        var emails = (await db.OutboxEmails.AsNoTracking().Include(e => e.Attachments)
                .Where(e => emailIds.Contains(e.Id) && e.Status == OutboxStatus.Sending && e.LockedUntil == lease)
                .ToListAsync(ct))
            .OrderBy(e => Array.IndexOf(emailIds, e.Id))
            .ToList();
        IEmailConnection? connection = null;
        try
        {
            for (var i = 0; i < emails.Count; i++)
            {
                var email = emails[i];
                try
                {
                    connection ??= await sender.ConnectAsync(ct);
                    await connection.SendAsync(DeliverEmailJob.ToMime(email, tenant.Required, options.Value), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await HandOverAsync(tenantId, emails.Skip(i).Select(e => e.Id).ToList(), email, ex.GetType().Name);
                    return;
                }
                var sentAt = time.GetUtcNow();
                await db.OutboxEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Status, OutboxStatus.Sent)
                    .SetProperty(e => e.SentAt, sentAt)
                    .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
                metrics.Delivered(SchoolpleinMetrics.Channels.Email, email.Kind, sentAt - email.CreatedAt);
                LogSent(logger, email.Id, email.Kind);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The failed row and the rows not tried yet go back to the outbox and each to its own delivery
    /// job; the failed one keeps its counted attempt and error, the others get their attempt back.
    /// </summary>
    private async Task HandOverAsync(Guid tenantId, List<Guid> ids, OutboxEmail failed, string error)
    {
        var untried = ids.Where(id => id != failed.Id).ToList();
        await db.OutboxEmails.Where(e => e.Id == failed.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, OutboxStatus.Pending)
            .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(e => e.LastError, error), CancellationToken.None);
        await db.OutboxEmails.Where(e => untried.Contains(e.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, OutboxStatus.Pending)
            .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(e => e.Attempts, e => e.Attempts - 1), CancellationToken.None);
        metrics.Failed(SchoolpleinMetrics.Channels.Email, failed.Kind, error, final: false);
        LogHandedOver(logger, failed.Id, failed.Kind, ids.Count, error);
        foreach (var id in ids)
        {
            jobs.Enqueue<DeliverEmailJob>(job => job.RunAsync(tenantId, id, CancellationToken.None));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} ({Kind}) sent in a batch")]
    private static partial void LogSent(ILogger logger, Guid emailId, string kind);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "E-mail {EmailId} ({Kind}) failed in a batch ({Error}); it and {Count} rows in all go to single delivery jobs")]
    private static partial void LogHandedOver(ILogger logger, Guid emailId, string kind, int count, string error);
}
