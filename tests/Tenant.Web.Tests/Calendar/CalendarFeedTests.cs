using System.Net;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

/// <summary>The personal iCal feed, read back with the independent ical.js parser.</summary>
public sealed class CalendarFeedTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    /// <summary>Makes the user's link if they have none (post/redirect/get) and returns the path the page shows.</summary>
    private static async Task<string> FeedUrlAsync(HttpClient client)
    {
        using (var response = await client.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return new Uri(await ShownUrlAsync(client) ?? throw new InvalidOperationException("no link shown")).PathAndQuery;
    }

    /// <summary>The link the subscribe page shows (null: none).</summary>
    private static async Task<string?> ShownUrlAsync(HttpClient client) =>
        (await client.GetHtmlAsync("/agenda/abonneren")).QuerySelector("#feed-url")?.GetAttribute("value");

    private static async Task<HttpResponseMessage> RegenerateAsync(HttpClient client, bool confirmed) =>
        await client.PostFormAsync("/agenda/abonneren?handler=Regenerate",
            confirmed ? new Dictionary<string, string> { ["Confirm"] = "true" } : new Dictionary<string, string>(), "/agenda/abonneren");

    /// <summary>A calendar app: no cookie, just the URL on the school's host.</summary>
    private async Task<HttpResponseMessage> FetchAsync(string slug, string path)
    {
        using var client = app.ClientFor(slug);
        return await client.GetAsync(path);
    }

    private async Task<IcalJs.Parsed> ReadAsync(string slug, string path)
    {
        using var response = await FetchAsync(slug, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheFeedHoldsExactlyTheUsersEventsWithCorrectTimesAcrossDstAndTheSchoolsTimeZone()
    {
        using (var admin = await app.SignedInAsync("zon", "directie@zon.test"))
        {
            // Fridays 08:45–09:30 for Groep 3/4; Dutch clocks go forward on Sunday 28 March 2027.
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Gym groep 3/4", "2027-03-19", "08:45", "09:30",
                [app.G34], repeatDays: ["Friday"], repeatUntil: "2027-04-09")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Open dag", "2027-04-01", "19:00", "20:30")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Winteravond", "2027-01-14", "19:00", "20:30")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Kamp groep 8", "2027-06-02", null, null, end: "2027-06-04", allDay: true)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, "Excursie groep 5", "2027-03-24", "09:00", "14:00", [app.G5])).StatusCode);
        }
        using (var bAdmin = await app.SignedInAsync("maan", "directie@maan.test"))
        {
            await CalendarApp.CreateEventAsync(bAdmin, "Maanavond", "2027-03-25", "19:00", "21:00");
        }

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var path = await FeedUrlAsync(parent);
        var feed = await ReadAsync("zon", path);

        Assert.Equal(["Europe/Amsterdam"], feed.Timezones);
        Assert.Equal("Kindcentrum De Zon", feed.Name);
        Assert.Equal(["Gym groep 3/4", "Kamp groep 8", "Open dag", "Winteravond"], feed.Events.Select(e => e.Summary ?? "").Order().ToArray());

        var gym = feed.Events.Single(e => e.Summary == "Gym groep 3/4");
        Assert.Equal("Europe/Amsterdam", gym.Tzid);
        Assert.StartsWith("FREQ=WEEKLY", gym.Rrule);
        Assert.Equal(
            ["2027-03-19T07:45:00Z", "2027-03-26T07:45:00Z", "2027-04-02T06:45:00Z", "2027-04-09T06:45:00Z"],
            gym.Occurrences.Select(o => o.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ")).ToArray());
        Assert.All(gym.Occurrences, o => Assert.Equal(TimeSpan.FromMinutes(45), o.End - o.Start));
        Assert.All(gym.Occurrences, o => Assert.Contains("T08:45:00", o.Local));

        var openDay = feed.Events.Single(e => e.Summary == "Open dag");
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 17, 0, 0, TimeSpan.Zero), openDay.Start);
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 18, 30, 0, TimeSpan.Zero), openDay.End);
        var winter = feed.Events.Single(e => e.Summary == "Winteravond");
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 18, 0, 0, TimeSpan.Zero), winter.Start);

        var camp = feed.Events.Single(e => e.Summary == "Kamp groep 8");
        Assert.True(camp.IsDate);
        Assert.Equal("2027-06-02", camp.StartLocal);
        Assert.Equal("2027-06-05", camp.EndLocal);

        var ids = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = 'Open dag'");
        Assert.Equal($"{ids}@zon.schoolplein", openDay.Uid);

        // A teacher's feed has their group's events and the school-wide ones, not the other group's.
        using var teacher5 = await app.SignedInAsync("zon", "meester5@zon.test");
        var teacherFeed = await ReadAsync("zon", await FeedUrlAsync(teacher5));
        Assert.Equal(["Excursie groep 5", "Kamp groep 8", "Open dag", "Winteravond"], teacherFeed.Events.Select(e => e.Summary ?? "").Order().ToArray());
    }

    [Fact]
    public async Task AnEditedEventKeepsItsUidAndGetsAHigherSequenceAndADeletedOneLeavesTheFeed()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await CalendarApp.CreateEventAsync(admin, "Lentefeest", "2027-04-20", "13:00", "15:00");
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = 'Lentefeest'");
        // Created an hour ago, so the edit below cannot fall in the same second (LAST-MODIFIED has whole seconds).
        await app.Database.ExecuteAsync("UPDATE calendar_events SET updated_at = updated_at - interval '1 hour' WHERE id = $1", id);
        using var parent = await app.SignedInAsync("zon", "ander@zon.test");
        var path = await FeedUrlAsync(parent);
        var before = (await ReadAsync("zon", path)).Events.Single(e => e.Summary == "Lentefeest");

        var edit = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", "Lentefeest (verplaatst)"), new("Form.StartDate", "2027-04-21"), new("Form.StartTime", "13:00"),
            new("Form.EndTime", "15:00"), new("Form.SchoolWide", "true"),
        };
        using (var saved = await CalendarApp.PostFieldsAsync(admin, $"/agenda/{id}/bewerken", edit))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var after = (await ReadAsync("zon", path)).Events.Single(e => e.Uid == before.Uid);

        // An unchanged feed answers 304 to the ETag of the last response.
        using (var anonymous = app.ClientFor("zon"))
        {
            using var first = await anonymous.GetAsync(path);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        Assert.Equal("Lentefeest (verplaatst)", after.Summary);
        Assert.True(after.Sequence > before.Sequence);
        Assert.NotEqual(before.LastModified, after.LastModified);
        Assert.Equal(new DateTimeOffset(2027, 4, 21, 11, 0, 0, TimeSpan.Zero), after.Start);

        using (var asked = await admin.PostFormAsync($"/agenda/{id}/bewerken?handler=Delete", new Dictionary<string, string>(), $"/agenda/{id}/bewerken"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "Lentefeest");
            Assert.Contains((await ReadAsync("zon", path)).Events, e => e.Uid == before.Uid);
            using var deleted = await admin.SubmitAsync($"/agenda/{id}/bewerken?handler=Delete", yes);
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        Assert.DoesNotContain((await ReadAsync("zon", path)).Events, e => e.Uid == before.Uid);
    }

    [Fact]
    public async Task ANewLinkReplacesTheOldOneARevokedLinkStopsAndALinkOnlyWorksOnItsOwnSchool()
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var first = await FeedUrlAsync(parent);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", first)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("maan", first)).StatusCode);

        using (var regenerated = await RegenerateAsync(parent, confirmed: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, regenerated.StatusCode);
        }
        var second = new Uri((await ShownUrlAsync(parent))!).PathAndQuery;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("zon", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", second)).StatusCode);

        // The token itself is nowhere in the database in plain text (a hash to find it, the link encrypted to show it again).
        var token = second.Split('/').Last().Replace(".ics", "");
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_feeds WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'", token));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_feeds f WHERE f::text LIKE '%' || $1 || '%'", token));

        using (var revoked = await parent.PostFormAsync("/agenda/abonneren?handler=Revoke", new Dictionary<string, string>(), "/agenda/abonneren"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }
        var afterRevoke = await parent.GetHtmlAsync("/agenda/abonneren");
        Assert.Contains("Je link werkt niet meer", afterRevoke.QuerySelector(".notice.success")!.TextContent);
        Assert.Null(afterRevoke.QuerySelector("#feed-url"));
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("zon", second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("zon", "/agenda/feed/not-a-token.ics")).StatusCode);
    }

    [Fact]
    public async Task AReturningParentSeesTheirLinkWithCopyWebcalAndQrAndOnlyAConfirmedNewLinkReplacesIt()
    {
        await app.A.AddUserAsync("terug@zon.test", Schoolplein.Platform.Identity.Roles.Parent);
        using var parent = await app.SignedInAsync("zon", "terug@zon.test");
        var empty = await parent.GetHtmlAsync("/agenda/abonneren");
        Assert.Null(empty.QuerySelector("#feed-url"));
        Assert.NotNull(empty.QuerySelector("form[action*='handler=Create']"));

        var path = await FeedUrlAsync(parent);
        var page = await parent.GetHtmlAsync("/agenda/abonneren");
        var field = page.QuerySelector("#feed-url")!;
        var url = field.GetAttribute("value")!;
        Assert.Equal($"http://zon.localhost{path}", url);
        Assert.True(field.HasAttribute("readonly"));
        // webcal: opens the calendar app with a subscription.
        var webcal = $"webcal://zon.localhost{path}";
        Assert.NotNull(page.QuerySelector($"a[href='{webcal}']"));
        // A copy button for script (hidden until the script shows it), and a QR code of the webcal link drawn on the server.
        Assert.Equal("feed-url", page.QuerySelector("button[data-copy]")?.GetAttribute("data-copy"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/copy.js']"));
        var qr = page.QuerySelector("img.qr")!;
        Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("alt")));
        var png = Convert.FromBase64String(qr.GetAttribute("src")!["data:image/png;base64,".Length..]);
        using (var generator = new QRCoder.QRCodeGenerator())
        using (var data = generator.CreateQrCode(webcal, QRCoder.QRCodeGenerator.ECCLevel.M))
        {
            Assert.Equal(new QRCoder.PngByteQRCode(data).GetGraphic(4), png);
        }
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", path)).StatusCode);

        // Coming back later (another sign-in), reloading, or sending the create form again: the same link, still working.
        var hash = await app.Database.ScalarAsync<byte[]>("SELECT token_hash FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE u.email = 'terug@zon.test'");
        using var later = await app.SignedInAsync("zon", "terug@zon.test");
        Assert.Equal(url, await ShownUrlAsync(later));
        Assert.Equal(url, await ShownUrlAsync(later));
        using (var again = await later.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }
        Assert.Equal(url, await ShownUrlAsync(later));
        Assert.Equal(hash, await app.Database.ScalarAsync<byte[]>("SELECT token_hash FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE u.email = 'terug@zon.test'"));

        // A new link needs the confirmation; without it a clear message and nothing changes.
        using (var unconfirmed = await RegenerateAsync(later, confirmed: false))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            var refused = await unconfirmed.HtmlAsync();
            Assert.Contains("Bevestig dat je een nieuwe link wilt", refused.QuerySelector(".errors")!.TextContent);
            Assert.Equal(url, refused.QuerySelector("#feed-url")?.GetAttribute("value"));
        }
        Assert.Equal(url, await ShownUrlAsync(later));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", path)).StatusCode);

        using (var confirmed = await RegenerateAsync(later, confirmed: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        var renewed = await later.GetHtmlAsync("/agenda/abonneren");
        Assert.Contains("De oude link werkt niet meer", renewed.QuerySelector(".notice.success")!.TextContent);
        var next = renewed.QuerySelector("#feed-url")!.GetAttribute("value")!;
        Assert.NotEqual(url, next);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("zon", path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", new Uri(next).PathAndQuery)).StatusCode);
        // The confirmation shows once; the link stays.
        var reloaded = await later.GetHtmlAsync("/agenda/abonneren");
        Assert.Null(reloaded.QuerySelector(".notice.success"));
        Assert.Equal(next, reloaded.QuerySelector("#feed-url")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AFeedOfADeactivatedUserStopsWorking()
    {
        var user = await app.A.AddUserAsync("weg@zon.test");
        using var client = await app.SignedInAsync("zon", "weg@zon.test");
        var path = await FeedUrlAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync("zon", path)).StatusCode);
        await app.Database.ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = $1", user);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("zon", path)).StatusCode);
    }
}
