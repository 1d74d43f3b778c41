using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends outbox e-mail, one job per batch of rows (see <see cref="OutboxDispatchInterceptor"/>).
/// Each row is claimed with a conditional update before it is sent and marked sent after, so
/// two workers (a continuation and the sweeper) never send it twice at once and a sent row is
/// never sent again. A failure backs the row off (<see cref="OutboxOptions.RetryDelaysSeconds"/>),
/// stops the batch (the server is probably down) and schedules the batch again for when it is
/// due; after <see cref="EmailOptions.MaxAttempts"/> the row is dead and visible to staff.
/// </summary>
public sealed partial class DeliverEmailJob(
    SchoolpleinDb db, OutboxRows rows, IEmailSender sender, IBackgroundJobClient jobs, TenantContext tenant, TimeProvider time,
    IOptions<EmailOptions> options, SchoolpleinMetrics metrics, ILogger<DeliverEmailJob> logger)
{
    private const string Table = OutboxTables.Emails;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunBatchAsync(Guid tenantId, Guid batchId, CancellationToken ct)
    {
        var ids = await rows.DueInBatchAsync(Table, batchId, ct);
        var stopped = false;
        await using (var session = await sender.OpenSessionAsync(ct))
        {
            foreach (var id in ids)
            {
                if (ct.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                if (await DeliverAsync(session, id, ct) == Delivery.Failed)
                {
                    break;
                }
            }
        }
        await ContinueAsync(tenantId, batchId, stopped);
    }

    /// <summary>Sends one row (kept for single mails and tests); a failure is retried by a new job when due.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(Guid tenantId, Guid emailId, CancellationToken ct)
    {
        Delivery outcome;
        await using (var session = await sender.OpenSessionAsync(ct))
        {
            outcome = await DeliverAsync(session, emailId, ct);
        }
        if (outcome == Delivery.Failed)
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

    /// <summary>What became of one row (not a refusal: <see cref="Platform.Outcome"/> is for commands people give).</summary>
    private enum Delivery { Skipped, Sent, Failed, Dead }

    private async Task<Delivery> DeliverAsync(IEmailSession session, Guid emailId, CancellationToken ct)
    {
        // Not cancellable: a claim must not be left half-done when the worker stops.
        if (!await rows.ClaimAsync(Table, emailId, CancellationToken.None))
        {
            return Delivery.Skipped;
        }
        var email = await db.OutboxEmails.AsNoTracking().Include(e => e.Attachments).SingleAsync(e => e.Id == emailId, CancellationToken.None);
        try
        {
            // Not cancelled halfway: a mail the server accepted must be marked sent.
            await session.SendAsync(ToMime(email, tenant.Required, options.Value), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var dead = await rows.MarkFailedAsync(Table, emailId, options.Value.MaxAttempts, ex.GetType().Name);
            LogFailed(logger, emailId, email.Kind, email.Attempts, ex.GetType().Name);
            metrics.Failed(SchoolpleinMetrics.Channels.Email, email.Kind, ex.GetType().Name, final: dead);
            return dead ? Delivery.Dead : Delivery.Failed;
        }
        await rows.MarkSentAsync(Table, emailId);
        metrics.Delivered(SchoolpleinMetrics.Channels.Email, email.Kind, time.GetUtcNow() - email.CreatedAt);
        LogSent(logger, emailId, email.Kind);
        return Delivery.Sent;
    }

    internal static MimeMessage ToMime(OutboxEmail email, TenantInfo school, EmailOptions settings)
    {
        var message = new MimeMessage
        {
            // A stable Message-ID lets a receiving server or the test recognise a re-send.
            MessageId = $"{email.Id:N}@schoolplein",
            Subject = email.Subject,
        };
        message.From.Add(new MailboxAddress(school.Name, settings.FromAddress));
        if (!string.IsNullOrEmpty(school.ContactEmail))
        {
            message.ReplyTo.Add(new MailboxAddress(school.Name, school.ContactEmail));
        }
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Headers.Add("X-Schoolplein-Kind", email.Kind);
        var body = new BodyBuilder { HtmlBody = email.HtmlBody, TextBody = email.TextBody };
        foreach (var attachment in email.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} ({Kind}) sent")]
    private static partial void LogSent(ILogger logger, Guid emailId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId} ({Kind}) attempt {Attempt} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid emailId, string kind, int attempt, string error);
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
