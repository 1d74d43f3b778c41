using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// A kind of image use a guardian allows or denies per child ("Website", "Social media" …).
/// Default categories carry a stable <see cref="Code"/> (see <see cref="ConsentCategoryCodes"/>) so
/// imports and the photo check find them whatever the school renames them to.
/// </summary>
public sealed class ConsentCategory : ITenantOwned
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>Stable code of a default category; null for categories the school added.</summary>
    public string? Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    /// <summary>School day after which guardians can no longer change this answer themselves (changes go through the school).</summary>
    public DateOnly? LockDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Retired categories are no longer asked; their history stays.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public bool IsLockedOn(DateOnly schoolDay) => LockDate is { } lockDate && schoolDay > lockDate;
}

/// <summary>Where an answer came from.</summary>
public enum ConsentSource
{
    /// <summary>A guardian in this portal.</summary>
    Portal,
    /// <summary>Imported from the old portal (MijnSchool) by the backoffice.</summary>
    Import,
    /// <summary>A paper form, entered by school staff.</summary>
    Paper,
}

/// <summary>
/// One answer for one child and one category, as given at one moment. Append-only: the
/// database rejects UPDATE, DELETE and TRUNCATE on this table (an append-only table: see AppendOnly).
/// The current answer is the latest record per (pupil, category), see <see cref="ConsentRules"/>.
/// </summary>
public sealed class ConsentRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public Guid CategoryId { get; set; }
    /// <summary>The category's name when the answer was given (a later rename keeps this).</summary>
    public required string CategoryName { get; set; }
    public bool Granted { get; set; }
    /// <summary>The guardian whose answer this is; null for a paper form not tied to a known account.</summary>
    public Guid? GuardianUserId { get; set; }
    /// <summary>The staff member who entered a paper form; null otherwise.</summary>
    public Guid? StaffUserId { get; set; }
    public ConsentSource Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public Pupil? Pupil { get; set; }
    public ConsentCategory? Category { get; set; }
    public AppUser? Guardian { get; set; }
    public AppUser? Staff { get; set; }
}

/// <summary>The school asked every guardian to confirm their choices (once per school year).</summary>
public sealed class ConsentReconfirmation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>"2026-2027".</summary>
    public required string SchoolYear { get; set; }
    public Guid RequestedByUserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}

/// <summary>A guardian confirmed a child's choices for a re-confirmation request. Append-only like the records.</summary>
public sealed class ConsentConfirmation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ReconfirmationId { get; set; }
    public Guid PupilId { get; set; }
    public Guid GuardianUserId { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }

    public ConsentReconfirmation? Reconfirmation { get; set; }
}

internal sealed class ConsentCategoryConfiguration : IEntityTypeConfiguration<ConsentCategory>
{
    public void Configure(EntityTypeBuilder<ConsentCategory> b)
    {
        b.ToTable("consent_categories");
        b.Property(c => c.Code).HasMaxLength(32);
        b.Property(c => c.Name).HasMaxLength(ConsentCategory.NameMaxLength);
        b.Property(c => c.Description).HasMaxLength(ConsentCategory.DescriptionMaxLength);
        b.HasIndex(c => c.Code).IsUnique().HasFilter("code IS NOT NULL");
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("consent_records");
        b.IsAppendOnly();
        b.Property(r => r.CategoryName).HasMaxLength(ConsentCategory.NameMaxLength);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        // History outlives nothing it points to: no cascades into an append-only table.
        b.HasOne(r => r.Pupil).WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Guardian).WithMany().HasForeignKey(r => r.GuardianUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Staff).WithMany().HasForeignKey(r => r.StaffUserId).OnDelete(DeleteBehavior.Restrict);
        // The latest answer per (pupil, category) is read through this index.
        b.HasIndex(r => new { r.PupilId, r.CategoryId, r.RecordedAt });
    }
}

internal sealed class ConsentReconfirmationConfiguration : IEntityTypeConfiguration<ConsentReconfirmation>
{
    public void Configure(EntityTypeBuilder<ConsentReconfirmation> b)
    {
        b.ToTable("consent_reconfirmations");
        b.Property(r => r.SchoolYear).HasMaxLength(9);
        b.HasIndex(r => r.SchoolYear).IsUnique();
    }
}

internal sealed class ConsentConfirmationConfiguration : IEntityTypeConfiguration<ConsentConfirmation>
{
    public void Configure(EntityTypeBuilder<ConsentConfirmation> b)
    {
        b.ToTable("consent_confirmations");
        b.IsAppendOnly();
        b.HasOne(c => c.Reconfirmation).WithMany().HasForeignKey(c => c.ReconfirmationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.GuardianUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ReconfirmationId, c.GuardianUserId, c.PupilId }).IsUnique();
    }
}
