using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
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
    public IQueryable<ConferenceRound> RoundsFor(Guid userId, bool isAdmin) =>
        db.Set<ConferenceRound>().Where(r => isAdmin || r.Groups.Any(g => db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId)));

    public async Task<(Guid? Id, IReadOnlyList<string> Errors)> CreateRoundAsync(RoundDraft draft, Guid userId, CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > 200)
        {
            errors.Add("ErrorTitle");
        }
        if (draft.SlotMinutes is < SlotPlanner.MinSlotMinutes or > SlotPlanner.MaxSlotMinutes)
        {
            errors.Add("ErrorSlotMinutes");
        }
        if (!SchoolDates.InRange(draft.OpensAt) || !SchoolDates.InRange(draft.ClosesAt))
        {
            errors.Add("ErrorDateOutOfRange");
        }
        else if (draft.ClosesAt <= draft.OpensAt)
        {
            errors.Add("ErrorBookingWindowOrder");
        }
        if (draft.VideoLink is { } link && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add("ErrorVideoLink");
        }
        var groupIds = draft.GroupIds.Distinct().ToList();
        if (groupIds.Count == 0 || await db.Groups.CountAsync(g => groupIds.Contains(g.Id), ct) != groupIds.Count)
        {
            errors.Add("ErrorRoundGroups");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
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
        return (round.Id, []);
    }

    /// <summary>Adds a teacher's window and its slots. Nothing is saved when the plan has errors or overlaps existing slots.</summary>
    public async Task<(int Slots, IReadOnlyList<PlanError> Errors)> AddWindowAsync(
        Guid roundId, Guid teacherId, DateOnly date, TimeRange window, IReadOnlyList<TimeRange> breaks, CancellationToken ct)
    {
        var round = await db.Set<ConferenceRound>().AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.SlotMinutes }).FirstAsync(ct);
        if (!await TeachersOf(roundId).AnyAsync(t => t == teacherId, ct))
        {
            return (0, [new PlanError("ErrorTeacherNotInRound")]);
        }
        var plan = SlotPlanner.Plan(date, window, round.SlotMinutes, breaks, tenant.Required.TimeZoneInfo);
        if (!plan.Ok)
        {
            return (0, plan.Errors);
        }
        var first = plan.Slots[0].Start;
        var last = plan.Slots[^1].End;
        if (await db.Set<ConferenceSlot>().AnyAsync(s => s.RoundId == roundId && s.TeacherId == teacherId && s.StartsAt < last && s.EndsAt > first, ct))
        {
            return (0, [new PlanError("ErrorWindowOverlaps")]);
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
        return (plan.Slots.Count, []);
    }

    /// <summary>Adds one slot outside the windows (an extra conversation), the round's slot length long.</summary>
    public async Task<string?> AddSlotAsync(Guid roundId, Guid teacherId, DateOnly date, TimeOnly start, CancellationToken ct)
    {
        var minutes = await db.Set<ConferenceRound>().Where(r => r.Id == roundId).Select(r => r.SlotMinutes).FirstAsync(ct);
        if (!await TeachersOf(roundId).AnyAsync(t => t == teacherId, ct))
        {
            return "ErrorTeacherNotInRound";
        }
        if (!SchoolDates.InRange(date))
        {
            return "ErrorDateOutOfRange";
        }
        var startsAt = SchoolTime.ToInstant(date, start, tenant.Required.TimeZoneInfo);
        var endsAt = startsAt.AddMinutes(minutes);
        if (await db.Set<ConferenceSlot>().AnyAsync(s => s.RoundId == roundId && s.TeacherId == teacherId && s.StartsAt < endsAt && s.EndsAt > startsAt, ct))
        {
            return "ErrorWindowOverlaps";
        }
        db.Add(new ConferenceSlot { RoundId = roundId, TeacherId = teacherId, Date = date, StartsAt = startsAt, EndsAt = endsAt });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Blocks or frees a slot. A booked slot cannot be blocked (the family would not know).</summary>
    public async Task<string?> SetBlockedAsync(Guid slotId, bool blocked, CancellationToken ct)
    {
        var changed = await db.Set<ConferenceSlot>()
            .Where(s => s.Id == slotId && (!blocked || !db.Set<ConferenceBooking>().Any(b => b.SlotId == s.Id)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Blocked, blocked), ct);
        return changed == 1 ? null : "ErrorSlotBooked";
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
