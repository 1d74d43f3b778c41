using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Puts mail in the outbox of the current school. It adds to the caller's DbContext and
/// does not save: the caller's SaveChanges commits the mail together with the change
/// that caused it, and <see cref="OutboxDispatchInterceptor"/> enqueues delivery after commit.
/// </summary>
public sealed class EmailOutbox(SchoolpleinDb db, TimeProvider time)
{
    public OutboxEmail Add(EmailMessage message)
    {
        var email = new OutboxEmail
        {
            Kind = message.Kind,
            ToAddress = message.ToAddress,
            // The columns are wider than any validated input; clipping only guards against a
            // future composition that outgrows them (a 500 after the change committed is worse).
            ToName = Clip(message.ToName, OutboxEmail.ToNameMaxLength),
            Subject = Clip(message.Subject, OutboxEmail.SubjectMaxLength)!,
            HtmlBody = message.HtmlBody,
            TextBody = message.TextBody,
            IdempotencyKey = message.IdempotencyKey,
            CreatedAt = time.GetUtcNow(),
        };
        foreach (var attachment in message.Attachments)
        {
            email.Attachments.Add(new OutboxEmailAttachment
            {
                EmailId = email.Id,
                FileName = attachment.FileName,
                ContentType = attachment.ContentType,
                Content = attachment.Content,
            });
        }
        db.OutboxEmails.Add(email);
        return email;
    }

    private static string? Clip(string? value, int max) =>
        value is { } v && v.Length > max ? v[..(max - 1)].TrimEnd() + "…" : value;
}
