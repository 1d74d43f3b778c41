using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Calendar;

/// <summary>What a calendar item is: an event, or a day the school is closed (from the school's <see cref="SchoolCalendar.SchoolClosure"/>s).</summary>
public enum CalendarItemKind
{
    Event,
    Holiday,
    StudyDay,
}

/// <summary>
/// One occurrence of an event (or a closure: <see cref="Kind"/>, id of the closure) in a user's calendar.
/// With a sign-up (<see cref="HasSignUp"/>): its places, the places taken and whether this user took one,
/// read with the occurrences so a list of cards needs no query per card.
/// </summary>
public sealed record EventOccurrence(
    Guid EventId, string Title, string? Location, bool AllDay, DateOnly Day, DateOnly LastDay,
    DateTimeOffset Start, DateTimeOffset End, bool SchoolWide, IReadOnlyList<string> Groups, bool HasSignUp,
    CalendarItemKind Kind = CalendarItemKind.Event, int? Capacity = null, int SignUpCount = 0, bool SignedUp = false);

/// <summary>Another feature's items in a user's feed (booked conferences …), already limited to what the user may see.</summary>
public interface ICalendarFeedSource
{
    Task<IReadOnlyList<FeedEvent>> EventsForAsync(Guid userId, DateOnly since, CancellationToken ct);
}

public sealed record EventDraft(string Title, string? Description, string? Location, EventSchedule Schedule, IReadOnlyList<Guid> GroupIds, int? Capacity);

/// <summary>
/// Which events a user sees — school-wide events plus those of the groups of their children
/// and of the groups they teach — sign-ups, and the feed's text (its links: <see cref="CalendarFeeds"/>).
/// </summary>
public sealed class CalendarService(
    SchoolpleinDb db, TenantContext tenant, IOptions<TenancyOptions> tenancy, TimeProvider time, IEnumerable<ICalendarFeedSource> sources, Blobs.IBlobStore blobs)
{
    /// <summary>Events visible to the user; optionally only those of one of their children (plus school-wide), or every event (admins).</summary>
    public IQueryable<CalendarEvent> Visible(Guid userId, Guid? childId = null, bool everything = false)
    {
        var events = db.Set<CalendarEvent>().AsNoTracking();
        if (everything)
        {
            return events;
        }
        if (childId is { } child)
        {
            return events.Where(e => !e.Groups.Any() || e.Groups.Any(g => db.Guardianships.Any(
                gu => gu.UserId == userId && gu.PupilId == child && gu.Pupil!.ArchivedAt == null && gu.Pupil.GroupId == g.GroupId)));
        }
        return events.Where(e => !e.Groups.Any() || e.Groups.Any(g =>
            db.Guardianships.Any(gu => gu.UserId == userId && gu.Pupil!.ArchivedAt == null && gu.Pupil.GroupId == g.GroupId)
            || db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId)));
    }

    /// <summary>Events the user may change: admins all; a teacher those they created and those only for groups they teach.</summary>
    public IQueryable<CalendarEvent> EditableBy(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        var events = db.Set<CalendarEvent>();
        return isAdmin
            ? events
            : events.Where(e => e.CreatedById == userId
                || (e.Groups.Any() && e.Groups.All(g => db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId))));
    }

    /// <summary>Groups the user may put events in: admins every group, teachers their own.</summary>
    public IQueryable<Roster.Group> TargetGroups(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        return db.Groups.AsNoTracking().Where(g => isAdmin || g.Teachers.Any(t => t.UserId == userId))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name);
    }

    /// <summary>
    /// Creates or updates an event after <see cref="EventRules"/> passed, for <paramref name="author"/>.
    /// Refused for text that is too long and for what the database state decides (unknown groups,
    /// capacity below the sign-ups); nothing is saved then. Done: the event's id.
    /// </summary>
    public async Task<Outcome<Guid>> SaveAsync(CalendarEvent? existing, EventDraft draft, CurrentUser author, CancellationToken ct)
    {
        if (draft.Description?.Length > 4000 || draft.Location?.Length > 200)
        {
            return Outcome<Guid>.Refused("ErrorTooLong");
        }
        var problems = new List<Problem>();
        var (userId, isAdmin) = (author.Id, author.IsAdmin);
        var groupIds = draft.GroupIds.Distinct().ToList();
        if (groupIds.Count == 0 && !isAdmin)
        {
            problems.Add(new Problem("ErrorSchoolWideAdminOnly"));
        }
        var allowed = await TargetGroups(author).Where(g => groupIds.Contains(g.Id)).CountAsync(ct);
        if (allowed != groupIds.Count)
        {
            problems.Add(new Problem("ErrorGroups"));
        }
        if (existing is not null && ((draft.Capacity is { } places && places < existing.SignUpCount)
            || (existing.Capacity is not null && draft.Capacity is null && existing.SignUpCount > 0)))
        {
            problems.Add(new Problem("ErrorCapacityBelowSignUps"));
        }
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }
        var zone = tenant.Required.TimeZoneInfo;
        var s = draft.Schedule;
        var (startsAt, endsAt) = s.InstantsOn(s.StartDate, zone);
        var now = time.GetUtcNow();
        var e = existing ?? new CalendarEvent { Title = "", CreatedById = userId, CreatedAt = now };
        e.Title = draft.Title.Trim();
        e.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        e.Location = string.IsNullOrWhiteSpace(draft.Location) ? null : draft.Location.Trim();
        e.AllDay = s.AllDay;
        e.StartDate = s.StartDate;
        e.EndDate = s.EndDate;
        e.StartTime = s.AllDay ? null : s.StartTime;
        e.EndTime = s.AllDay ? null : s.EndTime;
        e.StartsAt = startsAt;
        e.EndsAt = endsAt;
        e.RepeatDays = s.Repeats ? s.RepeatDays : WeekDays.None;
        e.RepeatUntil = s.Repeats ? s.RepeatUntil : null;
        e.RepeatsInClosures = s.Repeats && s.RepeatInClosures;
        e.LastDate = s.LastDate;
        e.Capacity = draft.Capacity;
        e.UpdatedAt = now;
        if (existing is null)
        {
            db.Add(e);
        }
        else
        {
            e.Sequence++;
        }
        e.Groups.RemoveAll(g => !groupIds.Contains(g.GroupId));
        foreach (var id in groupIds.Where(id => e.Groups.All(g => g.GroupId != id)))
        {
            e.Groups.Add(new CalendarEventGroup { EventId = e.Id, GroupId = id });
        }
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(e.Id);
    }

    public async Task<IReadOnlyList<EventOccurrence>> OccurrencesAsync(
        Guid userId, DateOnly from, DateOnly to, Guid? childId, bool everything, CancellationToken ct)
    {
        var zone = tenant.Required.TimeZoneInfo;
        var closures = await db.Set<SchoolClosure>().AsNoTracking()
            .Where(c => c.StartDate <= to && c.EndDate >= from)
            .Select(c => new { c.Id, c.Name, c.Kind, c.StartDate, c.EndDate })
            .ToListAsync(ct);
        var schoolDays = new SchoolDays(closures.Select(c => new Closure(c.StartDate, c.EndDate, c.Kind, c.Name)));
        var rows = await Visible(userId, childId, everything)
            .Where(e => e.StartDate <= to && e.LastDate >= from)
            .Select(e => new
            {
                e.Id, e.Title, e.Location, e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures,
                SchoolWide = !e.Groups.Any(),
                Groups = e.Groups.OrderBy(g => g.Group!.SortOrder).Select(g => g.Group!.Name).ToList(),
                e.Capacity, e.SignUpCount,
                SignedUp = e.Capacity != null && db.Set<CalendarEventSignUp>().Any(s => s.EventId == e.Id && s.UserId == userId),
            })
            .ToListAsync(ct);
        var result = new List<EventOccurrence>();
        foreach (var e in rows)
        {
            var schedule = new EventSchedule(e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures);
            if (!schedule.InSchoolDates)
            {
                // Stored before forms refused such dates; shown nowhere (like the feed), so the month still renders.
                continue;
            }
            foreach (var day in schedule.OccurrenceDays(from, to, schoolDays))
            {
                var (start, end) = schedule.InstantsOn(day, zone);
                result.Add(new EventOccurrence(e.Id, e.Title, e.Location, e.AllDay, day, day.AddDays(schedule.ExtraDays),
                    start, end, e.SchoolWide, e.Groups, e.Capacity != null, CalendarItemKind.Event, e.Capacity, e.SignUpCount, e.SignedUp));
            }
        }
        foreach (var c in closures)
        {
            var schedule = new EventSchedule(true, c.StartDate, c.EndDate, null, null);
            if (!schedule.InSchoolDates)
            {
                continue;
            }
            var (start, end) = schedule.InstantsOn(c.StartDate, zone);
            result.Add(new EventOccurrence(c.Id, c.Name, null, true, c.StartDate, c.EndDate, start, end, true, [], false, KindOf(c.Kind)));
        }
        // Closures first on a day: "studiedag" matters more than what else is on.
        return result.OrderBy(o => o.Day).ThenBy(o => o.Kind == CalendarItemKind.Event).ThenBy(o => !o.AllDay).ThenBy(o => o.Start).ThenBy(o => o.Title).ToList();
    }

    /// <summary>
    /// Takes a place: the sign-up row (primary key: one per user) and the conditional raise of
    /// the count (<c>sign_up_count &lt; capacity</c>, row-locked by PostgreSQL) commit together,
    /// so concurrent sign-ups can never exceed the capacity. Refused with "AlreadySignedUp",
    /// "Full" or "NoSignUp" (the event takes no sign-ups, or is not there).
    /// </summary>
    public async Task<Outcome> SignUpAsync(Guid eventId, Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var raised = await db.Set<CalendarEvent>()
            .Where(e => e.Id == eventId && e.Capacity != null && e.SignUpCount < e.Capacity
                && !db.Set<CalendarEventSignUp>().Any(s => s.EventId == eventId && s.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SignUpCount, e => e.SignUpCount + 1), ct);
        if (raised == 0)
        {
            await transaction.RollbackAsync(ct);
            var state = await db.Set<CalendarEvent>().AsNoTracking().Where(e => e.Id == eventId)
                .Select(e => new { e.Capacity, Mine = db.Set<CalendarEventSignUp>().Any(s => s.EventId == eventId && s.UserId == userId) })
                .FirstOrDefaultAsync(ct);
            return state switch
            {
                null or { Capacity: null } => Outcome.Refused("NoSignUp"),
                { Mine: true } => Outcome.Refused("AlreadySignedUp"),
                _ => Outcome.Refused("Full"),
            };
        }
        db.Add(new CalendarEventSignUp { EventId = eventId, UserId = userId, CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A second tab of the same user won the race: undo the raise with the transaction.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome.Refused("AlreadySignedUp");
        }
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }

    public async Task<bool> CancelSignUpAsync(Guid eventId, Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.Set<CalendarEventSignUp>().Where(s => s.EventId == eventId && s.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await db.Set<CalendarEvent>().Where(e => e.Id == eventId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SignUpCount, e => e.SignUpCount - removed), ct);
        }
        await transaction.CommitAsync(ct);
        return removed > 0;
    }

    /// <summary>Attaches a file to an event; refused (CalendarText keys) when the file is not accepted, and nothing is saved then.</summary>
    public async Task<Outcome> AttachAsync(Guid eventId, string? fileName, byte[] content, CancellationToken ct)
    {
        if (content.Length == 0)
        {
            return Outcome.Refused("ErrorAttachmentEmpty");
        }
        if (content.LongLength > AttachmentRules.MaxBytes)
        {
            return Outcome.Refused("ErrorAttachmentTooLarge");
        }
        if (Uploads.SniffDocumentOrPhoto(content) is not { } contentType)
        {
            return Outcome.Refused("ErrorAttachmentType");
        }
        var blobId = await blobs.PutAsync(contentType, content, ct);
        db.Add(new CalendarAttachment
        {
            EventId = eventId, BlobId = blobId, FileName = Uploads.CleanFileName(fileName),
            ContentType = contentType, Size = content.LongLength, CreatedAt = time.GetUtcNow(),
        });
        await TouchAsync(eventId, ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Deletes an event the caller found editable (soft: the raised sequence tells subscribed calendars it is gone).</summary>
    public async Task DeleteAsync(CalendarEvent e, CancellationToken ct)
    {
        e.DeletedAt = time.GetUtcNow();
        e.UpdatedAt = e.DeletedAt.Value;
        e.Sequence++;
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> DetachAsync(Guid eventId, Guid attachmentId, CancellationToken ct)
    {
        var attachment = await db.Set<CalendarAttachment>().FirstOrDefaultAsync(a => a.Id == attachmentId && a.EventId == eventId, ct);
        if (attachment is null)
        {
            return false;
        }
        db.Remove(attachment);
        await blobs.DeleteAsync(attachment.BlobId, ct);
        await TouchAsync(eventId, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A visible event's attachment with its bytes, or null.</summary>
    public async Task<(CalendarAttachment Attachment, byte[] Content)?> AttachmentAsync(Guid userId, bool everything, Guid eventId, Guid attachmentId, CancellationToken ct)
    {
        var attachment = await db.Set<CalendarAttachment>().AsNoTracking()
            .Where(a => a.Id == attachmentId && a.EventId == eventId && Visible(userId, null, everything).Any(e => e.Id == a.EventId))
            .FirstOrDefaultAsync(ct);
        if (attachment is null || await blobs.GetAsync(attachment.BlobId, ct) is not { } blob)
        {
            return null;
        }
        return (attachment, blob.Content);
    }

    private async Task TouchAsync(Guid eventId, CancellationToken ct)
    {
        var e = await db.Set<CalendarEvent>().FirstAsync(x => x.Id == eventId, ct);
        e.UpdatedAt = time.GetUtcNow();
        e.Sequence++;
    }

    public Uri EventUri(Guid eventId) => tenancy.Value.SchoolUri(tenant.Required.Slug, $"/agenda/{eventId}");

    /// <summary>Uid of an event in every feed: stable across edits and feeds, unique across schools.</summary>
    public string Uid(Guid eventId) => $"{eventId}@{tenant.Required.Slug}.schoolplein";

    /// <summary>The user's events as iCalendar text, a year back and without end forward.</summary>
    public async Task<string> FeedAsync(Guid userId, CancellationToken ct)
    {
        var school = tenant.Required;
        var since = SchoolTime.LocalDate(time.GetUtcNow(), school.TimeZoneInfo).AddYears(-1);
        var (all, closures) = await FeedEventsAsync(Visible(userId).Where(e => e.LastDate >= since), since, ct);
        // Holidays and study days: school-wide, so in everyone's feed.
        all.AddRange(closures.Where(c => c.EndDate >= since).Select(c => new FeedEvent(
            $"closure-{c.Id}@{school.Slug}.schoolplein", c.Name, null, null,
            new EventSchedule(true, c.StartDate, c.EndDate, null, null), 0, c.CreatedAt, c.CreatedAt, null,
            Category: KindOf(c.Kind) == CalendarItemKind.StudyDay ? "STUDIEDAG" : "VAKANTIE")));
        foreach (var source in sources)
        {
            all.AddRange(await source.EventsForAsync(userId, since, ct));
        }
        return CalendarFeedWriter.Write(school.Name, school.TimeZone, all);
    }

    /// <summary>
    /// "Zet in mijn agenda": one event as an .ics file, written as the feed writes it (same UID, so a calendar
    /// that also has the feed sees one event), with its title for a file name; null when the user cannot see it.
    /// </summary>
    public async Task<(string Ics, string Title)?> EventFileAsync(Guid userId, bool everything, Guid eventId, CancellationToken ct)
    {
        var (events, _) = await FeedEventsAsync(Visible(userId, everything: everything).Where(e => e.Id == eventId), null, ct);
        if (events is not [var single])
        {
            return null;
        }
        var school = tenant.Required;
        return (CalendarFeedWriter.Write(school.Name, school.TimeZone, events), single.Title);
    }

    private sealed record ClosureRow(Guid Id, string Name, ClosureKind Kind, DateOnly StartDate, DateOnly EndDate, DateTimeOffset CreatedAt);

    /// <summary>The events as feed items, their repeats on closed days skipped (EXDATEs); and the closures read for that.</summary>
    private async Task<(List<FeedEvent> Events, List<ClosureRow> Closures)> FeedEventsAsync(IQueryable<CalendarEvent> events, DateOnly? since, CancellationToken ct)
    {
        var rows = await events
            .OrderBy(e => e.StartDate)
            .Select(e => new
            {
                e.Id, e.Title, e.Description, e.Location, e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime,
                e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures, e.Sequence, e.CreatedAt, e.UpdatedAt,
            })
            .ToListAsync(ct);
        // Every closure a listed event can touch.
        var earliest = rows.Count == 0 ? since ?? DateOnly.MaxValue : DateOnly.FromDayNumber(Math.Min((since ?? DateOnly.MaxValue).DayNumber, rows.Min(e => e.StartDate).DayNumber));
        var closures = await db.Set<SchoolClosure>().AsNoTracking()
            .Where(c => c.EndDate >= earliest)
            .OrderBy(c => c.StartDate)
            .Select(c => new ClosureRow(c.Id, c.Name, c.Kind, c.StartDate, c.EndDate, c.CreatedAt))
            .ToListAsync(ct);
        var schoolDays = new SchoolDays(closures.Select(c => new Closure(c.StartDate, c.EndDate, c.Kind, c.Name)));
        var all = rows.Select(e =>
        {
            var schedule = new EventSchedule(e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures);
            return new FeedEvent(Uid(e.Id), e.Title, e.Description, e.Location, schedule,
                e.Sequence, e.CreatedAt, e.UpdatedAt, EventUri(e.Id), SkippedDays: schedule.SkippedDays(schoolDays).ToList());
        }).ToList();
        return (all, closures);
    }

    private static CalendarItemKind KindOf(ClosureKind kind) =>
        kind == ClosureKind.StudyDay ? CalendarItemKind.StudyDay : CalendarItemKind.Holiday;

}
