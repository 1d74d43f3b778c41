using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends one outbox e-mail. The row is claimed with a conditional update, so two workers
/// (a retry and the sweeper) never send it twice at once; a sent row is never sent again.
/// Failures are recorded and retried by Hangfire with backoff until MaxAttempts, then the
/// row is dead and visible to staff.
/// </summary>
public sealed partial class DeliverEmailJob(
    SchoolpleinDb db, IEmailSender sender, TenantContext tenant, TimeProvider time,
    IOptions<EmailOptions> options, SchoolpleinMetrics metrics, ILogger<DeliverEmailJob> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [AutomaticRetry(Attempts = 9, DelaysInSeconds = [5, 15, 30, 60, 120, 300, 600, 1200, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid tenantId, Guid emailId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == emailId
                && (e.Status == OutboxStatus.Pending || (e.Status == OutboxStatus.Sending && e.LockedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, OutboxStatus.Sending)
                .SetProperty(e => e.LockedUntil, now + Lease)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        if (claimed == 0)
        {
            return;
        }
        var email = await db.OutboxEmails.AsNoTracking().Include(e => e.Attachments).SingleAsync(e => e.Id == emailId, ct);
        try
        {
            await sender.SendAsync(ToMime(email, tenant.Required, options.Value), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var dead = email.Attempts >= options.Value.MaxAttempts;
            await db.OutboxEmails.Where(e => e.Id == emailId).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, dead ? OutboxStatus.Dead : OutboxStatus.Pending)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LastError, ex.GetType().Name), CancellationToken.None);
            LogFailed(logger, emailId, email.Kind, email.Attempts, ex.GetType().Name);
            metrics.Failed(SchoolpleinMetrics.Channels.Email, email.Kind, ex.GetType().Name, final: dead);
            if (dead)
            {
                return;
            }
            throw new EmailDeliveryException(emailId, ex);
        }
        var sentAt = time.GetUtcNow();
        await db.OutboxEmails.Where(e => e.Id == emailId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, OutboxStatus.Sent)
            .SetProperty(e => e.SentAt, sentAt)
            .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        metrics.Delivered(SchoolpleinMetrics.Channels.Email, email.Kind, sentAt - email.CreatedAt);
        LogSent(logger, emailId, email.Kind);
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

public sealed class EmailDeliveryException(Guid emailId, Exception inner)
    : Exception($"Delivery of e-mail {emailId} failed; it will be retried.", inner);
