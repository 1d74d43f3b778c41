using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Notifications;

/// <summary>
/// One notification for one user: the in-app entry (bell, list) and the anchor of every
/// other channel's delivery. Written in the same transaction as the event that causes it.
/// Title and body are rendered in the recipient's language when written.
/// </summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>What happened, e.g. "post.published", "leave.decided".</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Path inside the school's site that the notification opens, e.g. "/nieuws/{id}".</summary>
    public required string Link { get; set; }
    public bool Urgent { get; set; }
    /// <summary>The entity that caused it (post, leave request …), for grouping and clean-up.</summary>
    public Guid? SourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>True when this notification's e-mail goes out in the recipient's daily digest.</summary>
    public bool InDigest { get; set; }
    /// <summary>When the daily digest that carries it was written to the outbox.</summary>
    public DateTimeOffset? DigestedAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Kind).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(500);
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => n.SourceId);
        b.HasIndex(n => new { n.InDigest, n.DigestedAt, n.UserId }).HasFilter("in_digest AND digested_at IS NULL");
    }
}
