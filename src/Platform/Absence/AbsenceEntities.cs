using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Platform.Absence;

/// <summary>
/// A reason a guardian can choose. The four defaults carry a <see cref="Code"/> and are shown in
/// the reader's language; reasons the school adds carry a <see cref="Name"/> in its own words.
/// A phone-only reason (e.g. corona) is never stored as a report: the page shows the phone number.
/// </summary>
public sealed class AbsenceReason : ITenantOwned
{
    public const int NameMaxLength = 80;
    public static readonly IReadOnlyList<string> DefaultCodes = ["sick", "doctor", "family", "other"];

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public bool PhoneOnly { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A ziekmelding/afmelding: from a school day, until a date or (when <see cref="ToDate"/> is null) until better.</summary>
public sealed class AbsenceReport : ITenantOwned
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public Guid ReasonId { get; set; }
    public DateOnly FromDate { get; set; }
    /// <summary>Last absent day (inclusive); null while the child is absent until better.</summary>
    public DateOnly? ToDate { get; set; }
    public string? Note { get; set; }
    public Guid ReportedById { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Who reported the child better, and when.</summary>
    public Guid? EndedById { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Set when the child turned out not to be absent at all (better before the first day).</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public Pupil? Pupil { get; set; }
    public AbsenceReason? Reason { get; set; }
}

public enum AfterCutOff
{
    /// <summary>A report for today made after the cut-off starts on the next school day.</summary>
    NextSchoolDay = 0,
    /// <summary>After the cut-off, today's absence can only be reported by phone.</summary>
    Phone = 1,
}

/// <summary>The school's absence settings (one row; absent = defaults).</summary>
public sealed class AbsenceSettings : ITenantSettings
{
    public static readonly TimeOnly DefaultCutOff = new(8, 30);
    public const int ExplanationMaxLength = 500;

    public Guid TenantId { get; set; }
    public TimeOnly CutOffTime { get; set; } = DefaultCutOff;
    public AfterCutOff AfterCutOff { get; set; } = AfterCutOff.NextSchoolDay;
    /// <summary>The school's own words shown with a phone-only reason (null: the standard text).</summary>
    public string? PhoneOnlyExplanation { get; set; }
    /// <summary>Kindcentrum: reports of children who use childcare/BSO also go to this address.</summary>
    public string? ChildcareEmail { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<Problem> Validate()
    {
        if (PhoneOnlyExplanation?.Length > ExplanationMaxLength)
        {
            yield return new Problem("Error_ExplanationTooLong", ExplanationMaxLength);
        }
        if (ChildcareEmail is not null && !new EmailAddressAttribute().IsValid(ChildcareEmail))
        {
            yield return new Problem("Error_Email");
        }
        if (!Enum.IsDefined(AfterCutOff))
        {
            yield return new Problem("Error_InvalidInput");
        }
    }
}

/// <summary>A child that uses the kindcentrum's childcare/BSO, so its absence reports go to the childcare contact too.</summary>
public sealed class ChildcareEnrolment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AbsenceReasonConfiguration : IEntityTypeConfiguration<AbsenceReason>
{
    public void Configure(EntityTypeBuilder<AbsenceReason> b)
    {
        b.ToTable("absence_reasons");
        b.Property(r => r.Code).HasMaxLength(20);
        b.Property(r => r.Name).HasMaxLength(AbsenceReason.NameMaxLength);
        b.HasIndex(r => r.Code).IsUnique().HasFilter("code IS NOT NULL");
        b.ToTable(t => t.HasCheckConstraint("ck_absence_reasons_name", "code IS NOT NULL OR name IS NOT NULL"));
    }
}

internal sealed class AbsenceReportConfiguration : IEntityTypeConfiguration<AbsenceReport>
{
    public void Configure(EntityTypeBuilder<AbsenceReport> b)
    {
        b.ToTable("absence_reports");
        b.Property(r => r.Note).HasMaxLength(AbsenceReport.NoteMaxLength);
        b.HasOne(r => r.Pupil).WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Reason).WithMany().HasForeignKey(r => r.ReasonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ReportedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.FromDate, r.ToDate });
        // One open-ended report per child; the service also refuses overlapping dated ones.
        b.HasIndex(r => r.PupilId).IsUnique().HasFilter("to_date IS NULL AND cancelled_at IS NULL").HasDatabaseName("ix_absence_reports_one_open_per_pupil");
        b.HasIndex(r => new { r.PupilId, r.FromDate });
    }
}

internal sealed class AbsenceSettingsConfiguration : IEntityTypeConfiguration<AbsenceSettings>
{
    public void Configure(EntityTypeBuilder<AbsenceSettings> b)
    {
        b.ToTable("absence_settings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.TenantId).ValueGeneratedNever();
        b.Property(s => s.AfterCutOff).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.PhoneOnlyExplanation).HasMaxLength(AbsenceSettings.ExplanationMaxLength);
        b.Property(s => s.ChildcareEmail).HasMaxLength(254);
    }
}

internal sealed class ChildcareEnrolmentConfiguration : IEntityTypeConfiguration<ChildcareEnrolment>
{
    public void Configure(EntityTypeBuilder<ChildcareEnrolment> b)
    {
        b.ToTable("childcare_enrolments");
        b.HasKey(c => new { c.TenantId, c.PupilId });
        b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
