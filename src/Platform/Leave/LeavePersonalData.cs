using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Leave;

/// <summary>
/// Leave requests the person made, with the decision. The school must be able to prove its
/// decisions, so requests stay when the account is deleted (with the anonymised account).
/// </summary>
public sealed class LeavePersonalData(SchoolpleinDb db) : IPersonalDataContributor
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var requests = await db.Set<LeaveRequest>().AsNoTracking()
            .Where(r => r.RequestedById == export.UserId)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                Children = db.Set<LeaveRequestChild>().Where(c => c.LeaveRequestId == r.Id)
                    .Join(db.Pupils, c => c.PupilId, p => p.Id, (c, p) => p.FirstName).ToList(),
                r.StartDate,
                r.EndDate,
                r.Reason,
                r.Status,
                r.AttachmentName,
                r.EmployerStatementName,
                r.CreatedAt,
                r.DecidedAt,
                r.DecisionNote,
                r.OfficerDecisionDate,
                r.OfficerReference,
                r.WithdrawnAt,
            })
            .ToListAsync(ct);
        export.Add("leaveRequests", requests);
    }
}
