using System.Net;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Conferences;

public sealed class ConferencePlanningTests(ConferenceApp app) : IClassFixture<ConferenceApp>
{
    private static Task<HttpResponseMessage> AddWindowAsync(HttpClient client, Guid round, Guid teacher, DateOnly date, string start, string end, string breaks = "") =>
        CalendarApp.PostFieldsAsync(client, $"/gesprekken/rondes/{round}?handler=AddWindow", [
            new("Window.TeacherId", teacher.ToString()), new("Window.Date", date.ToString("yyyy-MM-dd")),
            new("Window.Start", start), new("Window.End", end), new("Window.Breaks", breaks),
        ], $"/gesprekken/rondes/{round}");

    private Task<long> SlotCountAsync(Guid round) => app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_slots WHERE round_id = $1", round);

    [Fact]
    public async Task SlotLengthsThatDoNotFitTheWindowAreRefusedWithAClearMessageAndNothingIsSaved()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Past niet");
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        var day = app.Day(20);
        using (var remainder = await AddWindowAsync(admin, round, app.Lisanne, day, "19:00", "20:25"))
        {
            var html = (await remainder.HtmlAsync()).QuerySelector(".errors")!.TextContent;
            Assert.Contains("Gesprekken van 10 minuten passen niet precies: er blijft 5 minuten over vóór 20:25. Kies 20:20 of 20:30 in plaats van 20:25.", html);
        }
        using (var tooShort = await AddWindowAsync(admin, round, app.Lisanne, day, "19:00", "19:05"))
        {
            Assert.Contains("Gesprekken van 10 minuten passen niet in 19:00–19:05", (await tooShort.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var backwards = await AddWindowAsync(admin, round, app.Lisanne, day, "20:00", "19:00"))
        {
            Assert.Contains("De eindtijd moet na de begintijd liggen.", await backwards.Content.ReadAsStringAsync());
        }
        using (var badBreak = await AddWindowAsync(admin, round, app.Lisanne, day, "19:00", "20:00", "straks"))
        {
            Assert.Contains("Schrijf pauzes als 19:30-19:45", await badBreak.Content.ReadAsStringAsync());
        }
        using (var notInRound = await AddWindowAsync(admin, round, app.Kees, day, "19:00", "20:00"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notInRound.StatusCode);
        }
        Assert.Equal(0L, await SlotCountAsync(round));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_windows WHERE round_id = $1", round));

        using (var fine = await AddWindowAsync(admin, round, app.Lisanne, day, "19:00", "20:00"))
        {
            Assert.Contains("6 tijden toegevoegd.", await fine.Content.ReadAsStringAsync());
        }
        using (var overlap = await AddWindowAsync(admin, round, app.Lisanne, day, "19:30", "20:30"))
        {
            Assert.Contains("Deze tijden overlappen", await overlap.Content.ReadAsStringAsync());
        }
        Assert.Equal(6L, await SlotCountAsync(round));
    }

    [Fact]
    public async Task ARoundWithABadBookingWindowOrNoGroupsIsRefusedAndNotSaved()
    {
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        using var response = await CalendarApp.PostFieldsAsync(admin, "/gesprekken/rondes/nieuw", [
            new("Form.Title", "Verkeerd om"), new("Form.SlotMinutes", "10"),
            new("Form.OpensDate", app.Day(5).ToString("yyyy-MM-dd")), new("Form.OpensTime", "08:00"),
            new("Form.ClosesDate", app.Day(1).ToString("yyyy-MM-dd")), new("Form.ClosesTime", "08:00"),
            new("Form.VideoLink", "javascript:alert(1)"),
        ]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("De inschrijving moet sluiten na het openen.", html);
        Assert.Contains("Kies een of meer groepen.", html);
        Assert.Contains("De videolink moet een volledig https-adres zijn.", html);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_rounds WHERE title = 'Verkeerd om'"));

        using var teacher = await app.SignedInAsync("zee", "lisanne@zee.test");
        using var denied = await teacher.GetAsync("/gesprekken/rondes/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
    }

    [Fact]
    public async Task ATeacherSeesTheirScheduleAndWhoHasNotBookedButNotAnotherTeachersSchedule()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34, app.G5], "Rooster");
        var day = app.Day(21);
        await app.WindowAsync(app.A, round, app.Lisanne, day, 19, 20);
        await app.WindowAsync(app.A, round, app.Kees, day, 19, 20);
        using var parent = await app.SignedInAsync("zee", "ouder@zee.test");
        await ConferenceApp.BookAsync(parent, app.Noor, await app.SlotAsync(round, app.Lisanne, 2));

        using var lisanne = await app.SignedInAsync("zee", "lisanne@zee.test");
        var schedule = await lisanne.GetHtmlAsync($"/gesprekken/rondes/{round}/rooster?date={day:yyyy-MM-dd}");
        var rows = schedule.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Contains("Noor Kind (Groep 3/4)", rows[2]);
        var unbooked = schedule.QuerySelector("#unbooked-heading")!.ParentElement!.TextContent;
        Assert.Contains("Yara Kind", unbooked);
        Assert.Contains("Tim Kind", unbooked);
        Assert.DoesNotContain("Noor Kind", unbooked);
        Assert.DoesNotContain("Lot Gezin", unbooked); // Groep 5 is Kees's

        using (var pdf = await lisanne.GetAsync($"/gesprekken/rondes/{round}/rooster?handler=Pdf&date={day:yyyy-MM-dd}"))
        {
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            using var stream = new MemoryStream(await pdf.Content.ReadAsByteArrayAsync());
            using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            Assert.Equal(1, document.PageCount);
            Assert.Equal("Gesprekken van Lisanne Test", document.Info.Title);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await lisanne.GetAsync($"/gesprekken/rondes/{round}/rooster?teacher={app.Kees}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lisanne.GetAsync($"/gesprekken/rondes/{round}/rooster?handler=Pdf&teacher={app.Kees}")).StatusCode);
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/gesprekken/rondes/{round}/rooster?teacher={app.Kees}")).StatusCode);
    }

    [Fact]
    public async Task AnAdminRemindsOnlyTheFamiliesWhoHaveNotBooked()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Herinneren");
        await app.WindowAsync(app.A, round, app.Joyce, app.Day(22), 19, 20);
        using var parent = await app.SignedInAsync("zee", "ouder@zee.test");
        await ConferenceApp.BookAsync(parent, app.Noor, await app.SlotAsync(round, app.Joyce));
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        using var reminded = await admin.PostFormAsync($"/gesprekken/rondes/{round}?handler=Remind", new Dictionary<string, string>(), $"/gesprekken/rondes/{round}");
        Assert.Contains("Herinnering gestuurd aan", await reminded.Content.ReadAsStringAsync());
        var notified = await app.Database.ScalarAsync<string[]>(
            "SELECT array_agg(u.email ORDER BY u.email) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.source_id = $1 AND n.kind = 'conference.remind'", round);
        Assert.Contains("yara@zee.test", notified);
        Assert.Contains("gezin@zee.test", notified);
        Assert.DoesNotContain("ouder@zee.test", notified);

        // Teachers cannot send it.
        using var teacher = await app.SignedInAsync("zee", "joyce@zee.test");
        using var refused = await teacher.PostFormAsync($"/gesprekken/rondes/{round}?handler=Remind", new Dictionary<string, string>(), $"/gesprekken/rondes/{round}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task ABlockedSlotCannotBeBookedAndAnExtraSlotCan()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Blokkeren");
        var day = app.Day(23);
        await app.WindowAsync(app.A, round, app.Lisanne, day, 19, 20);
        var slot = await app.SlotAsync(round, app.Lisanne);
        using var lisanne = await app.SignedInAsync("zee", "lisanne@zee.test");
        using (var blocked = await lisanne.PostFormAsync($"/gesprekken/rondes/{round}?handler=Block", new Dictionary<string, string> { ["slotId"] = slot.ToString() }, $"/gesprekken/rondes/{round}"))
        {
            Assert.Contains("Tijd geblokkeerd.", await blocked.Content.ReadAsStringAsync());
        }
        using var parent = await app.SignedInAsync("zee", "yara@zee.test");
        using (var refused = await ConferenceApp.BookAsync(parent, app.Yara, slot))
        {
            Assert.Contains("Dit tijdstip is niet beschikbaar", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.BookingsAsync(slot));

        using (var added = await lisanne.PostFormAsync($"/gesprekken/rondes/{round}?handler=AddSlot",
            new Dictionary<string, string> { ["teacherId"] = app.Lisanne.ToString(), ["date"] = day.ToString("yyyy-MM-dd"), ["start"] = "20:30" }, $"/gesprekken/rondes/{round}"))
        {
            Assert.Contains("Tijd toegevoegd.", await added.Content.ReadAsStringAsync());
        }
        var extra = await app.SlotAsync(round, app.Lisanne, 6);
        using (var booked = await ConferenceApp.BookAsync(parent, app.Yara, extra))
        {
            Assert.Contains("Geboekt!", await booked.Content.ReadAsStringAsync());
        }
        // Another teacher of the round cannot block Lisanne's slots.
        using var joyce = await app.SignedInAsync("zee", "joyce@zee.test");
        var other = await app.SlotAsync(round, app.Lisanne, 1);
        using var notHers = await joyce.PostFormAsync($"/gesprekken/rondes/{round}?handler=Block", new Dictionary<string, string> { ["slotId"] = other.ToString() }, $"/gesprekken/rondes/{round}");
        Assert.Equal(HttpStatusCode.NotFound, notHers.StatusCode);
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT blocked FROM conference_slots WHERE id = $1", other));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task TheReminderJobRemindsTheDayBeforeOnceAndNotTooEarly()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Morgen");
        var day = app.Day(24);
        await app.WindowAsync(app.A, round, app.Joyce, day, 19, 20);
        using var parent = await app.SignedInAsync("zee", "ouder@zee.test");
        await ConferenceApp.BookAsync(parent, app.Noor, await app.SlotAsync(round, app.Joyce, 1));
        var booking = await app.Database.ScalarAsync<Guid>("SELECT b.id FROM conference_bookings b WHERE b.round_id = $1", round);
        await app.Database.ExecuteAsync("UPDATE conference_bookings SET created_at = $2, updated_at = $2 WHERE id = $1", booking, app.Now.AddDays(-2));

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var dayBefore = day.AddDays(-1);
        async Task RunAtAsync(int hour) => await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var at = Schoolplein.Platform.Calendar.SchoolTime.ToInstant(dayBefore, new TimeOnly(hour, 5), zone);
            var job = new ConferenceReminderJob(scope.Get<SchoolpleinDb>(), scope.Get<TenantContext>(), scope.Get<Notifier>(), new FixedTime(at));
            await job.RunAsync(app.A.Id, default);
        });
        Task<long> RemindersAsync() => app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE source_id = $1 AND kind = 'conference.reminder'", booking);

        await RunAtAsync(10);
        Assert.Equal(0L, await RemindersAsync());
        await RunAtAsync(17);
        Assert.Equal(1L, await RemindersAsync());
        Assert.Contains("19:10", await app.Database.ScalarAsync<string>("SELECT title FROM notifications WHERE source_id = $1", booking));
        await RunAtAsync(18);
        Assert.Equal(1L, await RemindersAsync());
    }

    [Fact]
    public async Task AnotherSchoolsRoundIsNotFoundAndTheModuleCanBeOff()
    {
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/gesprekken/rondes/{app.BRound}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/gesprekken/rondes/{app.BRound}/rooster")).StatusCode);
        using (var post = await admin.PostFormAsync($"/gesprekken/rondes/{app.BRound}?handler=Block", new Dictionary<string, string> { ["slotId"] = app.BSlot.ToString() }, "/gesprekken/rondes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.DoesNotContain("Gesprekken Berg", await admin.GetStringAsync("/gesprekken/rondes"));
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT blocked FROM conference_slots WHERE id = $1", app.BSlot));

        var off = await app.CreateSchoolAsync("storm", modules: [SchoolModules.Calendar]);
        await off.AddUserAsync("directie@storm.test", Schoolplein.Platform.Identity.Roles.SchoolAdmin, Schoolplein.Platform.Identity.Roles.Parent);
        using var stormAdmin = await app.SignedInAsync("storm", "directie@storm.test");
        Assert.Equal(HttpStatusCode.NotFound, (await stormAdmin.GetAsync("/gesprekken")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stormAdmin.GetAsync("/gesprekken/rondes")).StatusCode);
        Assert.DoesNotContain("href=\"/gesprekken", await stormAdmin.GetStringAsync("/"));
    }
}
