using System.Net;
using AngleSharp.Dom;
using Schoolplein.Platform.Clock;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// An event over several days shows its days, not only its hours ("09:00–15:00" under a camp from Wednesday to
/// Friday reads as every day's hours): in "Binnenkort" on the timeline and in the agenda's list, in Dutch and English.
/// </summary>
public sealed class EventTimesTests(EventTimesTests.TimesApp app) : IClassFixture<EventTimesTests.TimesApp>
{
    /// <summary>
    /// The clock: Monday 7 December 2026, 08:00 in Amsterdam. A Christmas party on Wednesday 13:00–14:00, a camp from
    /// Wednesday 09:00 to Friday 15:00, project days Monday 14 to Wednesday 16 December (all day), and a holiday club
    /// from Monday 28 December to Friday 1 January (all day, past "Binnenkort"'s two weeks: the agenda only).
    /// </summary>
    public sealed class TimesApp : CalendarApp
    {
        public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime();

        protected override TimeProvider CreateClock() => new StartedClock(Start);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var admin = await SignedInAsync("zon", "directie@zon.test");
            foreach (var (title, start, end, from, to) in new[]
            {
                ("Kerstviering", "2026-12-09", (string?)null, (string?)"13:00", (string?)"14:00"),
                ("Schoolkamp", "2026-12-09", "2026-12-11", "09:00", "15:00"),
                ("Projectdagen", "2026-12-14", "2026-12-16", null, null),
                ("Kerstopvang", "2026-12-28", "2027-01-01", null, null),
            })
            {
                using var created = await CreateEventAsync(admin, title, start, from, to, end: end, allDay: from is null);
                Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            }
        }
    }

    private static string Times(IElement item) => item.QuerySelector(".muted")!.TextContent.Split(" · ")[0].Trim();

    private static IElement Item(IDocument page, string selector, string title) =>
        page.QuerySelectorAll(selector).Single(li => li.QuerySelector("a")?.TextContent.Trim() == title);

    [Fact]
    public async Task BinnenkortShowsTheDaysOfAnEventOverSeveralDaysAndOnlyTheHoursOfAnEventOnOneDay()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), app.Today);
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var home = await parent.GetHtmlAsync("/");
        const string Upcoming = "section.upcoming li";
        Assert.Equal("13:00–14:00", Times(Item(home, Upcoming, "Kerstviering")));
        Assert.Equal("wo 9 dec 09:00 – vr 11 dec 15:00", Times(Item(home, Upcoming, "Schoolkamp")));
        Assert.Equal("ma 14 – wo 16 dec", Times(Item(home, Upcoming, "Projectdagen")));

        // The same in English, for a parent who chose it (another parent: the choice is stored with the account).
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        using (var chosen = await other.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = "/" }, "/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }
        var english = await other.GetHtmlAsync("/");
        Assert.Equal("13:00–14:00", Times(Item(english, Upcoming, "Kerstviering")));
        Assert.Equal("Wed 9 Dec 09:00 – Fri 11 Dec 15:00", Times(Item(english, Upcoming, "Schoolkamp")));
        Assert.Equal("Mon 14 – Wed 16 Dec", Times(Item(english, Upcoming, "Projectdagen")));
    }

    [Fact]
    public async Task TheAgendaListShowsTheDaysOfAnEventOverSeveralDaysAlsoAcrossTheNewYear()
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var agenda = await parent.GetHtmlAsync("/agenda?month=2026-12");
        const string List = "ul.agenda > li";
        Assert.Equal("13:00–14:00", Item(agenda, List, "Kerstviering").QuerySelector(".muted")!.TextContent.Trim());
        Assert.Equal("wo 9 dec 09:00 – vr 11 dec 15:00", Item(agenda, List, "Schoolkamp").QuerySelector(".muted")!.TextContent.Trim());
        // All-day events keep "hele dag" beside their days, which the date already shows from first to last.
        var club = Item(agenda, List, "Kerstopvang");
        Assert.Equal("hele dag", club.QuerySelector(".muted")!.TextContent.Trim());
        Assert.Equal("ma 28 dec – vr 1 jan", club.QuerySelector("time")!.TextContent.Trim());
    }
}
