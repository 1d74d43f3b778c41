using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>One request as the guardian and the director see it.</summary>
public sealed record LeaveDetails(
    Guid Id, LeaveKind Kind, string? TypeName, DateOnly Start, DateOnly End, int SchoolDays, string Reason, LeaveStatus Status,
    bool ForwardToAttendanceOfficer, IReadOnlyList<string> Findings, string? AttachmentName, DateTimeOffset CreatedAt,
    string RequestedBy, string? DecisionNote, IReadOnlyList<LeaveDetails.ChildRow> Children, IReadOnlyList<LeaveDetails.EventRow> Events,
    string? EmployerStatementName = null, DateTimeOffset? ForwardedAt = null, DateOnly? OfficerDecisionDate = null, string? OfficerReference = null)
{
    public sealed record ChildRow(Guid Id, string Name, string? Group);
    public sealed record EventRow(LeaveEventAction Action, DateTimeOffset At, string By, string? Note);

    public bool IsOpen => Status is LeaveStatus.Pending or LeaveStatus.Forwarded;

    /// <summary>The request when <paramref name="userId"/> may see it: a guardian of one of its children, or any admin.</summary>
    public static Task<LeaveDetails?> LoadAsync(SchoolpleinDb db, Guid id, Guid userId, bool asAdmin, CancellationToken ct) =>
        db.Set<LeaveRequest>().AsNoTracking()
            .Where(r => r.Id == id && (asAdmin || r.Children.Any(c => c.Pupil!.Guardians.Any(g => g.UserId == userId))))
            .Select(r => new LeaveDetails(
                r.Id, r.Kind, r.LeaveType!.Name, r.StartDate, r.EndDate, r.SchoolDays, r.Reason, r.Status, r.ForwardToAttendanceOfficer,
                r.Findings, r.AttachmentName, r.CreatedAt,
                db.Users.Where(u => u.Id == r.RequestedById).Select(u => u.FullName).First(),
                r.DecisionNote,
                r.Children.OrderBy(c => c.Pupil!.FirstName)
                    .Select(c => new ChildRow(c.PupilId, c.Pupil!.FullName, c.Pupil.Group!.Name))
                    .ToList(),
                r.Events.OrderBy(e => e.At)
                    .Select(e => new EventRow(e.Action, e.At, db.Users.Where(u => u.Id == e.ByUserId).Select(u => u.FullName).First(), e.Note))
                    .ToList(),
                r.EmployerStatementName, r.ForwardedAt, r.OfficerDecisionDate, r.OfficerReference))
            .FirstOrDefaultAsync(ct);
}
