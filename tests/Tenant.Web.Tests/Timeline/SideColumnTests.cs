using System.Net;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Questions;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// Issue 17: beside a parent's timeline (shown on wide screens) today's agenda with "Zet in mijn agenda",
/// the next booked conference and the open questions — each only what that parent's own pages show.
/// </summary>
public sealed class SideColumnTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    [Fact]
    public async Task AnEventOverSeveralDaysShowsBothEndsInTodaysAgendaNotJustItsStartTime()
    {
        // The fixture's clock: Monday 7 December 2026.
        Assert.Equal(new DateOnly(2026, 12, 7), app.Today);
        using (var admin = await app.SignedInAsync("zon", "directie@zon.test"))
        {
            Assert.Equal(HttpStatusCode.Redirect,
                (await CalendarApp.CreateEventAsync(admin, "Schoolkamp groep 3/4", "2026-12-07", "09:00", "15:00", [app.G34], end: "2026-12-09")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect,
                (await CalendarApp.CreateEventAsync(admin, "Kerstmarkt opbouwen", "2026-12-07", null, null, [app.G34], end: "2026-12-08", allDay: true)).StatusCode);
        }
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var today = (await SideAsync(parent, "/tijdlijn/zijkolom")).QuerySelector("section.side-col section")!
            .QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(today, t => t.StartsWith("ma 7 dec 09:00 – wo 9 dec 15:00 Schoolkamp groep 3/4", StringComparison.Ordinal));
        Assert.Contains(today, t => t.StartsWith("ma 7 – di 8 dec Kerstmarkt opbouwen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AParentSeesTodaysEventsOfHerChildsGroupHerNextConferenceAndHerOpenQuestionsAndNothingOfOthers()
    {
        var today = app.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var admin = await app.SignedInAsync("zon", "directie@zon.test"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Voorlezen in groep 3/4", today, "13:00", "14:00", [app.G34])).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Zwemles groep 5", today, "10:30", "11:30", [app.G5])).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Volgende week", app.Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "13:00", "14:00", [app.G34])).StatusCode);
        }
        using (var bAdmin = await app.SignedInAsync("maan", "directie@maan.test"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(bAdmin, "Maanfeest", today, "09:00", "10:00")).StatusCode);
        }
        var reading = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = 'Voorlezen in groep 3/4'");
        var question = await app.InSchoolAsync(app.A.Id, async scope =>
            (await scope.Get<QuestionService>().StartAsync(app.Parent, new QuestionInput(app.Noor, "Gymschoenen kwijt", "Wie heeft ze gezien?", null), CancellationToken.None)).Value);
        await BookConferenceAsync();

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        // The timeline itself carries only the empty slot that app.js fills on a wide screen: a phone pays for none of this.
        var home = await parent.GetHtmlAsync("/");
        Assert.Null(home.QuerySelector("section.side-col"));
        Assert.Equal("/tijdlijn/zijkolom", home.QuerySelector("div.side-col")!.GetAttribute("data-side"));
        Assert.Equal($"/tijdlijn/zijkolom?child={app.Noor}", (await parent.GetHtmlAsync($"/?child={app.Noor}")).QuerySelector("div.side-col")!.GetAttribute("data-side"));

        var side = (await SideAsync(parent, "/tijdlijn/zijkolom")).QuerySelector("section.side-col")!;
        var sections = side.QuerySelectorAll("section").ToList();
        Assert.Equal(["Vandaag", "Je volgende gesprek", "Open vragen"], sections.Select(s => s.QuerySelector("h2")!.TextContent));

        var todayItems = sections[0].QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(todayItems, t => t.StartsWith("13:00 Voorlezen in groep 3/4", StringComparison.Ordinal));
        Assert.DoesNotContain(todayItems, t => t.Contains("Zwemles", StringComparison.Ordinal) || t.Contains("Maanfeest", StringComparison.Ordinal) || t.Contains("Volgende week", StringComparison.Ordinal));
        var ics = sections[0].QuerySelector($"a.ics[href='/agenda/{reading}/zet-in-agenda']")!;
        Assert.Equal("Zet in mijn agenda: Voorlezen in groep 3/4", ics.GetAttribute("aria-label"));
        using (var file = await parent.GetAsync(ics.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        Assert.StartsWith("10-minutengesprekken voor Noor met", sections[1].QuerySelector("p")!.TextContent);
        Assert.Equal([$"/vragen/{question}"], sections[2].QuerySelectorAll("li a").Select(a => a.GetAttribute("href")!));
        Assert.Equal("Alle vragen (1 open)", sections[2].QuerySelector("a[href='/vragen']")!.TextContent);
        // Filtered on her own child: the same.
        Assert.Equal("Alle vragen (1 open)", (await SideAsync(parent, $"/tijdlijn/zijkolom?child={app.Noor}")).QuerySelector("a[href='/vragen']")!.TextContent);
        // Another family's child, or a child of another school, is not hers to filter on.
        foreach (var foreign in new[] { app.Sem, app.BPupil, Guid.NewGuid() })
        {
            using var refused = await parent.GetAsync($"/tijdlijn/zijkolom?child={foreign}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // Sem's parent (groep 5): the swimming lesson, no conference, no questions of Noor.
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        var otherSide = (await SideAsync(other, "/tijdlijn/zijkolom")).QuerySelector("section.side-col")!;
        Assert.Contains("Zwemles groep 5", otherSide.TextContent);
        Assert.DoesNotContain("Voorlezen", otherSide.TextContent);
        Assert.Contains("Je hebt geen gesprek gepland.", otherSide.TextContent);
        Assert.Contains("Je hebt geen open vragen.", otherSide.TextContent);
        Assert.Contains("Alle vragen (0 open)", otherSide.TextContent);
        // Four open questions: the newest three listed, all four counted (one query).
        for (var i = 1; i <= 4; i++)
        {
            var subject = $"Vraag {i}";
            await app.InSchoolAsync(app.A.Id, async scope =>
                Assert.True((await scope.Get<QuestionService>().StartAsync(app.OtherParent, new QuestionInput(app.Sem, subject, "Graag antwoord.", null), CancellationToken.None)).Succeeded));
        }
        var otherQuestions = (await SideAsync(other, "/tijdlijn/zijkolom")).QuerySelectorAll("section.side-col section").Last();
        Assert.Equal(["Vraag 4", "Vraag 3", "Vraag 2"], otherQuestions.QuerySelectorAll("li a").Select(a => a.TextContent));
        Assert.Equal("Alle vragen (4 open)", otherQuestions.QuerySelector("a[href='/vragen']")!.TextContent);

        // De Maan's parent: De Maan's day only. Staff get no side column, not even by asking for it.
        using var moon = await app.SignedInAsync("maan", "ouder@maan.test");
        var moonSide = (await SideAsync(moon, "/tijdlijn/zijkolom")).QuerySelector("section.side-col")!;
        Assert.Contains("Maanfeest", moonSide.TextContent);
        Assert.DoesNotContain("Voorlezen", moonSide.TextContent);
        Assert.DoesNotContain("Gymschoenen", moonSide.TextContent);
        using var teacher = await app.SignedInAsync("zon", "juf34@zon.test");
        Assert.Null((await teacher.GetHtmlAsync("/")).QuerySelector(".side-col"));
        using (var refused = await teacher.GetAsync("/tijdlijn/zijkolom"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    /// <summary>The fragment app.js fetches: no layout, never cached.</summary>
    private static async Task<AngleSharp.Dom.IDocument> SideAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "the side column is personal: no-store");
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        return await response.HtmlAsync();
    }

    /// <summary>A round for groep 3/4 with one window tomorrow; the parent books Noor's first slot.</summary>
    private async Task BookConferenceAsync()
    {
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var zone = scope.Tenant.TimeZoneInfo;
            var planning = scope.Get<ConferencePlanning>();
            var round = await planning.CreateRoundAsync(new RoundDraft("10-minutengesprekken", "Lokaal 3", null, 10, app.Now.AddDays(-1),
                app.Now.AddDays(5), SiblingsBookEarly: false, SeparateGuardianBookings: false, [app.G34]), app.Teacher34, CancellationToken.None);
            var added = await planning.AddWindowAsync(round.Value, app.Teacher34, app.Today.AddDays(1), new(new(15, 0), new(15, 30)), [], CancellationToken.None);
            Assert.True(added.Succeeded);
            var slot = await scope.Get<SchoolpleinDb>().Set<ConferenceSlot>().Where(s => s.RoundId == round.Value).OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync();
            var booked = await scope.Get<ConferenceBookings>().BookAsync(app.Parent, app.Noor, slot, CancellationToken.None);
            Assert.True(booked.Succeeded, string.Join(", ", booked.Problems.Select(p => p.Key)));
        });
    }
}
