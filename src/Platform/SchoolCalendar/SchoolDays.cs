namespace Schoolplein.Platform.SchoolCalendar;

/// <summary>A closed period as the school-day logic needs it.</summary>
public sealed record Closure(DateOnly Start, DateOnly End, ClosureKind Kind, string Name = "")
{
    public bool Contains(DateOnly day) => Start <= day && day <= End;
}

/// <summary>
/// School days of one school: Monday to Friday, minus its holidays and study days. Pure
/// logic over the closures it was given (load them with <see cref="ISchoolDayCalendar"/>).
/// The Dutch school year starts on the first school day after the summer holiday.
/// </summary>
public sealed class SchoolDays(IEnumerable<Closure> closures)
{
    // A closure outside the school-date window (stored before forms refused it) is left out, as the
    // calendar and the feed leave it out: "until 9999-12-31" would otherwise close the school for good
    // and make the next school day after it overflow DateOnly.
    private readonly IReadOnlyList<Closure> _closures = closures
        .Where(c => SchoolDates.InRange(c.Start) && SchoolDates.InRange(c.End))
        .OrderBy(c => c.Start).ToList();

    public IReadOnlyList<Closure> Closures => _closures;

    public bool IsSchoolDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_closures.Any(c => c.Contains(day));

    public Closure? ClosureOn(DateOnly day) => _closures.FirstOrDefault(c => c.Contains(day));

    /// <summary>School days from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public IEnumerable<DateOnly> Between(DateOnly from, DateOnly to)
    {
        for (var n = from.DayNumber; n <= to.DayNumber; n++)
        {
            var day = DateOnly.FromDayNumber(n);
            if (IsSchoolDay(day))
            {
                yield return day;
            }
        }
    }

    public int Count(DateOnly from, DateOnly to) => from > to ? 0 : Between(from, to).Count();

    /// <summary>The first school day strictly after <paramref name="day"/> (within a year; a school is never closed longer).</summary>
    public DateOnly NextSchoolDay(DateOnly day)
    {
        // Counted in day numbers: a stray day near DateOnly.MaxValue ends the search instead of overflowing.
        for (var n = day.DayNumber + 1; n <= day.DayNumber + 366 && n <= DateOnly.MaxValue.DayNumber; n++)
        {
            var next = DateOnly.FromDayNumber(n);
            if (IsSchoolDay(next))
            {
                return next;
            }
        }
        return SchoolDates.AddDaysSafe(day, 1);
    }

    /// <summary>The first school day on or after <paramref name="day"/>.</summary>
    public DateOnly SchoolDayOnOrAfter(DateOnly day) => IsSchoolDay(day) ? day : NextSchoolDay(day);

    /// <summary>
    /// The first school day of the school year that <paramref name="day"/> belongs to: the first
    /// school day after the latest summer holiday that started on or before it. Null when the
    /// school has not entered that summer holiday.
    /// </summary>
    public DateOnly? SchoolYearStart(DateOnly day)
    {
        var summer = _closures.Where(c => c.Kind == ClosureKind.SummerHoliday && c.Start <= day).MaxBy(c => c.Start);
        if (summer is null || day.DayNumber - summer.End.DayNumber > 366)
        {
            return null;
        }
        return NextSchoolDay(summer.End);
    }

    /// <summary>
    /// A key that is equal for days of the same school year: its first school day, or 1 August
    /// when the summer holiday is unknown.
    /// </summary>
    public DateOnly SchoolYearKey(DateOnly day) =>
        SchoolYearStart(day) ?? new DateOnly(day.Month >= 8 ? day.Year : day.Year - 1, 8, 1);

    /// <summary>True when the day falls in the first two weeks (14 calendar days) of its school year; null when unknown.</summary>
    public bool? InFirstTwoWeeks(DateOnly day) =>
        SchoolYearStart(day) is { } start ? day >= start && day < SchoolDates.AddDaysSafe(start, 14) : null;
}
