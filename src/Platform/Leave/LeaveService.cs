using Schoolplein.Platform.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Leave;

/// <summary>Resource anchor for leave texts (pages, rule explanations, notifications).</summary>
public sealed class LeaveText;

/// <summary>An uploaded file as the request form received it.</summary>

/// <param name="EmployerStatement">The werkgeversverklaring (art. 13a), required for vakantieverlof and only kept for it.</param>
public sealed record LeaveInput(
    LeaveKind Kind, Guid? LeaveTypeId, DateOnly? Start, DateOnly? End, string? Reason, IReadOnlyList<Guid> PupilIds, UploadedFile? Attachment,
    UploadedFile? EmployerStatement = null);

/// <summary>A checked request: saved (<see cref="RequestId"/>) unless the assessment refused it.</summary>
public sealed record LeaveSubmission(Guid? RequestId, LeaveAssessment Assessment, IReadOnlyDictionary<Guid, string> ChildNames);

/// <summary>Guardians request and withdraw leave. The law's rules run first; refusals save nothing.</summary>
public sealed class LeaveRequester(
    SchoolpleinDb db, SchoolClock clock, ISchoolDayCalendar calendar, TenantSettingsStore<LeaveSettings> settings, LeaveAttachments attachments, LeaveNotifications notify)
{
    public static readonly LeaveStatus[] Counting = [LeaveStatus.Pending, LeaveStatus.Forwarded, LeaveStatus.Approved];

    /// <summary>Checks the request; saves it when <paramref name="save"/> and the law allows it.</summary>
    public async Task<Outcome<LeaveSubmission>> SubmitAsync(Guid userId, LeaveInput input, bool save, CancellationToken ct = default)
    {
        var pupilIds = input.PupilIds.Distinct().ToList();
        if (pupilIds.Count == 0)
        {
            return Outcome<LeaveSubmission>.Refused("Error_ChildRequired");
        }
        var children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && pupilIds.Contains(g.PupilId) && g.Pupil!.ArchivedAt == null)
            .Select(g => new { g.PupilId, g.Pupil!.FirstName })
            .ToListAsync(ct);
        if (children.Count != pupilIds.Count)
        {
            return Outcome<LeaveSubmission>.Refused("Error_ChildNotLinked");
        }
        if (input.Kind == LeaveKind.Other
            && (input.LeaveTypeId is not { } typeId || !await db.Set<LeaveType>().AnyAsync(t => t.Id == typeId && t.Active, ct)))
        {
            return Outcome<LeaveSubmission>.Refused("Error_TypeRequired");
        }
        if (input.Start is not { } start || input.End is not { } end)
        {
            return Outcome<LeaveSubmission>.Refused("Error_DatesRequired");
        }
        if (!SchoolDates.InRange(start) || !SchoolDates.InRange(end))
        {
            return Outcome<LeaveSubmission>.Refused("Error_DateOutOfRange", SchoolDates.MessageArgs);
        }
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Outcome<LeaveSubmission>.Refused("Error_ReasonRequired");
        }
        if (reason.Length > LeaveRequest.ReasonMaxLength)
        {
            return Outcome<LeaveSubmission>.Refused("Error_ReasonTooLong", LeaveRequest.ReasonMaxLength);
        }
        if (input.Attachment is { } file && attachments.Check(file) is { } fileError)
        {
            return Outcome<LeaveSubmission>.Refused(fileError, LeaveAttachments.MaxBytes / (1024 * 1024));
        }
        // The statement is the proof art. 13a asks for vakantieverlof only: with another kind it is not kept.
        var statement = input.Kind == LeaveKind.Vacation ? input.EmployerStatement : null;
        if (statement is not null && attachments.Check(statement) is { } statementError)
        {
            return Outcome<LeaveSubmission>.Refused(statementError, LeaveAttachments.MaxBytes / (1024 * 1024));
        }

        var prior = await db.Set<LeaveRequestChild>().AsNoTracking()
            .Where(c => pupilIds.Contains(c.PupilId))
            .Join(db.Set<LeaveRequest>().Where(r => Counting.Contains(r.Status)), c => c.LeaveRequestId, r => r.Id,
                (c, r) => new PriorLeave(c.PupilId, r.Kind, r.StartDate, r.EndDate, r.SchoolDays))
            .ToListAsync(ct);
        var policy = new LeavePolicy((await settings.GetAsync(ct)).LeadTimeWeeks);
        var days = await calendar.ForPeriodAsync(start < end ? start : end, end > start ? end : start, ct);
        var assessment = LeaveRules.Assess(
            new LeaveApplication(input.Kind, start, end, statement is not null, pupilIds), clock.Today, policy, days, prior);
        var names = children.ToDictionary(c => c.PupilId, c => c.FirstName);
        if (!save || assessment.Refused)
        {
            return Outcome<LeaveSubmission>.Done(new LeaveSubmission(null, assessment, names));
        }

        var request = new LeaveRequest
        {
            Kind = input.Kind,
            LeaveTypeId = input.Kind == LeaveKind.Other ? input.LeaveTypeId : null,
            StartDate = start,
            EndDate = end,
            SchoolDays = assessment.SchoolDays,
            Reason = reason,
            RequestedById = userId,
            CreatedAt = clock.UtcNow,
            Status = LeaveStatus.Pending,
            ForwardToAttendanceOfficer = assessment.ForwardToAttendanceOfficer,
            Findings = assessment.Findings.Select(f => f.Code).ToList(),
        };
        request.Children.AddRange(pupilIds.Select(id => new LeaveRequestChild { LeaveRequestId = request.Id, PupilId = id }));
        request.Events.Add(new LeaveRequestEvent { LeaveRequestId = request.Id, Action = LeaveEventAction.Requested, ByUserId = userId, At = clock.UtcNow });
        if (input.Attachment is { } upload)
        {
            (request.AttachmentBlobId, request.AttachmentName) = await attachments.StoreAsync(upload, ct);
        }
        if (statement is not null)
        {
            (request.EmployerStatementBlobId, request.EmployerStatementName) = await attachments.StoreAsync(statement, ct);
        }
        db.Add(request);
        await notify.RequestedAsync(request, string.Join(", ", names.Values), ct);
        await db.SaveChangesAsync(ct);
        return Outcome<LeaveSubmission>.Done(new LeaveSubmission(request.Id, assessment, names));
    }

    /// <summary>The requesting guardian (or another guardian of the children) withdraws an open request; null when not theirs.</summary>
    public async Task<Outcome<bool>?> WithdrawAsync(Guid userId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.Set<LeaveRequest>()
            .Where(r => r.Id == requestId && r.Children.Any(c => c.Pupil!.Guardians.Any(g => g.UserId == userId)))
            .FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return null;
        }
        if (!request.IsOpen)
        {
            return Outcome<bool>.Refused("Error_NotOpen");
        }
        request.Status = LeaveStatus.Withdrawn;
        request.WithdrawnAt = clock.UtcNow;
        db.Add(new LeaveRequestEvent { LeaveRequestId = request.Id, Action = LeaveEventAction.Withdrawn, ByUserId = userId, At = clock.UtcNow });
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Done(true);
    }
}

public enum LeaveDecision
{
    Approve,
    Reject,
}

/// <summary>The director (school admin) decides, forwards to the leerplichtambtenaar, or records the officer's decision.</summary>
public sealed class LeaveDecider(SchoolpleinDb db, SchoolClock clock, LeaveNotifications notify, AttendanceOfficerSummary summary)
{
    public async Task<Outcome<bool>?> DecideAsync(Guid adminId, Guid requestId, LeaveDecision decision, string? note, CancellationToken ct = default)
    {
        var request = await db.Set<LeaveRequest>().Include(r => r.Children).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return null;
        }
        if (!request.IsOpen)
        {
            return Outcome<bool>.Refused("Error_NotOpen");
        }
        // Art. 14 lid 3: above ten school days the leerplichtambtenaar decides, not the director. The
        // school forwards the request and records that decision (RecordOfficerDecisionAsync).
        if (request.ForwardToAttendanceOfficer || request.Status == LeaveStatus.Forwarded)
        {
            return Outcome<bool>.Refused("Error_OfficerDecides");
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > LeaveRequest.NoteMaxLength)
        {
            return Outcome<bool>.Refused("Error_NoteTooLong", LeaveRequest.NoteMaxLength);
        }
        if (decision == LeaveDecision.Reject && note is null)
        {
            return Outcome<bool>.Refused("Error_RejectNeedsNote");
        }
        var now = clock.UtcNow;
        request.Status = decision == LeaveDecision.Approve ? LeaveStatus.Approved : LeaveStatus.Rejected;
        request.DecidedAt = now;
        request.DecidedById = adminId;
        request.DecisionNote = note;
        db.Add(new LeaveRequestEvent
        {
            LeaveRequestId = request.Id,
            Action = decision == LeaveDecision.Approve ? LeaveEventAction.Approved : LeaveEventAction.Rejected,
            ByUserId = adminId,
            At = now,
            Note = note,
        });
        await notify.DecidedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Done(true);
    }

    /// <summary>
    /// Records the leerplichtambtenaar's decision on a forwarded request: approved or refused, the date
    /// of the decision and its reference (kenmerk). The school admin who records it is kept as
    /// <see cref="LeaveRequest.DecidedById"/> and in the history; the guardians are told.
    /// </summary>
    public async Task<Outcome<bool>?> RecordOfficerDecisionAsync(
        Guid adminId, Guid requestId, LeaveDecision? decision, DateOnly? decidedOn, string? reference, string? note, CancellationToken ct = default)
    {
        var request = await db.Set<LeaveRequest>().Include(r => r.Children).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return null;
        }
        if (request.Status != LeaveStatus.Forwarded)
        {
            return Outcome<bool>.Refused("Error_NotForwarded");
        }
        if (decision is not (LeaveDecision.Approve or LeaveDecision.Reject))
        {
            return Outcome<bool>.Refused("Error_OfficerOutcomeRequired");
        }
        if (decidedOn is not { } date)
        {
            return Outcome<bool>.Refused("Error_OfficerDateRequired");
        }
        var forwardedOn = DateOnly.FromDateTime(clock.ToLocal(request.ForwardedAt ?? request.CreatedAt));
        if (date > clock.Today || date < forwardedOn)
        {
            return Outcome<bool>.Refused("Error_OfficerDateRange", forwardedOn, clock.Today);
        }
        reference = reference?.Trim() ?? "";
        if (reference.Length == 0)
        {
            return Outcome<bool>.Refused("Error_OfficerReferenceRequired");
        }
        if (reference.Length > LeaveRequest.OfficerReferenceMaxLength)
        {
            return Outcome<bool>.Refused("Error_OfficerReferenceTooLong", LeaveRequest.OfficerReferenceMaxLength);
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > LeaveRequest.NoteMaxLength)
        {
            return Outcome<bool>.Refused("Error_NoteTooLong", LeaveRequest.NoteMaxLength);
        }
        var now = clock.UtcNow;
        var approved = decision == LeaveDecision.Approve;
        request.Status = approved ? LeaveStatus.Approved : LeaveStatus.Rejected;
        request.DecidedAt = now;
        request.DecidedById = adminId;
        request.DecisionNote = note;
        request.OfficerDecisionDate = date;
        request.OfficerReference = reference;
        db.Add(new LeaveRequestEvent
        {
            LeaveRequestId = request.Id,
            Action = approved ? LeaveEventAction.OfficerApproved : LeaveEventAction.OfficerRejected,
            ByUserId = adminId,
            At = now,
            Note = note,
        });
        await notify.DecidedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Done(true);
    }

    /// <summary>Marks a request as sent to the leerplichtambtenaar and mails the summary when the school set an address.</summary>
    public async Task<Outcome<bool>?> ForwardAsync(Guid adminId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.Set<LeaveRequest>().Include(r => r.Children).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return null;
        }
        if (request.Status != LeaveStatus.Pending)
        {
            return Outcome<bool>.Refused("Error_NotPending");
        }
        var now = clock.UtcNow;
        request.Status = LeaveStatus.Forwarded;
        request.ForwardedAt = now;
        db.Add(new LeaveRequestEvent { LeaveRequestId = request.Id, Action = LeaveEventAction.Forwarded, ByUserId = adminId, At = now });
        await summary.MailAsync(request.Id, ct);
        await notify.ForwardedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Done(true);
    }
}

/// <summary>Who hears about a leave request: the school's admins when it arrives, all guardians of the children when it is decided.</summary>
public sealed class LeaveNotifications(SchoolpleinDb db, Notifier notifier)
{
    public async Task RequestedAsync(LeaveRequest request, string children, CancellationToken ct)
    {
        var adminRole = Roles.All.Single(r => r.Name == Roles.SchoolAdmin).Id;
        var admins = await db.UserRoles.Where(r => r.RoleId == adminRole).Select(r => r.UserId).ToListAsync(ct);
        await notifier.NotifyAsync(admins, new NotificationContent(
            "leave.requested", typeof(LeaveText), "Notify_RequestedTitle", [children], Plurals.Key("Notify_RequestedBody", request.SchoolDays),
            [children, request.StartDate, request.EndDate, request.SchoolDays], $"/beheer/verlof/{request.Id}", SourceId: request.Id), ct);
    }

    public async Task DecidedAsync(LeaveRequest request, CancellationToken ct)
    {
        var (guardians, names) = await GuardiansAsync(request, ct);
        var key = request.Status == LeaveStatus.Approved ? "Approved" : "Rejected";
        await notifier.NotifyAsync(guardians, new NotificationContent(
            "leave.decided", typeof(LeaveText), $"Notify_{key}Title", [names], $"Notify_{key}Body",
            [names, request.StartDate, request.EndDate, request.DecisionNote ?? ""], $"/verlof/{request.Id}", SourceId: request.Id), ct);
    }

    public async Task ForwardedAsync(LeaveRequest request, CancellationToken ct)
    {
        var (guardians, names) = await GuardiansAsync(request, ct);
        await notifier.NotifyAsync(guardians, new NotificationContent(
            "leave.forwarded", typeof(LeaveText), "Notify_ForwardedTitle", [names], "Notify_ForwardedBody",
            [names, request.StartDate, request.EndDate], $"/verlof/{request.Id}", SourceId: request.Id), ct);
    }

    private async Task<(List<Guid> Guardians, string Names)> GuardiansAsync(LeaveRequest request, CancellationToken ct)
    {
        var pupilIds = request.Children.Select(c => c.PupilId).ToList();
        var guardians = await db.Guardianships.Where(g => pupilIds.Contains(g.PupilId)).Select(g => g.UserId).Distinct().ToListAsync(ct);
        var names = await db.Pupils.Where(p => pupilIds.Contains(p.Id)).OrderBy(p => p.FirstName).Select(p => p.FirstName).ToListAsync(ct);
        return (guardians, string.Join(", ", names));
    }
}

public static class LeaveRegistration
{
    public static IServiceCollection AddLeave(this IServiceCollection services)
    {
        services.AddScoped<LeaveTypes>();
        services.AddScoped<LeaveRequester>();
        services.AddScoped<LeaveDecider>();
        services.AddScoped<LeaveNotifications>();
        services.AddScoped<LeaveAttachments>();
        services.AddScoped<AttendanceOfficerSummary>();
        services.AddPersonalData<LeavePersonalData>();
        return services;
    }
}
