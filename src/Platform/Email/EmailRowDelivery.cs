using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends one outbox e-mail over an open SMTP session: claim, render the MIME message from the
/// row, send, record the result (<see cref="OutboxDeliveries"/>). <see cref="DeliverEmailJob"/>
/// runs the batches and schedules what is left.
/// </summary>
public sealed partial class EmailRowDelivery(
    SchoolpleinDb db, OutboxDeliveries deliveries, TenantContext tenant, IOptions<EmailOptions> options, ILogger<DeliverEmailJob> logger)
{
    private const string Table = OutboxTables.Emails;

    /// <summary>What became of one row (not a refusal: <see cref="Platform.Outcome"/> is for commands people give).</summary>
    public enum Result { Skipped, Sent, Failed, Dead }

    public async Task<Result> DeliverAsync(IEmailSession session, Guid emailId)
    {
        if (!await deliveries.ClaimAsync(Table, emailId))
        {
            return Result.Skipped;
        }
        var email = await db.OutboxEmails.AsNoTracking().Include(e => e.Attachments).SingleAsync(e => e.Id == emailId, CancellationToken.None);
        try
        {
            // Not cancelled halfway: a mail the server accepted must be marked sent.
            await session.SendAsync(ToMime(email, tenant.Required, options.Value), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var dead = await deliveries.FailedAsync(Table, SchoolpleinMetrics.Channels.Email, emailId, email.Kind, options.Value.MaxAttempts, ex.GetType().Name);
            LogFailed(logger, emailId, email.Kind, email.Attempts, ex.GetType().Name);
            return dead ? Result.Dead : Result.Failed;
        }
        await deliveries.SentAsync(Table, SchoolpleinMetrics.Channels.Email, emailId, email.Kind, email.CreatedAt);
        LogSent(logger, emailId, email.Kind);
        return Result.Sent;
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

