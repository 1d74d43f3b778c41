using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// Notifies every guardian of a current child that the school asks them to confirm their
/// choices. Runs as a job (a school has up to a few thousand guardians); one transaction, and
/// a retry after a commit finds the notifications already written and does nothing.
/// </summary>
public sealed class ConsentReconfirmationJob(SchoolpleinDb db, Notifier notifier)
{
    public const string Kind = "consent.reconfirm";

    public async Task RunAsync(Guid tenantId, Guid reconfirmationId, CancellationToken ct)
    {
        var request = await db.ConsentReconfirmations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reconfirmationId, ct);
        if (request is null || await db.Notifications.AnyAsync(n => n.SourceId == reconfirmationId && n.Kind == Kind, ct))
        {
            return;
        }
        var guardians = await db.Guardianships.AsNoTracking()
            .Where(g => g.Pupil!.ArchivedAt == null)
            .Select(g => g.UserId)
            .Distinct()
            .ToListAsync(ct);
        await notifier.NotifyAsync(guardians, new NotificationContent(
            Kind, typeof(ConsentText), "Notify.Reconfirm.Title", [request.SchoolYear], "Notify.Reconfirm.Body", [request.SchoolYear],
            ConsentLinks.Confirm, SourceId: reconfirmationId), ct);
        await db.SaveChangesAsync(ct);
    }
}
