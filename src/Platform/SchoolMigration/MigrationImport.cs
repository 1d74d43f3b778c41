using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// One upload of a school's EDEXML + MijnSchool CSV: first a dry run (the plan, stored as
/// JSON), then, when confirmed, the import job. The files are kept until the import
/// succeeded and then dropped (they hold personal data the import no longer needs).
/// </summary>
public sealed class MigrationImport : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Backoffice user who uploaded (e-mail of vendor staff, not of the school's people).</summary>
    public required string CreatedBy { get; set; }
    public byte[]? Edexml { get; set; }
    public byte[]? Csv { get; set; }
    public required string EdexmlFileName { get; set; }
    public required string CsvFileName { get; set; }
    public ImportStatus Status { get; set; } = ImportStatus.DryRun;
    /// <summary>0–100 while the job runs.</summary>
    public int Progress { get; set; }
    /// <summary>The dry-run report (counts, rejected rows, warnings) as JSON.</summary>
    public required string PlanJson { get; set; }
    /// <summary>What the import changed (created / updated / archived / unchanged) as JSON.</summary>
    public string? ResultJson { get; set; }
    /// <summary>Type of the failure; never file content.</summary>
    public string? Error { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum ImportStatus
{
    DryRun = 0,
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
}

/// <summary>Maps an EDEXML teacher key (leerkracht/@key) to the staff account the import made for it.</summary>
public sealed class ImportedTeacher : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string ExternalKey { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
}

internal sealed class MigrationImportConfiguration : IEntityTypeConfiguration<MigrationImport>
{
    public void Configure(EntityTypeBuilder<MigrationImport> b)
    {
        b.ToTable("migration_imports");
        b.Property(i => i.CreatedBy).HasMaxLength(256);
        b.Property(i => i.EdexmlFileName).HasMaxLength(255);
        b.Property(i => i.CsvFileName).HasMaxLength(255);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.PlanJson).HasColumnType("jsonb");
        b.Property(i => i.ResultJson).HasColumnType("jsonb");
        b.Property(i => i.Error).HasMaxLength(500);
        b.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class ImportedTeacherConfiguration : IEntityTypeConfiguration<ImportedTeacher>
{
    public void Configure(EntityTypeBuilder<ImportedTeacher> b)
    {
        b.ToTable("imported_teachers");
        b.HasKey(t => new { t.TenantId, t.ExternalKey });
        b.Property(t => t.ExternalKey).HasMaxLength(256);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
