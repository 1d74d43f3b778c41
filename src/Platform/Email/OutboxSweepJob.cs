using Hangfire;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Re-enqueues outbox mail whose delivery job was lost (process died between commit and
/// enqueue) or whose lease expired. Runs per school from the recurring fan-out.
/// </summary>
public sealed class OutboxSweepJob(SchoolpleinDb db, IBackgroundJobClient jobs, TimeProvider time) : ITenantJob
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - Grace;
        var ids = await db.OutboxEmails.AsNoTracking()
            .Where(e => (e.Status == OutboxStatus.Pending && e.CreatedAt < stale)
                || (e.Status == OutboxStatus.Sending && e.LockedUntil < now))
            .OrderBy(e => e.CreatedAt)
            .Select(e => e.Id)
            .Take(1000)
            .ToListAsync(ct);
        foreach (var id in ids)
        {
            jobs.Enqueue<DeliverEmailJob>(job => job.RunAsync(tenantId, id, CancellationToken.None));
        }
    }
}
