using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schoolplein.Backoffice.Billing;

/// <summary>A Stripe event seen by the webhook; the primary key on the event id makes processing idempotent.</summary>
public sealed class StripeEventRecord
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public Guid? TenantId { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>What it did: "applied", "stale", "ignored", "unknown-customer".</summary>
    public required string Outcome { get; set; }
}

internal sealed class StripeEventRecordConfiguration : IEntityTypeConfiguration<StripeEventRecord>
{
    public void Configure(EntityTypeBuilder<StripeEventRecord> b)
    {
        b.ToTable("stripe_events");
        b.Property(e => e.Id).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Outcome).HasMaxLength(30);
    }
}
