using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Conferences;

/// <summary>A stretch of wall-clock time on one day (a break, a window).</summary>
public readonly record struct TimeRange(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses "19:30-19:45, 20:30-20:40" (any of , ; or newlines between ranges). Null when a part is unreadable.</summary>
    public static IReadOnlyList<TimeRange>? ParseList(string? text)
    {
        var ranges = new List<TimeRange>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return ranges;
        }
        foreach (var part in text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], ["HH:mm", "H:mm"], out var start)
                || !TimeOnly.TryParseExact(ends[1], ["HH:mm", "H:mm"], out var end))
            {
                return null;
            }
            ranges.Add(new TimeRange(start, end));
        }
        return ranges;
    }

    public static string Format(IEnumerable<TimeRange> ranges) =>
        string.Join(", ", ranges.Select(r => $"{r.Start:HH\\:mm}-{r.End:HH\\:mm}"));
}

/// <summary>The outcome of planning one window: the slots, or why it cannot be planned (resource keys with arguments).</summary>
public sealed record SlotPlan(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Slots, IReadOnlyList<Problem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Cuts a teacher's time window on one day into slots of a fixed length around breaks. Pure logic.
/// Slots are measured in real time between the window's instants, so on a DST day every slot
/// still lasts exactly the slot length. Every free stretch (window minus breaks) must hold a
/// whole number of slots: a remainder is refused with the nearest end times that would fit,
/// rather than silently dropping minutes a teacher counted on.
/// </summary>
public static class SlotPlanner
{
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 120;
    public const int MaxSlotsPerWindow = 100;

    public static SlotPlan Plan(DateOnly date, TimeRange window, int slotMinutes, IReadOnlyList<TimeRange> breaks, TimeZoneInfo zone)
    {
        var errors = new List<Problem>();
        if (!SchoolDates.InRange(date))
        {
            errors.Add(new Problem("ErrorDateOutOfRange", SchoolDates.MessageArgs));
            return new SlotPlan([], errors);
        }
        if (slotMinutes is < MinSlotMinutes or > MaxSlotMinutes)
        {
            errors.Add(new Problem("ErrorSlotLength", MinSlotMinutes, MaxSlotMinutes));
            return new SlotPlan([], errors);
        }
        if (window.End <= window.Start)
        {
            errors.Add(new Problem("ErrorWindowOrder"));
            return new SlotPlan([], errors);
        }
        var start = SchoolTime.ToInstant(date, window.Start, zone);
        var end = SchoolTime.ToInstant(date, window.End, zone);
        var length = TimeSpan.FromMinutes(slotMinutes);
        var pauses = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var b in breaks.OrderBy(b => b.Start))
        {
            if (b.End <= b.Start)
            {
                errors.Add(new Problem("ErrorBreakOrder", Label(b)));
                continue;
            }
            if (b.Start < window.Start || b.End > window.End)
            {
                errors.Add(new Problem("ErrorBreakOutsideWindow", Label(b)));
                continue;
            }
            var pause = (SchoolTime.ToInstant(date, b.Start, zone), SchoolTime.ToInstant(date, b.End, zone));
            if (pauses.Count > 0 && pause.Item1 < pauses[^1].End)
            {
                errors.Add(new Problem("ErrorBreakOverlap", Label(b)));
                continue;
            }
            pauses.Add(pause);
        }
        if (errors.Count > 0)
        {
            return new SlotPlan([], errors);
        }
        if (end - start < length)
        {
            errors.Add(new Problem(Plurals.Key("ErrorSlotDoesNotFit", slotMinutes), slotMinutes, Label(window)));
            return new SlotPlan([], errors);
        }
        var slots = new List<(DateTimeOffset, DateTimeOffset)>();
        var stretches = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var cursor = start;
        foreach (var pause in pauses)
        {
            stretches.Add((cursor, pause.Start));
            cursor = pause.End;
        }
        stretches.Add((cursor, end));
        foreach (var (from, to) in stretches)
        {
            var free = to - from;
            var count = (int)(free.Ticks / length.Ticks);
            var rest = free - count * length;
            if (rest > TimeSpan.Zero)
            {
                var local = SchoolTime.LocalTime(to, zone);
                var shorter = SchoolTime.LocalTime(to - rest, zone);
                var longer = SchoolTime.LocalTime(to - rest + length, zone);
                errors.Add(new Problem(Plurals.Key("ErrorSlotRemainder", (int)rest.TotalMinutes), slotMinutes, (int)rest.TotalMinutes,
                    local.ToString("HH:mm"), shorter.ToString("HH:mm"), longer.ToString("HH:mm")));
                continue;
            }
            for (var i = 0; i < count; i++)
            {
                slots.Add((from + i * length, from + (i + 1) * length));
            }
        }
        if (errors.Count == 0 && slots.Count == 0)
        {
            errors.Add(new Problem(Plurals.Key("ErrorSlotDoesNotFit", slotMinutes), slotMinutes, Label(window)));
        }
        if (slots.Count > MaxSlotsPerWindow)
        {
            errors.Add(new Problem(Plurals.Key("ErrorTooManySlots", MaxSlotsPerWindow), MaxSlotsPerWindow));
        }
        return errors.Count > 0 ? new SlotPlan([], errors) : new SlotPlan(slots, []);
    }

    private static string Label(TimeRange r) => $"{r.Start:HH\\:mm}–{r.End:HH\\:mm}";
}
