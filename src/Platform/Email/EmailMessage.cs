namespace Schoolplein.Platform.Email;

public sealed record EmailMessage(
    string Kind,
    string ToAddress,
    string? ToName,
    string Subject,
    string HtmlBody,
    string TextBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
    public string? IdempotencyKey { get; init; }
}

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
