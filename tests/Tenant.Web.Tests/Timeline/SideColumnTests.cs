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
        var side = (await parent.GetHtmlAsync("/")).QuerySelector("section.side-col")!;
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

        // Sem's parent (groep 5): the swimming lesson, no conference, no questions of Noor.
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        var otherSide = (await other.GetHtmlAsync("/")).QuerySelector("section.side-col")!;
        Assert.Contains("Zwemles groep 5", otherSide.TextContent);
        Assert.DoesNotContain("Voorlezen", otherSide.TextContent);
        Assert.Contains("Je hebt geen gesprek gepland.", otherSide.TextContent);
        Assert.Contains("Je hebt geen open vragen.", otherSide.TextContent);

        // De Maan's parent: De Maan's day only. Staff get no side column.
        using var moon = await app.SignedInAsync("maan", "ouder@maan.test");
        var moonSide = (await moon.GetHtmlAsync("/")).QuerySelector("section.side-col")!;
        Assert.Contains("Maanfeest", moonSide.TextContent);
        Assert.DoesNotContain("Voorlezen", moonSide.TextContent);
        Assert.DoesNotContain("Gymschoenen", moonSide.TextContent);
        using var teacher = await app.SignedInAsync("zon", "juf34@zon.test");
        Assert.Null((await teacher.GetHtmlAsync("/")).QuerySelector("section.side-col"));
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
