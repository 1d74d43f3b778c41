using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Roster;

/// <summary>A leerling. Archived pupils (left the school) keep their history; their guardians lose access.</summary>
public sealed class Pupil : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>Roepnaam.</summary>
    public required string FirstName { get; set; }
    /// <summary>Voorvoegsel: "van 't", "de".</summary>
    public string? LastNamePrefix { get; set; }
    public required string LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Guid? GroupId { get; set; }
    /// <summary>Key in the pupil administration (EDEXML leerling/@key).</summary>
    public string? ExternalKey { get; set; }
    /// <summary>Leerjaar from the pupil administration (EDEXML jaargroep: "0" peuters, "1"–"8", other codes as-is).</summary>
    public string? YearLevel { get; set; }
    /// <summary>ISO 5218: 0 unknown, 1 male, 2 female, 9 not applicable.</summary>
    public short? Sex { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public Group? Group { get; set; }
    public List<Guardianship> Guardians { get; set; } = [];

    /// <summary>The stored <see cref="PersonName"/> (a generated column): what queries select and sort on.</summary>
    public string FullName { get; private set; } = "";

    public string DisplayName => PersonName.Format(FirstName, LastNamePrefix, LastName);
}

/// <summary>Links a guardian's account to a child. A child has any number of guardians; a guardian any number of children.</summary>
public sealed class Guardianship : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public Guid UserId { get; set; }
    public GuardianRelation Relation { get; set; } = GuardianRelation.Parent;
    public DateTimeOffset LinkedAt { get; set; }
    /// <summary>The koppelcode the guardian joined with; its uses are counted from these links.</summary>
    public Guid? LinkCodeId { get; set; }

    public Pupil? Pupil { get; set; }
    public AppUser? User { get; set; }
}

public enum GuardianRelation
{
    Parent,
    Mother,
    Father,
    StepParent,
    FosterParent,
    Carer,
    Grandparent,
    LegalGuardian,
    Other,
}

internal sealed class PupilConfiguration : IEntityTypeConfiguration<Pupil>
{
    public void Configure(EntityTypeBuilder<Pupil> b)
    {
        b.ToTable("pupils");
        b.Property(p => p.FirstName).HasMaxLength(100);
        b.Property(p => p.LastNamePrefix).HasMaxLength(30);
        // EDEXML allows a surname of 200 characters; an import of a valid file must fit.
        b.Property(p => p.LastName).HasMaxLength(PersonName.LastNameMaxLength);
        b.Property(p => p.ExternalKey).HasMaxLength(256);
        b.Property(p => p.YearLevel).HasMaxLength(2);
        b.Ignore(p => p.DisplayName);
        b.Property(p => p.FullName).HasMaxLength(PersonName.MaxLength).HasComputedColumnSql(PersonName.Sql, stored: true);
        b.HasOne(p => p.Group).WithMany(g => g.Pupils).HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.ExternalKey).IsUnique().HasFilter("external_key IS NOT NULL");
        b.HasIndex(p => new { p.LastName, p.FirstName });
    }
}

internal sealed class GuardianshipConfiguration : IEntityTypeConfiguration<Guardianship>
{
    public void Configure(EntityTypeBuilder<Guardianship> b)
    {
        b.ToTable("guardianships");
        b.HasKey(g => new { g.TenantId, g.PupilId, g.UserId });
        b.Property(g => g.Relation).HasConversion<string>().HasMaxLength(20);
        b.HasOne(g => g.Pupil).WithMany(p => p.Guardians).HasForeignKey(g => g.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(g => g.User).WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => g.UserId);
        b.HasIndex(g => g.LinkCodeId);
        b.HasOne<LinkCodes.LinkCode>().WithMany().HasForeignKey(g => g.LinkCodeId).OnDelete(DeleteBehavior.SetNull);
    }
}
