using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Absence;

public sealed record AbsencePeriod(Guid PupilId, DateOnly From, DateOnly? To);

public sealed record WeekCount(DateOnly Monday, int ChildDays);

/// <summary>Absences counted in child-days on school days (a child absent all week counts five).</summary>
public static class AbsenceStatistics
{
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static int AbsentOn(IEnumerable<AbsencePeriod> periods, DateOnly day) =>
        periods.Where(p => p.From <= day && (p.To is null || p.To >= day)).Select(p => p.PupilId).Distinct().Count();

    /// <summary>Child-days per week for <paramref name="weeks"/> weeks ending with the week of <paramref name="lastDay"/>; open reports count up to <paramref name="lastDay"/>.</summary>
    public static IReadOnlyList<WeekCount> PerWeek(IReadOnlyList<AbsencePeriod> periods, SchoolDays days, DateOnly lastDay, int weeks)
    {
        var result = new List<WeekCount>(weeks);
        var firstMonday = MondayOf(lastDay).AddDays(-7 * (weeks - 1));
        for (var w = 0; w < weeks; w++)
        {
            var monday = firstMonday.AddDays(7 * w);
            var count = 0;
            for (var day = monday; day < monday.AddDays(7) && day <= lastDay; day = day.AddDays(1))
            {
                if (days.IsSchoolDay(day))
                {
                    count += AbsentOn(periods, day);
                }
            }
            result.Add(new WeekCount(monday, count));
        }
        return result;
    }
}
