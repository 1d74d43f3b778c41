using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Push;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Tenant.Web.Tests.Administration;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Clock;

/// <summary>
/// One instant of the table, with what a school expects then. Every expectation is written out by
/// hand from the Dutch calendar (not computed by the code under test): the day the teacher's
/// "Afwezig vandaag" shows (today, or on a weekend or holiday the next school day, which is what a
/// teacher prepares for), the first day a sick report made now counts for (08:30 cut-off,
/// weekends, holidays), when a non-urgent push held by the
/// default quiet hours (21:00–07:00) goes out, whether a booking window of today 08:00–19:00 is
/// open, and whether the conference reminder for tomorrow is due (from 16:00).
/// </summary>
public sealed record Instant(
    string Name, DateTimeOffset At, DateOnly Today, DateOnly TeacherDay, DateOnly AbsentFrom, DateTimeOffset? PushHeldUntil, Booking Booking, bool ReminderDue)
{
    public override string ToString() => Name;
}

public enum Booking
{
    NotYetOpen,
    Open,
    Closed,
}

/// <summary>School "zon" with the 2026-2027 holidays plus Easter (Goede Vrijdag, Tweede Paasdag), on a frozen clock.</summary>
public sealed class InstantsApp : AdministrationApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await InSchoolAsync(A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.AddRange(
                new SchoolClosure { Name = "Goede Vrijdag", Kind = ClosureKind.Holiday, StartDate = new(2027, 3, 26), EndDate = new(2027, 3, 26), CreatedAt = Now },
                new SchoolClosure { Name = "Tweede Paasdag", Kind = ClosureKind.Holiday, StartDate = new(2027, 3, 29), EndDate = new(2027, 3, 29), CreatedAt = Now });
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>
/// The time-sensitive scenarios (sick report → the teacher's today view, leave checks, quiet
/// hours, the conference booking window, the reminder job, the digest) at the instants that
/// break code which reads the machine's clock, mixes UTC and school time or forgets DST:
/// a weekday morning before the cut-off, noon and evening, a Saturday, both DST nights, New
/// Year's Eve one minute before midnight, and the first school day after the summer holiday.
/// </summary>
public sealed class InstantTableTests(InstantsApp app) : IClassFixture<InstantsApp>
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    public static readonly Instant[] Table =
    [
        new("weekday 07:45 (before the cut-off)", new(2026, 12, 7, 7, 45, 0, Cet), new(2026, 12, 7),
            TeacherDay: new(2026, 12, 7), AbsentFrom: new(2026, 12, 7), PushHeldUntil: null, Booking.NotYetOpen, ReminderDue: false),
        new("weekday 12:00 (after the cut-off)", new(2026, 12, 7, 12, 0, 0, Cet), new(2026, 12, 7),
            TeacherDay: new(2026, 12, 7), AbsentFrom: new(2026, 12, 8), PushHeldUntil: null, Booking.Open, ReminderDue: false),
        new("Friday 20:00", new(2026, 12, 11, 20, 0, 0, Cet), new(2026, 12, 11),
            TeacherDay: new(2026, 12, 11), AbsentFrom: new(2026, 12, 14), PushHeldUntil: null, Booking.Closed, ReminderDue: true),
        new("Saturday 10:00", new(2026, 12, 12, 10, 0, 0, Cet), new(2026, 12, 12),
            TeacherDay: new(2026, 12, 14), AbsentFrom: new(2026, 12, 14), PushHeldUntil: null, Booking.Open, ReminderDue: false),
        new("last Sunday of March 01:30 (clocks go forward at 02:00; Monday is Tweede Paasdag)", new(2027, 3, 28, 1, 30, 0, Cet), new(2027, 3, 28),
            TeacherDay: new(2027, 3, 30), AbsentFrom: new(2027, 3, 30), PushHeldUntil: new(2027, 3, 28, 7, 0, 0, Cest), Booking.NotYetOpen, ReminderDue: false),
        new("last Sunday of October 02:30, first time (summer time)", new(2026, 10, 25, 2, 30, 0, Cest), new(2026, 10, 25),
            TeacherDay: new(2026, 10, 26), AbsentFrom: new(2026, 10, 26), PushHeldUntil: new(2026, 10, 25, 7, 0, 0, Cet), Booking.NotYetOpen, ReminderDue: false),
        new("last Sunday of October 02:30, second time (winter time)", new(2026, 10, 25, 2, 30, 0, Cet), new(2026, 10, 25),
            TeacherDay: new(2026, 10, 26), AbsentFrom: new(2026, 10, 26), PushHeldUntil: new(2026, 10, 25, 7, 0, 0, Cet), Booking.NotYetOpen, ReminderDue: false),
        new("31 December 23:59 (Christmas holiday)", new(2026, 12, 31, 23, 59, 0, Cet), new(2026, 12, 31),
            TeacherDay: new(2027, 1, 4), AbsentFrom: new(2027, 1, 4), PushHeldUntil: new(2027, 1, 1, 7, 0, 0, Cet), Booking.Closed, ReminderDue: true),
        new("first school day after the summer holiday 08:00", new(2026, 8, 31, 8, 0, 0, Cest), new(2026, 8, 31),
            TeacherDay: new(2026, 8, 31), AbsentFrom: new(2026, 8, 31), PushHeldUntil: null, Booking.Open, ReminderDue: false),
    ];

    public static TheoryData<Instant> Instants()
    {
        var data = new TheoryData<Instant>();
        foreach (var instant in Table)
        {
            data.Add(instant);
        }
        return data;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void SetClock(DateTimeOffset at) => app.Clock.AdjustTime(at.ToUniversalTime());

    private async Task<Guid> ChildAsync(string prefix)
    {
        var child = await app.A.AddPupilAsync(app.G34, $"{prefix}{Guid.NewGuid():N}"[..20], "Klok");
        await app.A.LinkGuardianAsync(child, app.Parent);
        return child;
    }

    private Task<string> NameAsync(Guid child) => app.Database.ScalarAsync<string>("SELECT first_name FROM pupils WHERE id = $1", child);

    [Fact]
    public void TheTableMatchesTheCalendarItClaims()
    {
        // The hand-written rows are checked against facts of the calendar, not against the product.
        var amsterdam = SchoolApp.Amsterdam;
        foreach (var row in Table)
        {
            Assert.Equal(row.Today, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(row.At, amsterdam).DateTime));
            Assert.Equal(amsterdam.GetUtcOffset(row.At), row.At.Offset);
        }
        Assert.True(amsterdam.IsAmbiguousTime(Table[5].At) && amsterdam.IsAmbiguousTime(Table[6].At));
        Assert.Equal(Table[5].At.ToUniversalTime().AddHours(1), Table[6].At.ToUniversalTime());
        Assert.True(amsterdam.IsInvalidTime(new DateTime(2027, 3, 28, 2, 30, 0)));
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task ASickReportCountsFromTheRightSchoolDayAndTheTeachersTodayViewShowsItThatDay(Instant instant)
    {
        var child = await ChildAsync("Ziek");
        var name = await NameAsync(child);
        SetClock(instant.At);
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var reason = (await parent.GetHtmlAsync("/afwezigheid")).QuerySelectorAll("#reason option")
            .First(o => o.TextContent.Trim() == "Ziek").GetAttribute("value")!;
        using (var report = await parent.PostFormAsync("/afwezigheid", new Dictionary<string, string>
        {
            ["Input.PupilId"] = child.ToString(), ["Input.ReasonId"] = reason, ["Input.Until"] = "Better",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);
        }
        Assert.Equal(instant.AbsentFrom, await app.Database.ScalarAsync<DateOnly>("SELECT from_date FROM absence_reports WHERE pupil_id = $1", child));

        using var teacher = await app.SignedInAsync("zon", "lisa@zon.test");
        var now = await teacher.GetStringAsync("/afwezigheid/vandaag");
        Assert.Equal(instant.AbsentFrom == instant.TeacherDay, now.Contains(name, StringComparison.Ordinal));

        // On the morning of the first day the teacher sees the child.
        SetClock(new DateTimeOffset(instant.AbsentFrom.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddHours(-1));
        using var later = await app.SignedInAsync("zon", "lisa@zon.test");
        Assert.Contains(name, await later.GetStringAsync("/afwezigheid/vandaag"));
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task LeaveStartingYesterdayIsRefusedAndLeaveStartingTodayIsAccepted(Instant instant)
    {
        var child = await ChildAsync("Verlof");
        SetClock(instant.At);
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");

        using (var past = await RequestLeaveAsync(parent, child, instant.Today.AddDays(-1), instant.AbsentFrom))
        {
            Assert.Equal(HttpStatusCode.OK, past.StatusCode);
            Assert.Contains("De eerste dag ligt in het verleden.", WebUtility.HtmlDecode(await past.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_request_children WHERE pupil_id = $1", child));

        // From today up to and including the first school day from now on: at least one school day.
        var first = instant.AbsentFrom > instant.Today ? instant.AbsentFrom : instant.Today;
        using (var today = await RequestLeaveAsync(parent, child, instant.Today, first))
        {
            Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_request_children WHERE pupil_id = $1", child));
    }

    private static async Task<HttpResponseMessage> RequestLeaveAsync(HttpClient client, Guid child, DateOnly start, DateOnly end)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(child.ToString()), "Input.PupilIds" },
            { new StringContent("ImportantCircumstances"), "Input.Type" },
            { new StringContent(Iso(start)), "Input.Start" },
            { new StringContent(Iso(end)), "Input.End" },
            { new StringContent("Begrafenis van opa in Groningen."), "Input.Reason" },
        };
        return await client.PostMultipartAsync("/verlof/aanvragen", content, "/verlof/aanvragen");
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task ANonUrgentPushInTheDefaultQuietHoursWaitsUntilSevenSchoolTimeAndAnUrgentOneDoesNot(Instant instant)
    {
        SetClock(instant.At);
        var parent = await app.A.AddUserAsync($"stil-{Guid.NewGuid():N}@zon.test", Roles.Parent);
        await app.Database.ExecuteAsync(
            "INSERT INTO push_subscriptions (id, tenant_id, user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, 'p', 'a', $5)",
            Guid.CreateVersion7(), app.A.Id, parent, $"https://push.invalid/{Guid.NewGuid():N}", instant.At.ToUniversalTime());
        var held = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var notifier = scope.Get<Notifier>();
            await notifier.NotifyAsync([parent], Content("test.quiet", urgent: false));
            await notifier.NotifyAsync([parent], Content("test.loud", urgent: true));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
            // What the channel wrote, read from the change tracker: the delivery job may already be at work on the rows.
            return scope.Get<SchoolpleinDb>().ChangeTracker.Entries<PushDelivery>()
                .ToDictionary(e => e.Entity.NotificationId, e => e.Entity.NextAttemptAt);
        });
        var kinds = await app.InSchoolAsync(app.A.Id, scope => scope.Get<SchoolpleinDb>().Notifications.AsNoTracking()
            .Where(n => n.UserId == parent).ToDictionaryAsync(n => n.Kind, n => n.Id));
        Assert.Equal(instant.PushHeldUntil?.ToUniversalTime(), held[kinds["test.quiet"]]?.ToUniversalTime());
        Assert.Null(held[kinds["test.loud"]]);
    }

    private static NotificationContent Content(string kind, bool urgent) =>
        new(kind, typeof(Notifications.TestNotificationText), "Title", ["juf Lisa"], "Body", ["Juf Lisa"], "/meldingen", urgent);

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task ABookingWindowOfTodayFromEightToSevenSchoolTimeIsOpenOnlyThen(Instant instant)
    {
        // The admin plans the round the day before; the parent tries at the instant.
        SetClock(instant.At.AddDays(-1));
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var created = await CalendarApp.PostFieldsAsync(admin, "/gesprekken/rondes/nieuw", [
            new("Form.Title", "Gesprekken " + instant.Name[..10]), new("Form.GroupIds", app.G34.ToString()), new("Form.SlotMinutes", "10"),
            new("Form.Location", "Lokaal 3"), new("Form.OpensDate", Iso(instant.Today)), new("Form.OpensTime", "08:00"),
            new("Form.ClosesDate", Iso(instant.Today)), new("Form.ClosesTime", "19:00"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var round = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());
        var eight = instant.Today.ToDateTime(new TimeOnly(8, 0));
        Assert.Equal(eight - SchoolApp.Amsterdam.GetUtcOffset(eight),
            await app.Database.ScalarAsync<DateTime>("SELECT booking_opens_at FROM conference_rounds WHERE id = $1", round));
        SetClock(instant.At);
        await app.InSchoolAsync(app.A.Id, scope => scope.Get<ConferencePlanning>()
            .AddWindowAsync(round, app.Lisa, instant.Today.AddDays(10), new TimeRange(new(19, 0), new(20, 0)), [], default));
        var slot = await app.Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 ORDER BY starts_at LIMIT 1", round);
        var child = await ChildAsync("Gesprek");

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var booked = await parent.PostFormAsync("/gesprekken?handler=Book",
            new Dictionary<string, string> { ["childId"] = child.ToString(), ["slotId"] = slot.ToString() }, "/gesprekken");
        var page = WebUtility.HtmlDecode(await booked.Content.ReadAsStringAsync());
        var expected = instant.Booking switch
        {
            Booking.NotYetOpen => "Inschrijven is nog niet open",
            Booking.Closed => "Inschrijven is gesloten",
            _ => "Geboekt!",
        };
        Assert.Contains(expected, page);
        Assert.Equal(instant.Booking == Booking.Open ? 1L : 0L,
            await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE slot_id = $1", slot));
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task TheReminderForTomorrowsConferenceGoesFromFourInTheAfternoonOnceAndNeverEarlier(Instant instant)
    {
        // Booked two days before, in a round that was open then.
        SetClock(instant.At.AddDays(-2));
        var child = await ChildAsync("Herinner");
        var sibling = await ChildAsync("Later");
        var (tomorrow, later) = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var planning = scope.Get<ConferencePlanning>();
            var created = await planning.CreateRoundAsync(new RoundDraft(
                "Herinnering", "Lokaal 3", null, 10, app.Now.AddHours(-1), instant.At.AddDays(3).ToUniversalTime(), false, false, [app.G34]), app.Admin, default);
            Assert.Empty(created.Problems);
            var round = created.Value;
            await planning.AddWindowAsync(round, app.Lisa, instant.Today.AddDays(1), new TimeRange(new(19, 0), new(19, 10)), [], default);
            await planning.AddWindowAsync(round, app.Lisa, instant.Today.AddDays(2), new TimeRange(new(19, 0), new(19, 10)), [], default);
            var slots = await scope.Get<SchoolpleinDb>().Set<ConferenceSlot>().AsNoTracking().Where(s => s.RoundId == round)
                .OrderBy(s => s.StartsAt).Select(s => s.Id).ToListAsync();
            return (slots[0], slots[1]);
        });
        using (var parent = await app.SignedInAsync("zon", "ouder@zon.test"))
        {
            foreach (var (who, slot) in new[] { (child, tomorrow), (sibling, later) })
            {
                using var booked = await parent.PostFormAsync("/gesprekken?handler=Book",
                    new Dictionary<string, string> { ["childId"] = who.ToString(), ["slotId"] = slot.ToString() }, "/gesprekken");
                Assert.Contains("Geboekt!", WebUtility.HtmlDecode(await booked.Content.ReadAsStringAsync()));
            }
        }

        SetClock(instant.At);
        for (var run = 0; run < 2; run++)
        {
            await app.InSchoolAsync(app.A.Id, scope => ActivatorUtilities.CreateInstance<ConferenceReminderJob>(scope.Services).RunAsync(app.A.Id, CancellationToken.None));
        }
        var reminded = await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'conference.reminder' AND source_id IN (SELECT id FROM conference_bookings WHERE pupil_id = $1 AND slot_id = $2)", child, tomorrow);
        Assert.Equal(instant.ReminderDue ? 1L : 0L, reminded);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'conference.reminder' AND source_id IN (SELECT id FROM conference_bookings WHERE pupil_id = $1 AND slot_id = $2)", sibling, later));
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task TheDigestMailsWhatCameBeforeItOnceAndMarksItAtThatInstant(Instant instant)
    {
        SetClock(instant.At.AddHours(-3));
        var email = $"digest-{Guid.NewGuid():N}@zon.test";
        var parent = await app.A.AddUserAsync(email, Roles.Parent);
        await app.Database.ExecuteAsync("UPDATE users SET email_digest = true, notify_by = 1 WHERE id = $1", parent);
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            await scope.Get<Notifier>().NotifyAsync([parent], Content("test.digest", urgent: false));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });
        SetClock(instant.At);
        for (var run = 0; run < 2; run++)
        {
            await app.InSchoolAsync(app.A.Id, scope => ActivatorUtilities.CreateInstance<DigestJob>(scope.Services).RunAsync(app.A.Id, CancellationToken.None));
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE to_address = $1 AND kind = $2", email, DigestJob.Kind));
        Assert.Equal(instant.At.UtcDateTime, await app.Database.ScalarAsync<DateTime>(
            "SELECT digested_at FROM notifications WHERE user_id = $1 AND kind = 'test.digest'", parent));
    }
}
