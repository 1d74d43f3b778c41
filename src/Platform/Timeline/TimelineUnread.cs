using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
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
        var previous = await db.Set<TimelineVisit>().AsNoTracking()
            .Where(v => v.UserId == userId)
            .Select(v => (DateTimeOffset?)v.LastSeenAt)
            .FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            var visit = new TimelineVisit { UserId = userId, LastSeenAt = now };
            db.Add(visit);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same person opened the timeline twice at once (two tabs): the other request stored the visit.
                db.Entry(visit).State = EntityState.Detached;
            }
        }
        else
        {
            // Never moves back (a request that started earlier but finishes later).
            await db.Set<TimelineVisit>()
                .Where(v => v.UserId == userId && v.LastSeenAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.LastSeenAt, now), ct);
        }
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
