using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// Consent answers the person gave for their children. The history is append-only proof for
/// the school, so it stays when the account is deleted (with the anonymised account).
/// </summary>
public sealed class ConsentPersonalData(SchoolpleinDb db) : IPersonalDataContributor
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var answers = await db.ConsentRecords.AsNoTracking()
            .Where(r => r.GuardianUserId == export.UserId)
            .OrderBy(r => r.RecordedAt)
            .Select(r => new
            {
                Child = db.Pupils.Where(p => p.Id == r.PupilId).Select(p => p.FirstName).FirstOrDefault(),
                Category = r.CategoryName,
                r.Granted,
                r.Source,
                r.RecordedAt,
            })
            .ToListAsync(ct);
        export.Add("consent", answers);
    }
}
