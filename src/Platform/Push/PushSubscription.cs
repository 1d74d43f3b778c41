using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Push;

/// <summary>One browser or phone of a user that accepts web push (from PushManager.subscribe).</summary>
public sealed class PushSubscription : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The push service URL of this device; a capability, so never logged.</summary>
    public required string Endpoint { get; set; }
    /// <summary>The device's P-256 public key (base64url) and auth secret (base64url), RFC 8291.</summary>
    public required string P256dh { get; set; }
    public required string Auth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastDeliveredAt { get; set; }
}

/// <summary>
/// The web-push delivery of one notification to one user (all their devices): an outbox row
/// with the same state machine as e-mail (<see cref="OutboxRows"/>). Its idempotency key
/// (notification, channel) is unique, so a notification is pushed once.
/// </summary>
public sealed class PushDelivery : ITenantOwned, IOutboxRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid NotificationId { get; set; }
    public Guid UserId { get; set; }
    public required string IdempotencyKey { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public Guid? BatchId { get; set; }
    /// <summary>Retry backoff, or the end of quiet hours for a held push.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> b)
    {
        b.ToTable("push_subscriptions");
        b.Property(s => s.Endpoint).HasMaxLength(1000);
        b.Property(s => s.P256dh).HasMaxLength(200);
        b.Property(s => s.Auth).HasMaxLength(100);
        b.HasIndex(s => s.Endpoint).IsUnique();
        b.HasIndex(s => s.UserId);
    }
}

internal sealed class PushDeliveryConfiguration : IEntityTypeConfiguration<PushDelivery>
{
    public void Configure(EntityTypeBuilder<PushDelivery> b)
    {
        b.ToTable("push_deliveries");
        b.Property(d => d.IdempotencyKey).HasMaxLength(200);
        b.Property(d => d.LastError).HasMaxLength(200);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(d => d.IdempotencyKey).IsUnique();
        b.HasIndex(d => d.BatchId);
        b.HasIndex(d => new { d.Status, d.CreatedAt });
        b.HasOne<Notifications.Notification>().WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
