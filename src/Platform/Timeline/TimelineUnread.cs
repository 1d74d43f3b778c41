using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// When a person last opened the timeline in this school (one row per user; each school is its own
/// tenant, so a parent with children at two schools has a visit per school). Posts published after
/// it are "new" for them.
/// </summary>
public sealed class TimelineVisit : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class TimelineVisitConfiguration : IEntityTypeConfiguration<TimelineVisit>
{
    public void Configure(EntityTypeBuilder<TimelineVisit> b)
    {
        b.ToTable("timeline_visits");
        b.HasKey(v => new { v.TenantId, v.UserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The viewer's previous visit (null: the first one) and the instant of this one.</summary>
public sealed record TimelineSeen(DateTimeOffset? Previous, DateTimeOffset Now)
{
    /// <summary>
    /// New for this viewer: published after their previous visit and not written by them. On a first
    /// visit nothing is marked (every post would be, which tells nothing).
    /// </summary>
    public bool IsNew(PostCard post, Guid viewerId) => Previous is { } seen && post.PublishedAt > seen && post.AuthorId != viewerId;
}

/// <summary>
/// What is new on the timeline for the viewer. Every count goes through
/// <see cref="TimelineService.Visible"/>, the timeline's own visibility rule, so a post the viewer
/// cannot see on the timeline (another group, another school) never counts.
/// </summary>
public sealed class TimelineUnread(SchoolpleinDb db, TimelineService timeline, TimeProvider time)
{
    /// <summary>Records that the viewer sees the timeline now and returns when they saw it before.</summary>
    public async Task<TimelineSeen> MarkSeenAsync(CurrentUser viewer, CancellationToken ct)
    {
        var userId = viewer.RequiredId;
        var now = time.GetUtcNow();
        var tenantId = db.CurrentTenantId;
        // One statement on every timeline view instead of a read and a write: the first visit is inserted, a later one
        // moves the visit forward (never back: a request that started earlier may finish later). The subquery in
        // RETURNING reads the table as it was before this statement, so it gives the previous visit (null on the first).
        // Two tabs opening a first visit at once: ON CONFLICT makes the second an update, which also sees no earlier visit.
        var previous = (await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO timeline_visits (tenant_id, user_id, last_seen_at) VALUES ({tenantId}, {userId}, {now})
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_seen_at = GREATEST(timeline_visits.last_seen_at, EXCLUDED.last_seen_at)
            RETURNING (SELECT v.last_seen_at FROM timeline_visits AS v WHERE v.tenant_id = {tenantId} AND v.user_id = {userId}) AS "Value"
            """).ToListAsync(ct)).SingleOrDefault();
        return new TimelineSeen(previous, now);
    }

    /// <summary>Whether posts arrived since the viewer's last visit (the dot on "Start"); false before a first visit.</summary>
    public Task<bool> HasNewAsync(CurrentUser viewer, CancellationToken ct)
    {
        var userId = viewer.RequiredId;
        var visits = db.Set<TimelineVisit>();
        return timeline.Visible(viewer).AsNoTracking()
            .AnyAsync(p => p.AuthorId != userId && visits.Any(v => v.UserId == userId && p.PublishedAt > v.LastSeenAt), ct);
    }

    /// <summary>
    /// How many posts the viewer can see (for one child, or all) were published after <paramref name="since"/>,
    /// the newest post the open timeline shows: the "N nieuwe berichten" button.
    /// </summary>
    public Task<int> CountNewerAsync(CurrentUser viewer, Guid? childId, DateTimeOffset since, CancellationToken ct)
    {
        var userId = viewer.RequiredId;
        return timeline.Visible(viewer, childId).AsNoTracking()
            .CountAsync(p => p.PublishedAt > since && p.AuthorId != userId, ct);
    }
}
