using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Calendar;

/// <summary>
/// A school event for the whole school (no groups) or for some groups. Days and wall-clock
/// times are in the school's time zone; <see cref="StartsAt"/>/<see cref="EndsAt"/> are the UTC
/// instants of the first occurrence (for an all-day event: the local midnights around it).
/// A repeating event repeats weekly on <see cref="RepeatDays"/> until <see cref="RepeatUntil"/>
/// (covers "gym every Tuesday" and "every school day of a week").
/// </summary>
public sealed class CalendarEvent : ITenantOwned, ISoftDeletable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Location { get; set; }
    public bool AllDay { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>Last day of the (first) occurrence, inclusive.</summary>
    public DateOnly EndDate { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public WeekDays RepeatDays { get; set; }
    public DateOnly? RepeatUntil { get; set; }
    /// <summary>
    /// The author ticked "ook in vakanties": repeats also fall on the school's holidays and
    /// study days. Off by default, because "gym every Tuesday" does not happen in the holidays.
    /// </summary>
    public bool RepeatsInClosures { get; set; }
    /// <summary>The last day any occurrence touches; with <see cref="StartDate"/> it bounds range queries.</summary>
    public DateOnly LastDate { get; set; }
    /// <summary>Places for a sign-up ("6 helpers"); null when the event has no sign-up.</summary>
    public int? Capacity { get; set; }
    /// <summary>Places taken; raised only by a conditional update that checks <see cref="Capacity"/>.</summary>
    public int SignUpCount { get; set; }
    /// <summary>iCalendar SEQUENCE: raised on every change so calendar apps take the new version.</summary>
    public int Sequence { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public List<CalendarEventGroup> Groups { get; set; } = [];

    public bool Repeats => RepeatDays != WeekDays.None && RepeatUntil is not null;
}

/// <summary>Days of the week a repeating event falls on.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    SchoolDays = Monday | Tuesday | Wednesday | Thursday | Friday,
}

public static class WeekDaysExtensions
{
    public static WeekDays Flag(this DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WeekDays.Monday,
        DayOfWeek.Tuesday => WeekDays.Tuesday,
        DayOfWeek.Wednesday => WeekDays.Wednesday,
        DayOfWeek.Thursday => WeekDays.Thursday,
        DayOfWeek.Friday => WeekDays.Friday,
        DayOfWeek.Saturday => WeekDays.Saturday,
        _ => WeekDays.Sunday,
    };

    public static bool Includes(this WeekDays days, DayOfWeek day) => (days & day.Flag()) != 0;

    public static IEnumerable<DayOfWeek> Days(this WeekDays days) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Where(d => days.Includes(d));
}

public sealed class CalendarEventGroup : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid EventId { get; set; }
    public Guid GroupId { get; set; }
    public Group? Group { get; set; }
}

/// <summary>A parent's sign-up for an event with places. One per user per event (primary key).</summary>
public sealed class CalendarEventSignUp : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid EventId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public CalendarEvent? Event { get; set; }
    public Identity.AppUser? User { get; set; }
}

/// <summary>
/// A user's personal iCal feed. Only the SHA-256 of the secret token is stored; a new token
/// replaces the old one (the old URL stops working) and deleting the row revokes the feed.
/// </summary>
public sealed class CalendarFeed : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>The token encrypted with data protection, so the page can show the link again (null: made before it was kept).</summary>
    public string? ProtectedToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class CalendarEventConfiguration : IEntityTypeConfiguration<CalendarEvent>
{
    public void Configure(EntityTypeBuilder<CalendarEvent> b)
    {
        b.ToTable("calendar_events", t =>
        {
            t.HasCheckConstraint("ck_calendar_events_ends_after_start", "ends_at > starts_at");
            t.HasCheckConstraint("ck_calendar_events_capacity", "capacity IS NULL OR (capacity > 0 AND sign_up_count <= capacity)");
        });
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Description).HasMaxLength(4000);
        b.Property(e => e.Location).HasMaxLength(200);
        b.Ignore(e => e.Repeats);
        b.HasIndex(e => new { e.StartDate, e.LastDate });
        b.HasMany(e => e.Groups).WithOne().HasForeignKey(g => g.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarEventGroupConfiguration : IEntityTypeConfiguration<CalendarEventGroup>
{
    public void Configure(EntityTypeBuilder<CalendarEventGroup> b)
    {
        b.ToTable("calendar_event_groups");
        b.HasKey(g => new { g.TenantId, g.EventId, g.GroupId });
        b.HasOne(g => g.Group).WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => g.GroupId);
    }
}

internal sealed class CalendarEventSignUpConfiguration : IEntityTypeConfiguration<CalendarEventSignUp>
{
    public void Configure(EntityTypeBuilder<CalendarEventSignUp> b)
    {
        b.ToTable("calendar_event_sign_ups");
        b.HasKey(s => new { s.TenantId, s.EventId, s.UserId });
        b.HasOne(s => s.Event).WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("calendar_feeds");
        b.Property(f => f.ProtectedToken).HasMaxLength(1000);
        b.HasKey(f => new { f.TenantId, f.UserId });
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.TokenHash).IsUnique();
    }
}
