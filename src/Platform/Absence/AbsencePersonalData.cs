using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Absence;

/// <summary>
/// Absence reports the person made. They are the school's attendance record, so they stay
/// when the account is deleted (then with the anonymised account as reporter).
/// </summary>
public sealed class AbsencePersonalData(SchoolpleinDb db) : IPersonalDataContributor
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var reports = await db.Set<AbsenceReport>().AsNoTracking()
            .Where(r => r.ReportedById == export.UserId)
            .OrderBy(r => r.ReportedAt)
            .Select(r => new
            {
                Child = db.Pupils.Where(p => p.Id == r.PupilId).Select(p => p.FirstName).FirstOrDefault(),
                Reason = r.Reason!.Name,
                r.FromDate,
                r.ToDate,
                r.Note,
                r.ReportedAt,
                r.EndedAt,
                r.CancelledAt,
            })
            .ToListAsync(ct);
        export.Add("absenceReports", reports);
    }
}
