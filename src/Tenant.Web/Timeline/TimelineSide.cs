using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// The parent timeline's side column on wide screens: today's agenda, the next booked conference and the
/// open questions, each only when the school has that module. Read through the features' own rules
/// (<see cref="CalendarService.OccurrencesAsync"/>, <see cref="ConferenceBookings.Manageable"/>,
/// <see cref="ConversationAccess.VisibleToAsync"/>), so it shows nothing the feature's own page would not.
/// Served on its own (<see cref="SideModel"/>) and fetched by app.js only where it is shown, not with every timeline.
/// </summary>
public sealed class TimelineSide(CalendarService calendar, ConferenceBookings bookings, ConversationAccess questions, IFeatureManager features, TenantContext tenant, TimeProvider time)
{
    public const int MaxQuestions = 3;

    /// <summary>How far ahead "Binnenkort" looks: two school weeks, so next week's trip is there in time to sign up.</summary>
    public const int UpcomingDays = 14;

    /// <summary>Cards in "Binnenkort": a glance on the timeline, the agenda has the rest.</summary>
    public const int MaxUpcoming = 3;

    public sealed record Conference(string Title, string Child, string Teacher, DateTimeOffset StartsAt);
    public sealed record Question(Guid Id, string Subject);
    public sealed record View(
        IReadOnlyList<EventOccurrence>? Today, Conference? NextConference, bool ConferencesOn, IReadOnlyList<Question>? OpenQuestions, int OpenCount);

    /// <summary>
    /// The viewer's calendar (events of their children's and own groups plus school-wide, for one child with
    /// <paramref name="child"/>; closures too) from today to <see cref="UpcomingDays"/> ahead: one read serves
    /// both the side column's "today" and "Binnenkort". Null when the school has no Calendar module.
    /// </summary>
    public Task<IReadOnlyList<EventOccurrence>?> ComingAsync(CurrentUser viewer, Guid? child, CancellationToken ct) =>
        ReadCalendarAsync(viewer, child, UpcomingDays, ct);

    /// <summary>Today's part of <see cref="ComingAsync"/> only: the side column on its own shows no "Binnenkort".</summary>
    public Task<IReadOnlyList<EventOccurrence>?> TodayAsync(CurrentUser viewer, Guid? child, CancellationToken ct) =>
        ReadCalendarAsync(viewer, child, 0, ct);

    private async Task<IReadOnlyList<EventOccurrence>?> ReadCalendarAsync(CurrentUser viewer, Guid? child, int daysAhead, CancellationToken ct)
    {
        if (!await features.IsEnabledAsync(SchoolModules.Calendar))
        {
            return null;
        }
        var day = SchoolTime.LocalDate(time.GetUtcNow(), tenant.Required.TimeZoneInfo);
        return await calendar.OccurrencesAsync(viewer.Id, day, day.AddDays(daysAhead), child, everything: false, ct);
    }

    /// <summary>
    /// "Binnenkort": the next events that are not over yet, each event once (a weekly lesson shows its next
    /// time only: the .ics and the sign-up belong to the event, not to one day), at most <see cref="MaxUpcoming"/>.
    /// Closures are not events to add or sign up for; the side column and the agenda show them.
    /// </summary>
    public IReadOnlyList<EventOccurrence> Upcoming(IReadOnlyList<EventOccurrence> coming)
    {
        var now = time.GetUtcNow();
        return coming.Where(o => o.Kind == CalendarItemKind.Event && o.End > now)
            .OrderBy(o => o.Start).ThenBy(o => o.Title)
            .DistinctBy(o => o.EventId)
            .Take(MaxUpcoming)
            .ToList();
    }

    /// <param name="coming">From <see cref="ComingAsync"/> (null: no Calendar module); today's part is the side column's agenda.</param>
    public async Task<View> ForAsync(CurrentUser viewer, Guid? child, IReadOnlyList<EventOccurrence>? coming, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = tenant.Required.TimeZoneInfo;
        var day = SchoolTime.LocalDate(now, zone);
        // Occurrences that overlap today: what OccurrencesAsync(day, day) reads, in the same order.
        IReadOnlyList<EventOccurrence>? today = coming?.Where(o => o.Day <= day && o.LastDay >= day).ToList();
        Conference? conference = null;
        var conferencesOn = await features.IsEnabledAsync(SchoolModules.Conferences);
        if (conferencesOn)
        {
            conference = await bookings.Manageable(viewer.Id).AsNoTracking()
                .Where(b => b.Slot!.EndsAt > now && (child == null || b.PupilId == child))
                .OrderBy(b => b.Slot!.StartsAt)
                .Select(b => new Conference(b.Slot!.Round!.Title, b.Pupil!.FirstName, b.Slot.Teacher!.FullName, b.Slot.StartsAt))
                .FirstOrDefaultAsync(ct);
        }
        IReadOnlyList<Question>? open = null;
        var openCount = 0;
        if (await features.IsEnabledAsync(SchoolModules.Questions))
        {
            var visible = (await questions.VisibleToAsync(viewer.Id, isAdmin: false, ct)).AsNoTracking()
                .Where(c => c.ClosedAt == null && (child == null || c.PupilId == child));
            // One round trip: the newest few with the total beside each row (an uncorrelated subquery that
            // PostgreSQL runs once). No rows means no open question, so the count is then 0 as well.
            var rows = await visible.OrderByDescending(c => c.LastMessageAt)
                .Take(MaxQuestions)
                .Select(c => new { c.Id, c.Subject, Total = visible.Count() })
                .ToListAsync(ct);
            open = rows.Select(r => new Question(r.Id, r.Subject)).ToList();
            openCount = rows.Count == 0 ? 0 : rows[0].Total;
        }
        return new View(today, conference, conferencesOn, open, openCount);
    }
}
