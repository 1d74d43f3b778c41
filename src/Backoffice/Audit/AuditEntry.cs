using Schoolplein.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schoolplein.Backoffice.Audit;

/// <summary>
/// One thing vendor staff (or the billing webhook) did to a school or looked at in it.
/// Append-only (IsAppendOnly in its configuration): triggers generated from the model reject UPDATE, DELETE and TRUNCATE.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    /// <summary>The backoffice user; null for the system (e.g. a Stripe webhook).</summary>
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>Dotted code such as <c>school.created</c>, <c>school.status</c>, <c>import.started</c>.</summary>
    public required string Action { get; set; }
    public Guid? TenantId { get; set; }
    /// <summary>Short, non-personal detail ("Onboarding → Active", "import 0196…"). Never pupils' or parents' data.</summary>
    public string? Details { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.IsAppendOnly();
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Details).HasMaxLength(1000);
        b.HasIndex(a => new { a.TenantId, a.At });
        b.HasIndex(a => a.At);
    }
}
