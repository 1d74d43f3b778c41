using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Email;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change that
/// causes it. <see cref="DeliverEmailJob"/> sends it; nothing is lost when SMTP is down.
/// </summary>
public sealed class OutboxEmail : ITenantOwned, IOutboxRow
{
    /// <summary>A full name as validation allows it (<see cref="Identity.PersonName.MaxLength"/>, 332 since EDEXML's 200-character surnames).</summary>
    public const int ToNameMaxLength = Identity.PersonName.MaxLength;

    /// <summary>Subjects carry a title or a person's name (up to 332) and a school name (up to 200) in a sentence.</summary>
    public const int SubjectMaxLength = 700;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>What caused the mail, e.g. "account.activation"; for metrics and tests, never personal.</summary>
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    /// <summary>Optional key that makes enqueueing idempotent (unique per school).</summary>
    public string? IdempotencyKey { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Type of the last failure; never the server's text, which may hold an address.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public Guid? BatchId { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>The notification this mail delivers (null for direct mail such as activation).</summary>
    public Guid? NotificationId { get; set; }

    public List<OutboxEmailAttachment> Attachments { get; set; } = [];
}

public sealed class OutboxEmailAttachment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid EmailId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Dead,
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("outbox_emails");
        b.Property(e => e.Kind).HasMaxLength(64);
        b.Property(e => e.ToAddress).HasMaxLength(254);
        b.Property(e => e.ToName).HasMaxLength(OutboxEmail.ToNameMaxLength);
        b.Property(e => e.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength);
        b.Property(e => e.IdempotencyKey).HasMaxLength(200);
        b.Property(e => e.LastError).HasMaxLength(200);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(e => e.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        b.HasIndex(e => new { e.Status, e.CreatedAt });
        b.HasIndex(e => e.BatchId);
        b.HasIndex(e => e.NotificationId);
        b.HasMany(e => e.Attachments).WithOne().HasForeignKey(a => a.EmailId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxEmailAttachmentConfiguration : IEntityTypeConfiguration<OutboxEmailAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxEmailAttachment> b)
    {
        b.ToTable("outbox_email_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
    }
}
