using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// Issue 17: "Binnenkort" on the first page of the timeline: the next events the viewer sees in the coming
/// two weeks (at most three, each event once), with "Zet in mijn agenda" and, for an event with places,
/// its sign-up state and button, which returns to the timeline.
/// </summary>
public sealed class UpcomingEventsTests(UpcomingEventsTests.UpcomingApp app) : IClassFixture<UpcomingEventsTests.UpcomingApp>
{
    /// <summary>
    /// De Zon on Monday 7 December 2026, 10:00: a weekly gym lesson for 3/4 (from tomorrow), a school-wide
    /// Christmas party on Thursday, a trip for 3/4 on Friday with 2 places, swimming for 5 tomorrow, an
    /// information evening in 10 days (a fourth for 3/4: past the three), one this morning (over), one in
    /// 22 days (too far); De Maan a party on Wednesday.
    /// </summary>
    public sealed class UpcomingApp : CalendarApp
    {
        public Guid Gym { get; private set; }
        public Guid Party { get; private set; }
        public Guid Trip { get; private set; }
        public Guid Swim { get; private set; }
        public Guid Evening { get; private set; }
        public Guid MoonParty { get; private set; }
        /// <summary>Parent of Noor (3/4) and Sem (5).</summary>
        public const string BothParent = "beide@zon.test";
        /// <summary>A second parent of Noor: takes the trip's last place.</summary>
        public const string SecondParent = "tweede@zon.test";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using (var admin = await SignedInAsync("zon", "directie@zon.test"))
            {
                Gym = await CreateAsync(admin, "Gymles 3/4", Day(1), "08:45", "09:30", [G34], repeatDays: ["Tuesday"], repeatUntil: Day(30));
                Party = await CreateAsync(admin, "Kerstviering", Day(3), "13:00", "14:00");
                Trip = await CreateAsync(admin, "Schoolreis 3/4", Day(4), null, null, [G34], allDay: true, capacity: "2");
                Swim = await CreateAsync(admin, "Zwemles groep 5", Day(1), "10:30", "11:30", [G5]);
                Evening = await CreateAsync(admin, "Informatieavond", Day(10), "19:30", "21:00");
                await CreateAsync(admin, "Inloop vanochtend", Day(0), "08:15", "08:45");
                await CreateAsync(admin, "Kerstmarkt volgend jaar", Day(22), "15:00", "17:00");
            }
            using (var bAdmin = await SignedInAsync("maan", "directie@maan.test"))
            {
                MoonParty = await CreateAsync(bAdmin, "Maanfeest", Day(2), "09:00", "10:00", capacity: "10");
            }
            var both = await A.AddUserAsync(BothParent, Roles.Parent);
            await A.LinkGuardianAsync(Noor, both);
            await A.LinkGuardianAsync(Sem, both);
            await A.LinkGuardianAsync(Noor, await A.AddUserAsync(SecondParent, Roles.Parent));
        }

        private async Task<Guid> CreateAsync(HttpClient admin, string title, string start, string? from, string? to, Guid[]? groups = null,
            bool allDay = false, string[]? repeatDays = null, string? repeatUntil = null, string? capacity = null)
        {
            using var created = await CreateEventAsync(admin, title, start, from, to, groups, allDay: allDay, repeatDays: repeatDays, repeatUntil: repeatUntil, capacity: capacity);
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            return await Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = $1", title);
        }
    }

    private static async Task<IElement?> BlockAsync(HttpClient client, string url = "/") =>
        (await client.GetHtmlAsync(url)).QuerySelector("section.upcoming");

    private static List<string> Titles(IElement block) =>
        block.QuerySelectorAll("li > div > a:first-child").Select(a => a.TextContent).ToList();

    private static IElement Card(IElement block, Guid eventId) =>
        block.QuerySelectorAll("li").Single(li => li.QuerySelector($"a[href='/agenda/{eventId}']") is not null);

    private Task<long> SignUpsAsync(Guid eventId) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1", eventId);

    [Fact]
    public async Task AParentSeesTheNextThreeEventsOfHerChildsGroupsWithTheirCalendarFileAndNothingOfOtherGroupsOrSchools()
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var block = (await BlockAsync(parent))!;
        Assert.Equal("Binnenkort", block.QuerySelector("h2")!.TextContent);
        // The weekly lesson once (its next time), then by date; the information evening is the fourth.
        Assert.Equal(["Gymles 3/4", "Kerstviering", "Schoolreis 3/4"], Titles(block));

        var party = Card(block, app.Party);
        Assert.Equal("10 dec", party.QuerySelector("time.date")!.TextContent);
        Assert.Equal("2026-12-10", party.QuerySelector("time.date")!.GetAttribute("datetime"));
        Assert.Contains("13:00–14:00 · Aula", party.TextContent);
        var ics = party.QuerySelector($"a[href='/agenda/{app.Party}/zet-in-agenda']")!;
        Assert.Equal("Zet in mijn agenda", ics.TextContent);
        Assert.Equal("Zet in mijn agenda: Kerstviering", ics.GetAttribute("aria-label"));
        using (var file = await parent.GetAsync(ics.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Contains("SUMMARY:Kerstviering", await file.Content.ReadAsStringAsync());
        }
        Assert.Null(party.QuerySelector("button"));
        var trip = Card(block, app.Trip);
        Assert.Contains("Hele dag · Aula", trip.TextContent);
        Assert.Contains("2 van 2 plekken vrij", trip.TextContent);
        Assert.NotNull(trip.QuerySelector($"button[form='likes'][formaction='/agenda/{app.Trip}?handler=SignUp'][name='returnUrl'][value='/']"));

        // Sem's parent (groep 5): swimming, not the 3/4 lesson nor its trip; the school-wide evening fills the third place.
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        Assert.Equal(["Zwemles groep 5", "Kerstviering", "Informatieavond"], Titles((await BlockAsync(other))!));

        // The teacher of 3/4: the same for her group. Another school's parent: only that school's event.
        using var teacher = await app.SignedInAsync("zon", "juf34@zon.test");
        Assert.Equal(["Gymles 3/4", "Kerstviering", "Schoolreis 3/4"], Titles((await BlockAsync(teacher))!));
        using var moon = await app.SignedInAsync("maan", "ouder@maan.test");
        var moonBlock = (await BlockAsync(moon))!;
        Assert.Equal(["Maanfeest"], Titles(moonBlock));
        Assert.Contains("10 van 10 plekken vrij", moonBlock.TextContent);

        // Older pages have no block.
        Assert.Null(await BlockAsync(parent, "/?after=1-0-" + Guid.Empty.ToString("N")));
    }

    [Fact]
    public async Task TheChildFilterShowsTheEventsOfThatChildsGroupAndTheSchoolWideOnes()
    {
        using var parent = await app.SignedInAsync("zon", UpcomingApp.BothParent);
        Assert.Equal(["Gymles 3/4", "Zwemles groep 5", "Kerstviering"], Titles((await BlockAsync(parent))!));
        Assert.Equal(["Gymles 3/4", "Kerstviering", "Schoolreis 3/4"], Titles((await BlockAsync(parent, $"/?child={app.Noor}"))!));
        var sem = (await BlockAsync(parent, $"/?child={app.Sem}"))!;
        Assert.Equal(["Zwemles groep 5", "Kerstviering", "Informatieavond"], Titles(sem));
        // The filter is the child's own: a sign-up from here returns to the filtered timeline.
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/?child={app.BPupil}")).StatusCode);
    }

    [Fact]
    public async Task ASignUpFromTheTimelineCountsOnceReturnsThereAndIsRefusedWhenFullWithNothingSaved()
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var second = await app.SignedInAsync("zon", UpcomingApp.SecondParent);
        using var late = await app.SignedInAsync("zon", UpcomingApp.BothParent);
        var lateForm = await SignUpFormAsync(late, $"/?child={app.Noor}");

        // Two taps and a back-button resubmit of the same rendered page: one place taken, back on the timeline.
        var form = await SignUpFormAsync(parent, "/");
        var taps = await Task.WhenAll(form.SubmitAsync(parent), form.SubmitAsync(parent));
        using var again = await form.SubmitAsync(parent);
        Assert.All(taps.Append(again), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(taps.Append(again), r => Assert.Equal("/", r.Headers.Location!.OriginalString));
        foreach (var tap in taps)
        {
            tap.Dispose();
        }
        Assert.Equal(1L, await SignUpsAsync(app.Trip));
        var mine = Card((await BlockAsync(parent))!, app.Trip);
        Assert.Contains("Je hebt je aangemeld", mine.TextContent);
        Assert.NotNull(mine.QuerySelector($"button[formaction='/agenda/{app.Trip}?handler=Cancel']"));
        Assert.Null(mine.QuerySelector($"button[formaction='/agenda/{app.Trip}?handler=SignUp']"));

        // The last place, with a return address that leaves the school: the event page instead.
        var secondForm = await SignUpFormAsync(second, "/");
        secondForm.Set("returnUrl", "//elders.example/");
        using (var taken = await secondForm.SubmitAsync(second))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
            Assert.Equal($"/agenda/{app.Trip}", taken.Headers.Location!.OriginalString);
        }
        Assert.Equal(2L, await SignUpsAsync(app.Trip));

        // Full: the card says so without a button; a page rendered before that is refused with the reason.
        var full = Card((await BlockAsync(late, $"/?child={app.Noor}"))!, app.Trip);
        Assert.Contains("Vol", full.TextContent);
        Assert.Null(full.QuerySelector("button"));
        using (var refused = await lateForm.SubmitAsync(late))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Helaas, alle plaatsen zijn al bezet.", (await refused.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        }
        Assert.Equal(2L, await SignUpsAsync(app.Trip));
        Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", app.Trip));

        // Giving the place back from the timeline asks first, then returns there.
        foreach (var client in new[] { parent, second })
        {
            var cancel = await RenderedForm.FromPageAsync(client, "/", f => f.Id == "likes");
            cancel.Press(cancel.Element.Owner!.QuerySelector($".upcoming button[formaction='/agenda/{app.Trip}?handler=Cancel']")!);
            using var asked = await cancel.SubmitAsync(client);
            var yes = await Confirmations.AssertAsksAsync(asked, "afmelden");
            using var done = await client.SubmitAsync($"/agenda/{app.Trip}?handler=Cancel", yes);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal("/", done.Headers.Location!.OriginalString);
        }
        Assert.Equal(0L, await SignUpsAsync(app.Trip));
        Assert.Equal(0, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", app.Trip));
    }

    [Fact]
    public async Task AnEventOfAnotherGroupOrSchoolCannotBeSignedUpForByItsIdAndNothingIsSaved()
    {
        using var other = await app.SignedInAsync("zon", "ander@zon.test");
        // The trip of 3/4 (not Sem's group) and De Maan's party, posted with a token of this parent's own timeline.
        foreach (var id in new[] { app.Trip, app.MoonParty })
        {
            using var response = await other.PostFormAsync($"/agenda/{id}?handler=SignUp", new Dictionary<string, string> { ["returnUrl"] = "/" }, "/");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var file = await other.GetAsync($"/agenda/{id}/zet-in-agenda");
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        }
        Assert.Equal(0L, await SignUpsAsync(app.MoonParty));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM calendar_event_sign_ups WHERE user_id = $1", app.OtherParent));
        // De Maan's parent on De Maan's host never gets De Zon's events, by host.
        using var moon = await app.SignedInAsync("maan", "ouder@maan.test");
        var page = await moon.GetStringAsync("/");
        Assert.DoesNotContain("Kerstviering", page);
        Assert.DoesNotContain(app.Trip.ToString(), page);
    }

    [Fact]
    public async Task ASchoolWithoutTheCalendarModuleHasNoBlock()
    {
        var school = await app.CreateSchoolAsync("wolk", modules: [SchoolModules.Comments]);
        var group = await school.AddGroupAsync("Groep 1/2");
        var pupil = await school.AddPupilAsync(group, "Jip", "Wolk");
        var parentId = await school.AddUserAsync("ouder@wolk.test", Roles.Parent);
        await school.LinkGuardianAsync(pupil, parentId);
        // An event from before the module was switched off: still in the database, not on the timeline.
        await app.InSchoolAsync(school.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var day = app.Today.AddDays(2);
            db.Add(new CalendarEvent
            {
                Title = "Wolkenfeest", AllDay = true, StartDate = day, EndDate = day, LastDate = day,
                StartsAt = app.Now.AddDays(2), EndsAt = app.Now.AddDays(3), CreatedById = parentId, CreatedAt = app.Now, UpdatedAt = app.Now,
            });
            await db.SaveChangesAsync();
        });
        using var parent = await app.SignedInAsync("wolk", "ouder@wolk.test");
        var page = await parent.GetHtmlAsync("/");
        Assert.NotNull(page.QuerySelector("main h1"));
        Assert.Null(page.QuerySelector("section.upcoming"));
        Assert.DoesNotContain("Wolkenfeest", page.Body!.TextContent);
    }

    /// <summary>The timeline's one like form, as the trip card's sign-up button sends it.</summary>
    private async Task<RenderedForm> SignUpFormAsync(HttpClient client, string url)
    {
        var form = await RenderedForm.FromPageAsync(client, url, f => f.Id == "likes");
        return form.Press(form.Element.Owner!.QuerySelector($".upcoming button[formaction='/agenda/{app.Trip}?handler=SignUp']")!);
    }
}
