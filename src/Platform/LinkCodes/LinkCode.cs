using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.LinkCodes;

/// <summary>
/// A koppelcode: lets up to <see cref="MaxUses"/> guardians link their account to one child.
/// The code is stored (school-owned, row-level security) so its letter can be reprinted;
/// uses are the guardianships made with it. A pupil has at most one active code; a new one revokes the old.
/// </summary>
public sealed class LinkCode : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    /// <summary>Normalised: 10 characters of <see cref="LinkCodeFormat.Alphabet"/>, no dash.</summary>
    public required string Code { get; set; }
    public int MaxUses { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public Pupil? Pupil { get; set; }
}

/// <summary>
/// The platform-wide index that lets the bare domain find a code's school: SHA-256 of the
/// normalised code to a school id. Not school-owned (no tenant_id, so no row-level
/// security): it holds neither the code nor anything about the child.
/// </summary>
public sealed class LinkCodeDirectoryEntry
{
    public required byte[] CodeHash { get; set; }
    public Guid SchoolId { get; set; }
}

internal sealed class LinkCodeConfiguration : IEntityTypeConfiguration<LinkCode>
{
    public void Configure(EntityTypeBuilder<LinkCode> b)
    {
        b.ToTable("link_codes");
        b.Property(c => c.Code).HasMaxLength(LinkCodeFormat.Length);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.PupilId).IsUnique().HasFilter("revoked_at IS NULL").HasDatabaseName("ix_link_codes_tenant_id_pupil_id_active");
        b.HasOne(c => c.Pupil).WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LinkCodeDirectoryConfiguration : IEntityTypeConfiguration<LinkCodeDirectoryEntry>
{
    public void Configure(EntityTypeBuilder<LinkCodeDirectoryEntry> b)
    {
        b.ToTable("link_code_directory");
        b.HasKey(e => e.CodeHash);
        b.Property(e => e.CodeHash).HasMaxLength(32);
    }
}
