using Schoolplein.Platform.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Absence;

/// <summary>Resource anchor for absence texts (pages, notifications, e-mail).</summary>
public sealed class AbsenceText;

public enum AbsenceUntil
{
    Better = 0,
    Date = 1,
}

public sealed record AbsenceInput(Guid PupilId, Guid ReasonId, DateOnly? FromDate, AbsenceUntil Until, DateOnly? ToDate, string? Note);

/// <summary>What happened to a report: stored (maybe moved past the cut-off), or "phone the school" and nothing stored.</summary>
public sealed record AbsenceReported(Guid? ReportId, DateOnly FromDate, bool MovedPastCutOff, bool CallInstead);

/// <summary>Guardians report children absent and better. Every rule is checked before anything is saved.</summary>
public sealed class AbsenceReporter(
    SchoolpleinDb db, SchoolClock clock, ISchoolDayCalendar calendar, TenantSettingsStore<AbsenceSettings> settings, Notifier notifier, ChildcareMail childcare)
{
    public const int MaxDaysAhead = 60;

    /// <summary>Today in the school's time zone (the pages that report show it).</summary>
    public DateOnly Today => clock.Today;

    /// <summary>The first day a report made now is for: today before the cut-off, else the next school day.</summary>
    public async Task<DateOnly> DefaultFromDateAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var options = await settings.GetAsync(ct);
        var days = await calendar.ForPeriodAsync(today, today.AddDays(30), ct);
        return clock.TimeOfDay < options.CutOffTime ? days.SchoolDayOnOrAfter(today) : days.NextSchoolDay(today);
    }

    public async Task<Outcome<AbsenceReported>> ReportAsync(Guid userId, AbsenceInput input, CancellationToken ct = default)
    {
        var pupil = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.PupilId == input.PupilId && g.Pupil!.ArchivedAt == null)
            .Select(g => new { g.PupilId, g.Pupil!.FirstName })
            .FirstOrDefaultAsync(ct);
        if (pupil is null)
        {
            return Outcome<AbsenceReported>.Refused("Error_ChildNotLinked");
        }
        var reason = await db.Set<AbsenceReason>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == input.ReasonId && r.Active, ct);
        if (reason is null)
        {
            return Outcome<AbsenceReported>.Refused("Error_ReasonRequired");
        }
        if (reason.PhoneOnly)
        {
            return Outcome<AbsenceReported>.Done(new AbsenceReported(null, clock.Today, false, true));
        }
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note?.Length > AbsenceReport.NoteMaxLength)
        {
            return Outcome<AbsenceReported>.Refused("Error_NoteTooLong", AbsenceReport.NoteMaxLength);
        }
        var today = clock.Today;
        var options = await settings.GetAsync(ct);
        var days = await calendar.ForPeriodAsync(today, today.AddDays(MaxDaysAhead + 30), ct);
        var from = input.FromDate ?? await DefaultFromDateAsync(ct);
        var moved = false;
        if (from < today)
        {
            return Outcome<AbsenceReported>.Refused("Error_FromInPast");
        }
        if (from > today.AddDays(MaxDaysAhead))
        {
            return Outcome<AbsenceReported>.Refused(Plurals.Key("Error_TooFarAhead", MaxDaysAhead), MaxDaysAhead);
        }
        if (from == today && clock.TimeOfDay >= options.CutOffTime)
        {
            if (options.AfterCutOff == AfterCutOff.Phone)
            {
                return Outcome<AbsenceReported>.Done(new AbsenceReported(null, today, false, true));
            }
            from = days.NextSchoolDay(today);
            moved = true;
        }
        DateOnly? to = null;
        if (input.Until == AbsenceUntil.Date)
        {
            if (input.ToDate is not { } end)
            {
                return Outcome<AbsenceReported>.Refused("Error_ToDateRequired");
            }
            if (end < from)
            {
                return Outcome<AbsenceReported>.Refused("Error_ToBeforeFrom");
            }
            if (end > today.AddDays(MaxDaysAhead))
            {
                return Outcome<AbsenceReported>.Refused(Plurals.Key("Error_TooFarAhead", MaxDaysAhead), MaxDaysAhead);
            }
            to = end;
        }
        if (days.Count(from, to ?? from.AddDays(14)) == 0)
        {
            return Outcome<AbsenceReported>.Refused("Error_NoSchoolDays");
        }
        var last = to ?? DateOnly.MaxValue;
        var overlapping = await db.Set<AbsenceReport>().AnyAsync(r =>
            r.PupilId == pupil.PupilId && r.CancelledAt == null && r.FromDate <= last && (r.ToDate == null || r.ToDate >= from), ct);
        if (overlapping)
        {
            return Outcome<AbsenceReported>.Refused("Error_AlreadyReported", pupil.FirstName);
        }

        var report = new AbsenceReport
        {
            PupilId = pupil.PupilId,
            ReasonId = reason.Id,
            FromDate = from,
            ToDate = to,
            Note = note?.ReplaceLineEndings("\n"),
            ReportedById = userId,
            ReportedAt = clock.UtcNow,
        };
        db.Add(report);
        var guardians = await db.Guardianships.Where(g => g.PupilId == pupil.PupilId).Select(g => g.UserId).ToListAsync(ct);
        await notifier.NotifyAsync(guardians, new NotificationContent(
            "absence.reported", typeof(AbsenceText), "Notify_ReportedTitle", [pupil.FirstName], "Notify_ReportedBody",
            [pupil.FirstName, from], "/afwezigheid", SourceId: report.Id), ct);
        await childcare.AddAsync(report, options, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<AbsenceReported>.Done(new AbsenceReported(report.Id, from, moved, false));
    }

    /// <summary>The day a child reported better now is back: today before the cut-off, else the next school day.</summary>
    public Task<DateOnly> DefaultReturnDateAsync(CancellationToken ct = default) => DefaultFromDateAsync(ct);

    /// <summary>Any guardian of the child ends an open report; null when the report is not theirs (404).</summary>
    public async Task<Outcome<bool>?> MarkBetterAsync(Guid userId, Guid reportId, DateOnly? returnDate, CancellationToken ct = default)
    {
        var today = clock.Today;
        var report = await db.Set<AbsenceReport>()
            .Where(r => r.Id == reportId && r.CancelledAt == null && r.Pupil!.Guardians.Any(g => g.UserId == userId))
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return null;
        }
        if (report.ToDate is { } end && end < today)
        {
            return Outcome<bool>.Refused("Error_AlreadyOver");
        }
        var back = returnDate ?? await DefaultReturnDateAsync(ct);
        if (back < today)
        {
            return Outcome<bool>.Refused("Error_ReturnInPast");
        }
        if (back > today.AddDays(MaxDaysAhead))
        {
            return Outcome<bool>.Refused(Plurals.Key("Error_TooFarAhead", MaxDaysAhead), MaxDaysAhead);
        }
        if (report.ToDate is { } planned && back > SchoolDates.AddDaysSafe(planned, 1))
        {
            return Outcome<bool>.Refused("Error_ReturnAfterEnd");
        }
        var lastAbsent = back.AddDays(-1);
        if (lastAbsent < report.FromDate)
        {
            report.CancelledAt = clock.UtcNow;
        }
        else
        {
            report.ToDate = lastAbsent;
        }
        report.EndedAt = clock.UtcNow;
        report.EndedById = userId;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Done(true);
    }
}

/// <summary>Kindcentrum: a report of a child that uses childcare/BSO is mailed to the childcare contact.</summary>
