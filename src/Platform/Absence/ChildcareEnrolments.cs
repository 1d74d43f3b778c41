using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Absence;

/// <summary>Which children use the kindcentrum's childcare/BSO (their absence reports also go to the childcare contact).</summary>
public sealed class ChildcareEnrolments(SchoolpleinDb db, TimeProvider time)
{
    /// <summary>Makes exactly these (current, not archived) pupils the enrolled ones; unknown ids are ignored.</summary>
    public async Task SetAsync(IReadOnlyCollection<Guid> pupilIds, CancellationToken ct = default)
    {
        var wanted = await db.Pupils.Where(p => pupilIds.Contains(p.Id) && p.ArchivedAt == null).Select(p => p.Id).ToListAsync(ct);
        var current = await db.Set<ChildcareEnrolment>().ToListAsync(ct);
        db.RemoveRange(current.Where(c => !wanted.Contains(c.PupilId)));
        var now = time.GetUtcNow();
        db.AddRange(wanted.Where(id => current.All(c => c.PupilId != id)).Select(id => new ChildcareEnrolment { PupilId = id, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
    }
}
