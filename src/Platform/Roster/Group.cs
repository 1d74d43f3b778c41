using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Roster;

/// <summary>A groep: "Groep 3/4", "Peutergroep De Rupsjes". A group may have two teachers; a teacher several groups.</summary>
public sealed class Group : ITenantOwned, ISoftDeletable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    /// <summary>School year as "2026-2027".</summary>
    public required string SchoolYear { get; set; }
    /// <summary>Year levels the group holds, e.g. "3/4" for a combination group, "0" for peuters.</summary>
    public string? YearLevels { get; set; }
    /// <summary>Key of the group in the pupil administration (EDEXML), used by later imports.</summary>
    public string? ExternalKey { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public List<Pupil> Pupils { get; set; } = [];
    public List<GroupTeacher> Teachers { get; set; } = [];
}

public sealed class GroupTeacher : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public Group? Group { get; set; }
    public AppUser? User { get; set; }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.ToTable("groups");
        b.Property(g => g.Name).HasMaxLength(100);
        b.Property(g => g.SchoolYear).HasMaxLength(9);
        b.Property(g => g.YearLevels).HasMaxLength(20);
        b.Property(g => g.ExternalKey).HasMaxLength(256);
        b.HasIndex(g => g.ExternalKey).IsUnique().HasFilter("external_key IS NOT NULL AND deleted_at IS NULL");
    }
}

internal sealed class GroupTeacherConfiguration : IEntityTypeConfiguration<GroupTeacher>
{
    public void Configure(EntityTypeBuilder<GroupTeacher> b)
    {
        b.ToTable("group_teachers");
        b.HasKey(t => new { t.TenantId, t.GroupId, t.UserId });
        b.HasOne(t => t.Group).WithMany(g => g.Teachers).HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
