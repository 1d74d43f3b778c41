using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Sends outbox e-mail over an open SMTP session: claim, render the MIME message from the row,
/// send, record the result (<see cref="OutboxDeliveries"/>). <see cref="DeliverEmailJob"/> runs
/// the batches and schedules what is left.
/// <para>
/// A batch goes <see cref="Chunk"/> rows at a time: one statement claims them, one query reads them,
/// then each is sent in turn and marked sent while the next one is on the wire. One row at a time
/// cost three database round trips between two sends (claim, read, mark), and the worker's CPU
/// for them competed with the SMTP server's. The guarantees stay those of one row at a time: a row
/// is marked sent right after its own send (a worker killed mid-chunk repeats at most the send
/// under way and the one whose mark was in flight; the chunk's untried rows are due again when
/// their lease ends and are then sent once), and each claimed row is tried while its lease holds
/// (a slow server: the rest is given back and claimed again).
/// </para>
/// </summary>
public sealed partial class EmailRowDelivery(
    SchoolpleinDb db, OutboxDeliveries deliveries, TenantContext tenant, IOptions<EmailOptions> options, TimeProvider time,
    ILogger<DeliverEmailJob> logger)
{
    private const string Table = OutboxTables.Emails;

    /// <summary>Rows claimed and read together.</summary>
    public const int Chunk = 20;

    /// <summary>The longest one send may take (the SMTP client's timeout, <see cref="SmtpEmailSender"/>).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What became of one row (not a refusal: <see cref="Platform.Outcome"/> is for commands people give).</summary>
    public enum Result { Skipped, Sent, Failed, Dead }

    /// <summary>What became of a chunk: a send failed (the batch stops), or rows were given back untried (in the order given).</summary>
    public sealed record ChunkResult(bool Failed, IReadOnlyList<Guid> Untried);

    /// <summary>Claims the due rows among <paramref name="emailIds"/> (ordered by id) and sends them in turn.</summary>
    public async Task<ChunkResult> DeliverManyAsync(IEmailSession session, IReadOnlyList<Guid> emailIds, CancellationToken ct)
    {
        var claimed = await deliveries.ClaimManyAsync(Table, [.. emailIds]);
        if (claimed.Count == 0)
        {
            return new ChunkResult(false, []);
        }
        // Another worker may take a row once its lease ends: start no send that could outlast it.
        var lastStart = time.GetUtcNow() + deliveries.Lease - SendTimeout;
        var emails = await db.OutboxEmails.AsNoTracking().Include(e => e.Attachments)
            .Where(e => claimed.Contains(e.Id)).OrderBy(e => e.Id)
            .ToListAsync(CancellationToken.None);
        var (school, settings) = (tenant.Required, options.Value);
        var marking = Task.CompletedTask;
        try
        {
            for (var i = 0; i < emails.Count; i++)
            {
                var email = emails[i];
                if (ct.IsCancellationRequested || time.GetUtcNow() > lastStart)
                {
                    await marking;
                    List<Guid> untried = [.. emails.Skip(i).Select(e => e.Id)];
                    await deliveries.ReleaseManyAsync(Table, untried);
                    return new ChunkResult(false, untried);
                }
                try
                {
                    // Not cancelled halfway: a mail the server accepted must be marked sent.
                    await session.SendAsync(ToMime(email, school, settings), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await marking;
                    await deliveries.FailedAsync(Table, SchoolpleinMetrics.Channels.Email, email.Id, email.Kind, settings.MaxAttempts, ex.GetType().Name);
                    LogFailed(logger, email.Id, email.Kind, email.Attempts, ex.GetType().Name);
                    // The server is probably down: the rest waits for the batch's next run.
                    await deliveries.ReleaseManyAsync(Table, [.. emails.Skip(i + 1).Select(e => e.Id)]);
                    return new ChunkResult(true, []);
                }
                await marking;
                // Recorded while the next mail goes out: the send touches no DbContext, so the two may overlap.
                marking = deliveries.SentAsync(Table, SchoolpleinMetrics.Channels.Email, email.Id, email.Kind, email.CreatedAt);
                LogSent(logger, email.Id, email.Kind);
            }
        }
        finally
        {
            await marking;
        }
        return new ChunkResult(false, []);
    }

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

