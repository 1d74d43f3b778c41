namespace Schoolplein.Platform.Conferences;

/// <summary>A teacher's conferences on one day: for the schedule page and the printed PDF.</summary>
public sealed record ConferenceSchedule(
    string RoundTitle, string? Location, string Teacher, DateOnly Date, IReadOnlyList<ScheduleRow> Rows, IReadOnlyList<string> Unbooked);

public sealed record ScheduleRow(DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Blocked, string? Child, string? Group, string? BookedBy);
