using System.Net;
using Schoolplein.Platform.Modules;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

public sealed class CalendarTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    private Task<Guid> EventIdAsync(string title) => app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = $1", title);

    private Task<long> CountAsync(string title) => app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_events WHERE title = $1", title);

    [Fact]
    public async Task ParentsSeeSchoolWideEventsAndThoseOfTheirChildrensGroupsOnly()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Kerstdiner iedereen", "2026-12-17", "17:30", "19:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Voorlezen groep 3/4", "2026-12-09", "09:00", "10:00", [app.G34])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Museum groep 5", "2026-12-10", "09:00", "12:00", [app.G5])).StatusCode);

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var html = await parent.GetStringAsync("/agenda?month=2026-12");
        Assert.Contains("Kerstdiner iedereen", html);
        Assert.Contains("Voorlezen groep 3/4", html);
        Assert.DoesNotContain("Museum groep 5", html);

        using var teacher5 = await app.SignedInAsync("zon", "meester5@zon.test");
        var teacherHtml = await teacher5.GetStringAsync("/agenda?month=2026-12");
        Assert.Contains("Museum groep 5", teacherHtml);
        Assert.DoesNotContain("Voorlezen groep 3/4", teacherHtml);

        // The event page of another group's event is not there for the parent.
        var museum = await EventIdAsync("Museum groep 5");
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/agenda/{museum}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/agenda/{await EventIdAsync("Voorlezen groep 3/4")}")).StatusCode);
    }

    [Fact]
    public async Task APerChildFilterShowsThatChildsGroupAndAChildThatIsNotYoursIsNotFound()
    {
        var both = await app.A.AddUserAsync("beide@zon.test");
        await app.A.LinkGuardianAsync(app.Noor, both);
        await app.A.LinkGuardianAsync(app.Sem, both);
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await CalendarApp.CreateEventAsync(admin, "Filter 34", "2027-01-12", "09:00", "10:00", [app.G34]);
        await CalendarApp.CreateEventAsync(admin, "Filter 5", "2027-01-13", "09:00", "10:00", [app.G5]);

        using var parent = await app.SignedInAsync("zon", "beide@zon.test");
        var all = await parent.GetStringAsync("/agenda?month=2027-01");
        Assert.Contains("Filter 34", all);
        Assert.Contains("Filter 5", all);
        var onlySem = await parent.GetStringAsync($"/agenda?month=2027-01&child={app.Sem}");
        Assert.DoesNotContain("Filter 34", onlySem);
        Assert.Contains("Filter 5", onlySem);

        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/agenda?child={app.Noor}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/agenda?child={app.BPupil}")).StatusCode);
    }

    [Fact]
    public async Task AnEventThatEndsBeforeItStartsIsRefusedWithAClearMessageAndNothingIsSaved()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var response = await CalendarApp.CreateEventAsync(admin, "Achterstevoren", "2027-02-01", "10:00", "09:00");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("De activiteit eindigt voordat hij begint", html);
        using var days = await CalendarApp.CreateEventAsync(admin, "Achterstevoren", "2027-02-05", null, null, end: "2027-02-03", allDay: true);
        Assert.Contains("De activiteit eindigt voordat hij begint", await days.Content.ReadAsStringAsync());
        using var garbage = await CalendarApp.CreateEventAsync(admin, "Achterstevoren", "morgen", "10:00", "11:00", capacity: "veel");
        var garbageHtml = await garbage.Content.ReadAsStringAsync();
        Assert.Contains("Vul geldige datums in", garbageHtml);
        Assert.Contains("Vul bij aantal plaatsen een getal", garbageHtml);
        using var empty = await CalendarApp.CreateEventAsync(admin, " ", "2027-02-05", "10:00", "11:00");
        Assert.Contains("Vul een titel in.", await empty.Content.ReadAsStringAsync());
        Assert.Equal(0L, await CountAsync("Achterstevoren"));
    }

    [Fact]
    public async Task ATeacherPostsOnlyForTheirOwnGroupsAndParentsCannotPostAtAll()
    {
        using var teacher = await app.SignedInAsync("zon", "juf34@zon.test");
        using var schoolWide = await CalendarApp.CreateEventAsync(teacher, "Juf voor iedereen", "2027-02-02", "10:00", "11:00");
        Assert.Contains("Alleen de schoolleiding", await schoolWide.Content.ReadAsStringAsync());
        using var otherGroup = await CalendarApp.CreateEventAsync(teacher, "Juf voor groep 5", "2027-02-02", "10:00", "11:00", [app.G5]);
        Assert.Contains("alleen activiteiten plaatsen voor groepen waarin je lesgeeft", await otherGroup.Content.ReadAsStringAsync());
        using var foreignGroup = await CalendarApp.CreateEventAsync(teacher, "Juf voor Maan", "2027-02-02", "10:00", "11:00", [app.BGroup]);
        Assert.Contains("alleen activiteiten plaatsen voor groepen waarin je lesgeeft", await foreignGroup.Content.ReadAsStringAsync());
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_events WHERE title LIKE 'Juf voor%'"));

        Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(teacher, "Juf eigen groep", "2027-02-02", "10:00", "11:00", [app.G34])).StatusCode);
        var id = await EventIdAsync("Juf eigen groep");
        // Another teacher cannot edit it; the page is not there for them.
        using var teacher5 = await app.SignedInAsync("zon", "meester5@zon.test");
        Assert.Equal(HttpStatusCode.NotFound, (await teacher5.GetAsync($"/agenda/{id}/bewerken")).StatusCode);

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var denied = await parent.GetAsync("/agenda/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignUpsNeverExceedTheCapacityEvenWhenParentsSignUpAtTheSameMoment()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await CalendarApp.CreateEventAsync(admin, "Hulpouders schoolreis", "2027-05-21", null, null, allDay: true, capacity: "3");
        var id = await EventIdAsync("Hulpouders schoolreis");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            await app.A.AddUserAsync($"helper{i}@zon.test");
            var client = await app.SignedInAsync("zon", $"helper{i}@zon.test");
            await Forms.AntiforgeryTokenAsync(client, $"/agenda/{id}"); // warm up
            clients.Add(client);
        }
        var tokens = await Task.WhenAll(clients.Select(c => Forms.AntiforgeryTokenAsync(c, $"/agenda/{id}")));
        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsync($"/agenda/{id}?handler=SignUp",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens[i] }))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(3, bodies.Count(b => b.Contains("Je bent aangemeld. Bedankt!")));
        Assert.Equal(5, bodies.Count(b => b.Contains("alle plaatsen zijn al bezet")));
        Assert.Equal(3L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1", id));
        Assert.Equal(3, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", id));

        // Staff see who signed up; a cancelled place is free again.
        var list = await admin.GetStringAsync($"/agenda/{id}");
        Assert.Contains("Aanmeldingen (3)", list);
        var winner = clients[Array.FindIndex(bodies, b => b.Contains("Je bent aangemeld. Bedankt!"))];
        // Giving up a place cannot be undone (someone else may take it): the first tap only asks.
        using var asked = await winner.PostFormAsync($"/agenda/{id}?handler=Cancel", new Dictionary<string, string>(), $"/agenda/{id}");
        var yes = await Confirmations.AssertAsksAsync(asked, "afmelden");
        Assert.Equal(3, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", id));
        using var cancel = await winner.SubmitAsync($"/agenda/{id}?handler=Cancel", yes);
        Assert.Contains("Je bent afgemeld.", await cancel.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", id));
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task ASignUpRefusedBecauseTheEventWasFullCanBeSentAgainOnceAPlaceIsFree()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await CalendarApp.CreateEventAsync(admin, "Een hulpouder", "2027-05-24", null, null, allDay: true, capacity: "1");
        var id = await EventIdAsync("Een hulpouder");
        await app.A.AddUserAsync("vroeg@zon.test");
        await app.A.AddUserAsync("laat@zon.test");
        using var early = await app.SignedInAsync("zon", "vroeg@zon.test");
        using var late = await app.SignedInAsync("zon", "laat@zon.test");
        // The late parent opened the page while the place was free; the early one took it first.
        var form = await RenderedForm.FromPageAsync(late, $"/agenda/{id}", f => DoubleSubmitSweep.HandlerOf(f) == "SignUp");
        var earlyForm = await RenderedForm.FromPageAsync(early, $"/agenda/{id}", f => DoubleSubmitSweep.HandlerOf(f) == "SignUp");
        using var taken = await earlyForm.SubmitAsync(early);
        Assert.Contains("Je bent aangemeld. Bedankt!", await taken.Content.ReadAsStringAsync());
        using var full = await form.SubmitAsync(late);
        Assert.Contains("alle plaatsen zijn al bezet", await full.Content.ReadAsStringAsync());

        // The early parent gives the place up; the late one taps the same button again (back button, or the page still open).
        using var asked = await early.PostFormAsync($"/agenda/{id}?handler=Cancel", new Dictionary<string, string>(), $"/agenda/{id}");
        using var cancelled = await early.SubmitAsync($"/agenda/{id}?handler=Cancel", await Confirmations.AssertAsksAsync(asked, "afmelden"));
        using var again = await form.SubmitAsync(late);
        var body = again.StatusCode == HttpStatusCode.Redirect
            ? await late.GetStringAsync(again.Headers.Location!.ToString())
            : await again.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Dit formulier was al verstuurd.", body);
        Assert.Contains("Je bent aangemeld. Bedankt!", body);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1", id));
    }

    [Fact]
    public async Task AnotherSchoolsEventIsNotFoundOnEveryCalendarRoute()
    {
        using var bAdmin = await app.SignedInAsync("maan", "directie@maan.test");
        await CalendarApp.CreateEventAsync(bAdmin, "Maanfeest", "2027-03-03", "10:00", "11:00", capacity: "5");
        var id = await EventIdAsync("Maanfeest");
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agenda/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agenda/{id}/bewerken")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"/agenda/{id}?handler=SignUp", new Dictionary<string, string>(), "/agenda")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"/agenda/{id}/bewerken?handler=Delete", new Dictionary<string, string>(), "/agenda")).StatusCode);
        Assert.DoesNotContain("Maanfeest", await admin.GetStringAsync("/agenda?month=2027-03&all=true"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1", id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_events WHERE id = $1 AND deleted_at IS NULL", id));
    }

    [Fact]
    public async Task TheCalendarIsNotThereForASchoolWithoutTheModule()
    {
        var school = await app.CreateSchoolAsync("regen", modules: [SchoolModules.Absence]);
        await school.AddUserAsync("directie@regen.test", Schoolplein.Platform.Identity.Roles.SchoolAdmin);
        using var admin = await app.SignedInAsync("regen", "directie@regen.test");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/agenda")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/agenda/nieuw")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/agenda/abonneren")).StatusCode);
        Assert.DoesNotContain("href=\"/agenda\"", await admin.GetStringAsync("/"));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid eventId, string fileName, byte[] bytes, string contentType)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return await client.PostMultipartAsync($"/agenda/{eventId}/bewerken?handler=Attach", content, $"/agenda/{eventId}/bewerken");
    }

    [Fact]
    public async Task StaffAttachAFileThatOnlyParentsOfTheGroupCanDownloadAndOtherFilesAreRefused()
    {
        using var teacher = await app.SignedInAsync("zon", "juf34@zon.test");
        await CalendarApp.CreateEventAsync(teacher, "Uitje met brief", "2027-02-16", "09:00", "12:00", [app.G34]);
        var id = await EventIdAsync("Uitje met brief");
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        using (var added = await UploadAsync(teacher, id, "../brief ouders.pdf", pdf, "application/pdf"))
        {
            Assert.Contains("Bijlage toegevoegd.", await added.Content.ReadAsStringAsync());
        }
        var attachment = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_attachments WHERE event_id = $1", id);
        Assert.Equal("brief ouders.pdf", await app.Database.ScalarAsync<string>("SELECT file_name FROM calendar_attachments WHERE id = $1", attachment));

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        Assert.Contains($"/agenda/{id}/bijlagen/{attachment}", await parent.GetStringAsync($"/agenda/{id}"));
        using (var download = await parent.GetAsync($"/agenda/{id}/bijlagen/{attachment}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/agenda/{id}/bijlagen/{attachment}")).StatusCode);

        var blobs = await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs");
        using (var script = await UploadAsync(teacher, id, "echt.pdf", "<script>alert(1)</script>"u8.ToArray(), "application/pdf"))
        {
            Assert.Contains("Alleen PDF-, PNG- en JPEG-bestanden kunnen worden toegevoegd.", await script.Content.ReadAsStringAsync());
        }
        using (var empty = await UploadAsync(teacher, id, "leeg.pdf", [], "application/pdf"))
        {
            Assert.Contains("Kies een bestand om toe te voegen.", await empty.Content.ReadAsStringAsync());
        }
        Assert.Equal(blobs, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_attachments WHERE event_id = $1", id));

        using (var asked = await teacher.PostFormAsync($"/agenda/{id}/bewerken?handler=Detach", new Dictionary<string, string> { ["attachmentId"] = attachment.ToString() }, $"/agenda/{id}/bewerken"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked);
            Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_attachments WHERE event_id = $1", id));
            using var removed = await teacher.SubmitAsync($"/agenda/{id}/bewerken?handler=Detach", yes);
            Assert.Contains("Bijlage verwijderd.", await removed.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/agenda/{id}/bijlagen/{attachment}")).StatusCode);
        Assert.Equal(blobs - 1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs"));
    }

    private Task AddClosureAsync(Schoolplein.Testing.SchoolHandle school, string name, Schoolplein.Platform.SchoolCalendar.ClosureKind kind, DateOnly start, DateOnly end) =>
        app.InSchoolAsync(school.Id, async scope =>
        {
            var db = scope.Get<Schoolplein.Platform.Persistence.SchoolpleinDb>();
            db.Add(new Schoolplein.Platform.SchoolCalendar.SchoolClosure { Name = name, Kind = kind, StartDate = start, EndDate = end, CreatedAt = app.Now });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task HolidaysAndStudyDaysShowAsTheirOwnKindInTheCalendarAndTheFeed()
    {
        await AddClosureAsync(app.A, "Voorjaarsvakantie", Schoolplein.Platform.SchoolCalendar.ClosureKind.Holiday, new(2027, 2, 22), new(2027, 2, 26));
        await AddClosureAsync(app.A, "Studiedag team", Schoolplein.Platform.SchoolCalendar.ClosureKind.StudyDay, new(2027, 2, 17), new(2027, 2, 17));
        await AddClosureAsync(app.B, "Maanvakantie", Schoolplein.Platform.SchoolCalendar.ClosureKind.Holiday, new(2027, 2, 15), new(2027, 2, 19));

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var page = await parent.GetHtmlAsync("/agenda?month=2027-02");
        var items = page.QuerySelectorAll("ul.agenda li").Select(li => li.TextContent).ToList();
        Assert.Contains(items, i => i.Contains("Studiedag team") && i.Contains("studiedag"));
        Assert.Contains(items, i => i.Contains("Voorjaarsvakantie") && i.Contains("vakantie"));
        Assert.DoesNotContain(items, i => i.Contains("Maanvakantie"));
        Assert.Equal(5, page.QuerySelectorAll("table.month .dot.closed").Count(d => d.TextContent == "Voorjaarsvakantie"));

        using var created = await parent.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren");
        var url = new Uri((await parent.GetHtmlAsync("/agenda/abonneren")).QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery;
        using var anonymous = app.ClientFor("zon");
        var feed = await IcalJs.ParseAsync(await anonymous.GetStringAsync(url));
        var holiday = Assert.Single(feed.Events, e => e.Summary == "Voorjaarsvakantie");
        Assert.True(holiday.IsDate);
        Assert.Equal("2027-02-22", holiday.StartLocal);
        Assert.Equal("2027-02-27", holiday.EndLocal);
        Assert.StartsWith("closure-", holiday.Uid);
        Assert.Contains(feed.Events, e => e.Summary == "Studiedag team");
        Assert.DoesNotContain(feed.Events, e => e.Summary == "Maanvakantie");
    }
}
