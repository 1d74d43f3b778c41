using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>The same two schools on their own database: these tests count what is new on a timeline.</summary>
public sealed class UnreadApp : TimelineApp;

/// <summary>
/// Issue 17, unread: posts since the parent's last visit are marked "Nieuw", the Start tab shows a
/// dot, and the open timeline asks for a count of newer posts ("N nieuwe berichten") through the
/// timeline's own visibility rule.
/// </summary>
public sealed partial class UnreadTests(UnreadApp app) : IClassFixture<UnreadApp>
{
    [GeneratedRegex("<article class=\"card post[^\"]*is-new[^\"]*\" id=\"post-([0-9a-f-]+)\"")]
    private static partial Regex NewCard();

    private static IReadOnlyList<Guid> NewPostsOn(string html) =>
        NewCard().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static bool HasStartDot(string html) => html.Contains("class=\"tab-dot\"", StringComparison.Ordinal);

    private static string Since(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    private static async Task<int> CountAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task PostsPublishedSinceTheParentsLastVisitAreMarkedNewOnceAndTheStartTabShowsADot()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var before = await PublishOkAsync(teacher, "Unread: al oud nieuws", "Van voor het eerste bezoek.", [app.G34]);
        using var parent = await app.SignedInAsync("zonnebloem", ParentEva);

        // A first visit marks nothing (everything would be new) and records the visit.
        var first = await parent.GetStringAsync("/");
        Assert.Contains("Unread: al oud nieuws", first);
        Assert.Empty(NewPostsOn(first));
        Assert.False(HasStartDot(await parent.GetStringAsync("/meer")));

        var fresh = await PublishOkAsync(teacher, "Unread: excursie naar het bos", "Neem laarzen mee.", [app.G34]);

        // Elsewhere in the app the Start tab says there is something new, also to screen readers.
        var elsewhere = await parent.GetStringAsync("/meer");
        Assert.True(HasStartDot(elsewhere));
        Assert.Contains("<span class=\"visually-hidden\">, nieuwe berichten</span>", elsewhere);

        var second = await parent.GetStringAsync("/");
        Assert.Equal([fresh], NewPostsOn(second));
        Assert.DoesNotContain(before, NewPostsOn(second));
        Assert.Contains("Unread: excursie naar het bos<span class=\"visually-hidden\"> (nieuw bericht)</span>", second);
        Assert.Contains("<span class=\"badge new\" aria-hidden=\"true\">Nieuw</span>", second);

        // Seen now: the next visit marks nothing and the dot is gone.
        Assert.Empty(NewPostsOn(await parent.GetStringAsync("/")));
        Assert.False(HasStartDot(await parent.GetStringAsync("/meer")));
    }

    [Fact]
    public async Task AVisitIsRecordedOnceMovesForwardAndNeverBack()
    {
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        await admin.GetStringAsync("/");
        var userId = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE normalized_email = upper($1)", AdminEmail);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM timeline_visits WHERE user_id = $1", userId));

        // An hour-old visit moves up to now.
        var hourAgo = app.Now.AddHours(-1);
        await app.Database.ExecuteAsync("UPDATE timeline_visits SET last_seen_at = $1 WHERE user_id = $2", hourAgo, userId);
        await admin.GetStringAsync("/");
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT last_seen_at > $1 FROM timeline_visits WHERE user_id = $2", hourAgo.AddMinutes(59), userId));

        // A request that started earlier but finishes later never moves the visit back (stood in for by a visit ahead of the clock).
        var ahead = app.Now.AddHours(1);
        await app.Database.ExecuteAsync("UPDATE timeline_visits SET last_seen_at = $1 WHERE user_id = $2", ahead, userId);
        await admin.GetStringAsync("/");
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT last_seen_at = $1 FROM timeline_visits WHERE user_id = $2", ahead, userId));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM timeline_visits WHERE user_id = $1", userId));
    }

    [Fact]
    public async Task AWritersOwnPostIsNotNewForThem()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await teacher.GetStringAsync("/");
        var mine = await PublishOkAsync(teacher, "Unread: eigen bericht", "Zelf geschreven.", [app.G5]);
        Assert.DoesNotContain(mine, NewPostsOn(await teacher.GetStringAsync("/")));
        Assert.Equal(0, await CountAsync(teacher, $"/api/v1/timeline/nieuw?since={Since(app.Now.AddHours(-1))}"));
    }

    [Fact]
    public async Task APostOfAnotherGroupOrAnotherSchoolNeverCountsAsNew()
    {
        using var tim = await app.SignedInAsync("zonnebloem", ParentTim);
        await tim.GetStringAsync("/");
        var since = app.Now;

        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        var otherGroup = await PublishOkAsync(teacher5, "Unread: alleen groep 5", "Niet voor groep 3/4.", [app.G5]);
        using var adminB = await app.SignedInAsync("sterrenwacht", AdminB);
        await PublishOkAsync(adminB, "Unread: nieuws van de Sterrenwacht", "Voor de hele andere school.", schoolWide: true);

        Assert.Equal(0, await CountAsync(tim, $"/api/v1/timeline/nieuw?since={Since(since)}"));
        Assert.False(HasStartDot(await tim.GetStringAsync("/meer")));
        var timeline = await tim.GetStringAsync("/");
        Assert.DoesNotContain(otherGroup, NewPostsOn(timeline));
        Assert.Empty(NewPostsOn(timeline));

        // The other school's parent does get their own school's post, and only that one.
        using var parentB = await app.SignedInAsync("sterrenwacht", ParentB);
        Assert.Equal(1, await CountAsync(parentB, $"/api/v1/timeline/nieuw?since={Since(since)}"));

        // A post to Tim's group and one to the whole school do count.
        using var teacher34 = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher34, "Unread: voor groep 3/4", "Wel voor Tim.", [app.G34]);
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        await PublishOkAsync(admin, "Unread: voor de hele Zonnebloem", "Voor iedereen.", schoolWide: true);
        Assert.Equal(2, await CountAsync(tim, $"/api/v1/timeline/nieuw?since={Since(since)}"));
        Assert.Equal(1, await CountAsync(parentB, $"/api/v1/timeline/nieuw?since={Since(since)}"));
    }

    [Fact]
    public async Task TheNewPostsCountFollowsTheChildFilterAndRefusesAnotherFamilysChild()
    {
        using var parent = await app.SignedInAsync("zonnebloem", ParentBoth);
        var since = app.Now;
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await PublishOkAsync(teacher5, "Unread: filter groep 5", "Voor Sem.", [app.G5]);

        Assert.Equal(1, await CountAsync(parent, $"/api/v1/timeline/nieuw?since={Since(since)}"));
        Assert.Equal(1, await CountAsync(parent, $"/api/v1/timeline/nieuw?since={Since(since)}&child={app.Sem}"));
        Assert.Equal(0, await CountAsync(parent, $"/api/v1/timeline/nieuw?since={Since(since)}&child={app.Lotte}"));

        using var foreign = await parent.GetAsync($"/api/v1/timeline/nieuw?since={Since(since)}&child={app.Tim}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        foreach (var bad in new[] { "", "?since=gisteren", "?since=" + new string('9', 2000), $"?since={Since(since)}&child=abc", $"?since={Since(since)}&child=" })
        {
            using var response = await parent.GetAsync("/api/v1/timeline/nieuw" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        using var visitor = app.ClientFor("zonnebloem");
        using var anonymous = await visitor.GetAsync($"/api/v1/timeline/nieuw?since={Since(since)}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task TheFirstPageAsksForPostsNewerThanTheNewestItShowsAndOlderPagesDoNotPoll()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Unread: nieuwste op de pagina", "Bovenaan.", [app.G34]);
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var page = await parent.GetStringAsync("/");
        var url = WebUtility.HtmlDecode(Regex.Match(page, "data-new-posts=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("/api/v1/timeline/nieuw?since=", url);
        Assert.Equal(0, await CountAsync(parent, url));

        await PublishOkAsync(teacher, "Unread: terwijl de pagina open is", "Nieuw binnen.", [app.G34]);
        Assert.Equal(1, await CountAsync(parent, url));

        var older = await parent.GetStringAsync("/?after=1-0-" + Guid.Empty.ToString("N"));
        Assert.DoesNotContain("data-new-posts", older);
    }

    [Fact]
    public async Task AVisitInOneSchoolIsNotAVisitInTheOther()
    {
        // The visit row is tenant-owned: B's parent reading their timeline leaves A's state alone, and A's
        // cookie on B's host is nobody there.
        using var parentB = await app.SignedInAsync("sterrenwacht", ParentB);
        await parentB.GetStringAsync("/");
        using var adminB = await app.SignedInAsync("sterrenwacht", AdminB);
        var post = await PublishOkAsync(adminB, "Unread: alleen Sterrenwacht", "Voor B.", schoolWide: true);
        Assert.True(HasStartDot(await parentB.GetStringAsync("/meer")));
        Assert.Equal([post], NewPostsOn(await parentB.GetStringAsync("/")));

        var cookie = await app.AuthCookieAsync("zonnebloem", ParentSam);
        using var crossed = await app.GetWithCookieAsync("sterrenwacht.localhost", $"/api/v1/timeline/nieuw?since={Since(app.Now.AddDays(-1))}", cookie);
        Assert.NotEqual(HttpStatusCode.OK, crossed.StatusCode);
    }
}
