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

    public sealed record Conference(string Title, string Child, string Teacher, DateTimeOffset StartsAt);
    public sealed record Question(Guid Id, string Subject);
    public sealed record View(
        IReadOnlyList<EventOccurrence>? Today, Conference? NextConference, bool ConferencesOn, IReadOnlyList<Question>? OpenQuestions, int OpenCount);

    public async Task<View> ForAsync(CurrentUser viewer, Guid? child, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = tenant.Required.TimeZoneInfo;
        IReadOnlyList<EventOccurrence>? today = null;
        if (await features.IsEnabledAsync(SchoolModules.Calendar))
        {
            var day = SchoolTime.LocalDate(now, zone);
            today = await calendar.OccurrencesAsync(viewer.Id, day, day, child, everything: false, ct);
        }
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
