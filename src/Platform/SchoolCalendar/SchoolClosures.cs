using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.SchoolCalendar;

/// <summary>
/// Adding and removing the school's holidays and study days. School days (leave, absence, office
/// hours) are counted without them, so a closure is checked before it is stored.
/// </summary>
public sealed class SchoolClosures(SchoolpleinDb db, TimeProvider time)
{
    /// <summary>The longest closure in days: a summer holiday fits, a typo of a year does not.</summary>
    public const int MaxDays = 92;

    /// <summary>Adds a closure; refused (SchoolCalendarText keys) for a missing or too long name or wrong dates.</summary>
    public async Task<Outcome<Guid>> AddAsync(string? name, ClosureKind kind, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0 || clean.Length > SchoolClosure.NameMaxLength)
        {
            return Outcome<Guid>.Refused("Error_Name", SchoolClosure.NameMaxLength);
        }
        if (start is not { } first)
        {
            return Outcome<Guid>.Refused("Error_Start");
        }
        var last = end ?? first;
        if (!SchoolDates.InRange(first) || !SchoolDates.InRange(last))
        {
            // Stored, "until 9999-12-31" broke every parent's calendar feed and the school-day counts.
            return Outcome<Guid>.Refused("Error_DateOutOfRange", SchoolDates.MessageArgs);
        }
        if (last < first)
        {
            return Outcome<Guid>.Refused("Error_EndBeforeStart");
        }
        if (last.DayNumber - first.DayNumber > MaxDays)
        {
            return Outcome<Guid>.Refused("Error_TooLong");
        }
        var closure = new SchoolClosure { Name = clean, Kind = kind, StartDate = first, EndDate = last, CreatedAt = time.GetUtcNow() };
        db.Add(closure);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(closure.Id);
    }

    /// <summary>Removes a closure; false when there is none with this id (in this school).</summary>
    public async Task<bool> DeleteAsync(Guid closureId, CancellationToken ct) =>
        await db.Set<SchoolClosure>().Where(c => c.Id == closureId).ExecuteDeleteAsync(ct) > 0;
}
