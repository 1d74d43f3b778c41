using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Roster;

/// <summary>
/// Append-only record of every link and unlink between a guardian and a child, with who did
/// it and why (a database trigger rejects UPDATE and DELETE). Ids only, no names: the
/// record outlives a deleted account.
/// </summary>
public sealed class GuardianshipLogEntry : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public Guid UserId { get; set; }
    public GuardianshipChange Change { get; set; }
    /// <summary>The school admin's reason for an unlink.</summary>
    public string? Reason { get; set; }
    /// <summary>Who made the change (the guardian themself when joining with a code).</summary>
    public Guid? ActorUserId { get; set; }
    public Guid? LinkCodeId { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum GuardianshipChange
{
    Linked,
    Unlinked,
    AccountDeleted,
}

internal sealed class GuardianshipLogConfiguration : IEntityTypeConfiguration<GuardianshipLogEntry>
{
    public void Configure(EntityTypeBuilder<GuardianshipLogEntry> b)
    {
        b.ToTable("guardianship_log");
        b.IsAppendOnly();
        b.Property(e => e.Change).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasIndex(e => new { e.PupilId, e.At });
    }
}
