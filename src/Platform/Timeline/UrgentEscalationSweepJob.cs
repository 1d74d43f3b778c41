using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// The safety net under <see cref="UrgentEscalation"/>: the follow-up of an urgent message is a
/// Hangfire job scheduled after commit, so a crash or a storage failure in between would mean no
/// escalation ever. Every few minutes this finds urgent messages whose next step is overdue by
/// more than <see cref="Grace"/> and runs it. The job claims each step with a conditional UPDATE,
/// so a step the scheduled job also runs happens once.
/// </summary>
public sealed class UrgentEscalationSweepJob(SchoolpleinDb db, TenantSettingsStore<SchoolSettings> settings, UrgentEscalationJob escalation, TimeProvider time)
    : ITenantJob
{
    /// <summary>Left to the scheduled job first (Hangfire polls every 15 s; a busy queue may lag).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public async Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        var interval = TimeSpan.FromMinutes((await settings.GetAsync(ct)).UrgentEscalationMinutes);
        var now = time.GetUtcNow();
        // Both steps are due within two intervals of sending; a day more covers a long outage.
        var firstDue = now - interval - Grace;
        var oldest = now - interval * UrgentEscalationJob.PhoneList - TimeSpan.FromDays(1);
        var open = await db.Set<Post>().AsNoTracking()
            .Where(p => p.Urgent && p.DeletedAt == null && p.EscalationStage < UrgentEscalationJob.PhoneList
                && p.PublishedAt <= firstDue && p.PublishedAt >= oldest)
            .Select(p => new { p.Id, p.PublishedAt, p.EscalationStage })
            .ToListAsync(ct);
        foreach (var post in open.Where(p => p.PublishedAt + interval * (p.EscalationStage + 1) + Grace <= now))
        {
            await escalation.RunAsync(tenantId, post.Id, ct);
        }
    }
}
