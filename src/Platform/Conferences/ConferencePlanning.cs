using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Conferences;

public sealed record RoundDraft(
    string Title, string? Location, string? VideoLink, int SlotMinutes, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    bool SiblingsBookEarly, bool SeparateGuardianBookings, IReadOnlyList<Guid> GroupIds);

/// <summary>Staff side of a round: creating it, teachers' windows and slots, blocking, and reminding families.</summary>
public sealed class ConferencePlanning(SchoolpleinDb db, TenantContext tenant, Notifier notifier, TimeProvider time)
{
    /// <summary>Teachers who may take part: those teaching a group of the round.</summary>
    public IQueryable<Guid> TeachersOf(Guid roundId) =>
        db.GroupTeachers.Where(t => db.Set<ConferenceRoundGroup>().Any(g => g.RoundId == roundId && g.GroupId == t.GroupId))
            .Select(t => t.UserId).Distinct();

    /// <summary>Rounds a staff member sees: admins all, teachers those with a group they teach.</summary>
    public IQueryable<ConferenceRound> RoundsFor(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        return db.Set<ConferenceRound>().Where(r => isAdmin || r.Groups.Any(g => db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId)));
    }

    public async Task<Outcome<Guid>> CreateRoundAsync(RoundDraft draft, Guid userId, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > 200)
        {
            problems.Add(new Problem("ErrorTitle"));
        }
        if (draft.SlotMinutes is < SlotPlanner.MinSlotMinutes or > SlotPlanner.MaxSlotMinutes)
        {
            problems.Add(new Problem("ErrorSlotMinutes"));
        }
        if (!SchoolDates.InRange(draft.OpensAt) || !SchoolDates.InRange(draft.ClosesAt))
        {
            problems.Add(new Problem("ErrorDateOutOfRange", SchoolDates.MessageArgs));
        }
        else if (draft.ClosesAt <= draft.OpensAt)
        {
            problems.Add(new Problem("ErrorBookingWindowOrder"));
        }
        if (draft.VideoLink is { } link && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            problems.Add(new Problem("ErrorVideoLink"));
        }
        var groupIds = draft.GroupIds.Distinct().ToList();
        if (groupIds.Count == 0 || await db.Groups.CountAsync(g => groupIds.Contains(g.Id), ct) != groupIds.Count)
        {
            problems.Add(new Problem("ErrorRoundGroups"));
        }
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }
        var round = new ConferenceRound
        {
            Title = draft.Title.Trim(),
            Location = Clean(draft.Location),
            VideoLink = Clean(draft.VideoLink),
            SlotMinutes = draft.SlotMinutes,
            BookingOpensAt = draft.OpensAt,
            BookingClosesAt = draft.ClosesAt,
            SiblingsBookEarly = draft.SiblingsBookEarly,
            SeparateGuardianBookings = draft.SeparateGuardianBookings,
            CreatedById = userId,
            CreatedAt = time.GetUtcNow(),
        };
        round.Groups.AddRange(groupIds.Select(g => new ConferenceRoundGroup { RoundId = round.Id, GroupId = g }));
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(round.Id);
    }

    /// <summary>Adds a teacher's window and its slots. Nothing is saved when the plan has errors or overlaps existing slots.</summary>
    public async Task<Outcome<int>> AddWindowAsync(
        Guid roundId, Guid teacherId, DateOnly date, TimeRange window, IReadOnlyList<TimeRange> breaks, CancellationToken ct)
    {
        var round = await db.Set<ConferenceRound>().AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.SlotMinutes }).FirstAsync(ct);
        if (!await TeachersOf(roundId).AnyAsync(t => t == teacherId, ct))
        {
            return Outcome<int>.Refused("ErrorTeacherNotInRound");
        }
        var plan = SlotPlanner.Plan(date, window, round.SlotMinutes, breaks, tenant.Required.TimeZoneInfo);
        if (!plan.Succeeded)
        {
            return Outcome<int>.Refused(plan.Problems);
        }
        var first = plan.Slots[0].Start;
        var last = plan.Slots[^1].End;
        if (await db.Set<ConferenceSlot>().AnyAsync(s => s.RoundId == roundId && s.TeacherId == teacherId && s.StartsAt < last && s.EndsAt > first, ct))
        {
            return Outcome<int>.Refused("ErrorWindowOverlaps");
        }
        var w = new ConferenceWindow
        {
            RoundId = roundId, TeacherId = teacherId, Date = date, StartTime = window.Start, EndTime = window.End,
            Breaks = breaks.Count == 0 ? null : TimeRange.Format(breaks),
        };
        db.Add(w);
        foreach (var (start, end) in plan.Slots)
        {
            db.Add(new ConferenceSlot { RoundId = roundId, TeacherId = teacherId, WindowId = w.Id, Date = date, StartsAt = start, EndsAt = end });
        }
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Done(plan.Slots.Count);
    }

    /// <summary>Adds one slot outside the windows (an extra conversation), the round's slot length long.</summary>
    public async Task<Outcome> AddSlotAsync(Guid roundId, Guid teacherId, DateOnly date, TimeOnly start, CancellationToken ct)
    {
        var minutes = await db.Set<ConferenceRound>().Where(r => r.Id == roundId).Select(r => r.SlotMinutes).FirstAsync(ct);
        if (!await TeachersOf(roundId).AnyAsync(t => t == teacherId, ct))
        {
            return Outcome.Refused("ErrorTeacherNotInRound");
        }
        if (!SchoolDates.InRange(date))
        {
            return Outcome.Refused("ErrorDateOutOfRange", SchoolDates.MessageArgs);
        }
        var startsAt = SchoolTime.ToInstant(date, start, tenant.Required.TimeZoneInfo);
        var endsAt = startsAt.AddMinutes(minutes);
        if (await db.Set<ConferenceSlot>().AnyAsync(s => s.RoundId == roundId && s.TeacherId == teacherId && s.StartsAt < endsAt && s.EndsAt > startsAt, ct))
        {
            return Outcome.Refused("ErrorWindowOverlaps");
        }
        db.Add(new ConferenceSlot { RoundId = roundId, TeacherId = teacherId, Date = date, StartsAt = startsAt, EndsAt = endsAt });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Blocks or frees a slot. A booked slot cannot be blocked (the family would not know).</summary>
    public async Task<Outcome> SetBlockedAsync(Guid slotId, bool blocked, CancellationToken ct)
    {
        var changed = await db.Set<ConferenceSlot>()
            .Where(s => s.Id == slotId && (!blocked || !db.Set<ConferenceBooking>().Any(b => b.SlotId == s.Id)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Blocked, blocked), ct);
        return changed == 1 ? Outcome.Done : Outcome.Refused("ErrorSlotBooked");
    }

    /// <summary>Children of the round's groups with no booking at all in the round.</summary>
    public IQueryable<Roster.Pupil> Unbooked(Guid roundId, Guid? teacherId = null) =>
        db.Pupils.Where(p => p.ArchivedAt == null
            && db.Set<ConferenceRoundGroup>().Any(g => g.RoundId == roundId && g.GroupId == p.GroupId)
            && (teacherId == null || db.GroupTeachers.Any(t => t.UserId == teacherId && t.GroupId == p.GroupId))
            && !db.Set<ConferenceBooking>().Any(b => b.RoundId == roundId && b.PupilId == p.Id
                && (teacherId == null || b.TeacherId == teacherId)));

    /// <summary>Notifies the guardians of children without a booking; returns how many guardians.</summary>
    public async Task<int> RemindUnbookedAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.Set<ConferenceRound>().AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Title, r.BookingClosesAt }).FirstAsync(ct);
        var guardians = await db.Guardianships.AsNoTracking()
            .Where(g => Unbooked(roundId, null).Any(p => p.Id == g.PupilId))
            .Select(g => g.UserId).Distinct().ToListAsync(ct);
        var closes = SchoolTime.ToLocal(round.BookingClosesAt, tenant.Required.TimeZoneInfo);
        await notifier.NotifyAsync(guardians, new NotificationContent(
            "conference.remind", typeof(ConferenceText), "RemindTitle", [round.Title], "RemindBody",
            [round.Title, closes], "/gesprekken",
            SourceId: roundId), ct);
        await db.SaveChangesAsync(ct);
        return guardians.Count;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
