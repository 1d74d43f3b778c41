using Schoolplein.Platform;
using System.Globalization;
using Schoolplein.Platform.Calendar;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>The create/edit form of an event, bound as strings so every parse error gets our own message.</summary>
public sealed class EventForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Location { get; set; }
    public bool AllDay { get; set; }
    public string? StartDate { get; set; }
    public string? StartTime { get; set; }
    public string? EndDate { get; set; }
    public string? EndTime { get; set; }
    /// <summary>Empty: whole school; otherwise the groups the event is for.</summary>
    public List<Guid> GroupIds { get; set; } = [];
    public bool SchoolWide { get; set; }
    public List<DayOfWeek> RepeatDays { get; set; } = [];
    public string? RepeatUntil { get; set; }
    /// <summary>"Ook in vakanties": repeats also on holidays and study days (off by default).</summary>
    public bool RepeatInClosures { get; set; }
    public string? Capacity { get; set; }

    public static EventForm From(CalendarEvent e) => new()
    {
        Title = e.Title,
        Description = e.Description,
        Location = e.Location,
        AllDay = e.AllDay,
        StartDate = e.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EndDate = e.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime = e.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        EndTime = e.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        GroupIds = e.Groups.Select(g => g.GroupId).ToList(),
        SchoolWide = e.Groups.Count == 0,
        RepeatDays = e.RepeatDays.Days().ToList(),
        RepeatUntil = e.RepeatUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RepeatInClosures = e.RepeatsInClosures,
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses the form; returns the schedule or adds the problems (CalendarText keys) of what is wrong.</summary>
    public (EventSchedule? Schedule, int? Capacity) Parse(List<Problem> problems)
    {
        var startDate = ParseDate(StartDate);
        var endDate = string.IsNullOrWhiteSpace(EndDate) ? startDate : ParseDate(EndDate);
        if (startDate is null || endDate is null)
        {
            problems.Add(new Problem("ErrorDate"));
        }
        TimeOnly? startTime = null, endTime = null;
        if (!AllDay)
        {
            startTime = ParseTime(StartTime);
            endTime = ParseTime(EndTime);
            if (startTime is null || endTime is null)
            {
                problems.Add(new Problem("ErrorTimesRequired"));
            }
        }
        var days = RepeatDays.Aggregate(WeekDays.None, (all, d) => all | d.Flag());
        DateOnly? until = null;
        if (days != WeekDays.None && !string.IsNullOrWhiteSpace(RepeatUntil))
        {
            until = ParseDate(RepeatUntil);
            if (until is null)
            {
                problems.Add(new Problem("ErrorDate"));
            }
        }
        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            if (int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var places))
            {
                capacity = places;
            }
            else
            {
                problems.Add(new Problem("ErrorCapacity"));
            }
        }
        if (problems.Count > 0)
        {
            return (null, capacity);
        }
        return (new EventSchedule(AllDay, startDate!.Value, endDate!.Value, startTime, endTime, days, until, RepeatInClosures), capacity);
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
