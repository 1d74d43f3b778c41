using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Platform.Leave;

public enum LeaveStatus
{
    Pending = 0,
    /// <summary>Sent to the leerplichtambtenaar (art. 14 lid 3); the school records the outcome.</summary>
    Forwarded = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
}

/// <summary>A verlofaanvraag for one or more children of the requesting guardian.</summary>
public sealed class LeaveRequest : ITenantOwned
{
    public const int ReasonMaxLength = 2000;
    public const int NoteMaxLength = 2000;
    public const int OfficerReferenceMaxLength = 100;
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public LeaveKind Kind { get; set; }
    /// <summary>The school's own type when <see cref="Kind"/> is <see cref="LeaveKind.Other"/>.</summary>
    public Guid? LeaveTypeId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>School days in the period when it was requested.</summary>
    public int SchoolDays { get; set; }
    public required string Reason { get; set; }
    public Guid RequestedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public LeaveStatus Status { get; set; }
    /// <summary>Art. 14 lid 3: more than ten school days of gewichtige omstandigheden in the school year.</summary>
    public bool ForwardToAttendanceOfficer { get; set; }
    /// <summary>Codes of the warnings and notices the rules gave when it was requested.</summary>
    public List<string> Findings { get; set; } = [];
    /// <summary>The employer statement or other proof, in the blob store.</summary>
    public Guid? AttachmentBlobId { get; set; }
    public string? AttachmentName { get; set; }
    /// <summary>
    /// The werkgeversverklaring that art. 13a requires for vakantieverlof, in the blob store: its own
    /// upload, so "any attachment" cannot stand in for it and staff see which file it is.
    /// </summary>
    public Guid? EmployerStatementBlobId { get; set; }
    public string? EmployerStatementName { get; set; }
    public DateTimeOffset? ForwardedAt { get; set; }
    /// <summary>Art. 14 lid 3: the date of the leerplichtambtenaar's decision, as the school recorded it.</summary>
    public DateOnly? OfficerDecisionDate { get; set; }
    /// <summary>The leerplichtambtenaar's reference (kenmerk) of that decision.</summary>
    public string? OfficerReference { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    public LeaveType? LeaveType { get; set; }
    public List<LeaveRequestChild> Children { get; set; } = [];
    public List<LeaveRequestEvent> Events { get; set; } = [];

    public bool IsOpen => Status is LeaveStatus.Pending or LeaveStatus.Forwarded;
}

public sealed class LeaveRequestChild : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid LeaveRequestId { get; set; }
    public Guid PupilId { get; set; }
    public Pupil? Pupil { get; set; }
}

public enum LeaveEventAction
{
    Requested = 0,
    Forwarded = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
    /// <summary>The school recorded the leerplichtambtenaar's approval of a forwarded request.</summary>
    OfficerApproved = 5,
    /// <summary>The school recorded the leerplichtambtenaar's refusal of a forwarded request.</summary>
    OfficerRejected = 6,
}

/// <summary>Append-only history of a request (a database trigger rejects UPDATE and DELETE): who did what, when.</summary>
public sealed class LeaveRequestEvent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid LeaveRequestId { get; set; }
    public LeaveEventAction Action { get; set; }
    public Guid ByUserId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Note { get; set; }
}

/// <summary>A leave type the school defines besides the two of the law (e.g. a religious holiday).</summary>
public sealed class LeaveType : ITenantOwned
{
    public const int NameMaxLength = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The school's leave settings (one row; absent = defaults).</summary>
public sealed class LeaveSettings : ITenantSettings
{
    public const int MinLeadWeeks = 0;
    public const int MaxLeadWeeks = 26;

    public Guid TenantId { get; set; }
    public int LeadTimeWeeks { get; set; } = LeavePolicy.DefaultLeadTimeWeeks;
    public string? AttendanceOfficerEmail { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<Problem> Validate()
    {
        if (LeadTimeWeeks is < MinLeadWeeks or > MaxLeadWeeks)
        {
            yield return new Problem("Error_LeadTime", MinLeadWeeks, MaxLeadWeeks);
        }
        if (AttendanceOfficerEmail is not null && !new EmailAddressAttribute().IsValid(AttendanceOfficerEmail))
        {
            yield return new Problem("Error_Email");
        }
    }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> b)
    {
        b.ToTable("leave_requests");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(LeaveRequest.ReasonMaxLength);
        b.Property(r => r.DecisionNote).HasMaxLength(LeaveRequest.NoteMaxLength);
        b.Property(r => r.AttachmentName).HasMaxLength(LeaveRequest.FileNameMaxLength);
        b.Property(r => r.EmployerStatementName).HasMaxLength(LeaveRequest.FileNameMaxLength);
        b.Property(r => r.OfficerReference).HasMaxLength(LeaveRequest.OfficerReferenceMaxLength);
        b.Ignore(r => r.IsOpen);
        b.HasOne(r => r.LeaveType).WithMany().HasForeignKey(r => r.LeaveTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.Status, r.StartDate });
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class LeaveRequestChildConfiguration : IEntityTypeConfiguration<LeaveRequestChild>
{
    public void Configure(EntityTypeBuilder<LeaveRequestChild> b)
    {
        b.ToTable("leave_request_children");
        b.HasKey(c => new { c.TenantId, c.LeaveRequestId, c.PupilId });
        b.HasOne<LeaveRequest>().WithMany(r => r.Children).HasForeignKey(c => c.LeaveRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Pupil).WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.PupilId);
    }
}

internal sealed class LeaveRequestEventConfiguration : IEntityTypeConfiguration<LeaveRequestEvent>
{
    public void Configure(EntityTypeBuilder<LeaveRequestEvent> b)
    {
        b.ToTable("leave_request_events");
        b.IsAppendOnly();
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Note).HasMaxLength(LeaveRequest.NoteMaxLength);
        b.HasOne<LeaveRequest>().WithMany(r => r.Events).HasForeignKey(e => e.LeaveRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.LeaveRequestId, e.At });
    }
}

internal sealed class LeaveTypeConfiguration : IEntityTypeConfiguration<LeaveType>
{
    public void Configure(EntityTypeBuilder<LeaveType> b)
    {
        b.ToTable("leave_types");
        b.Property(t => t.Name).HasMaxLength(LeaveType.NameMaxLength);
    }
}

internal sealed class LeaveSettingsConfiguration : IEntityTypeConfiguration<LeaveSettings>
{
    public void Configure(EntityTypeBuilder<LeaveSettings> b)
    {
        b.ToTable("leave_settings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.TenantId).ValueGeneratedNever();
        b.Property(s => s.AttendanceOfficerEmail).HasMaxLength(254);
    }
}
