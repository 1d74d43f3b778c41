using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

using Schoolplein.Tenant.Web.Tests.Timeline;

namespace Schoolplein.Tenant.Web.Tests.Shared;

/// <summary>
/// Issue 17 at the HTTP level: the tabs each role gets (only for modules the school has on), the
/// "Meer" page, the photo grid of a card, and a like sent the way timeline.js sends it.
/// </summary>
public sealed class AppShellTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private static List<string> Hrefs(AngleSharp.Dom.IDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task ParentsGetTheParentTabsAndStaffTheStaffTabsWithTheCurrentTabMarked()
    {
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var home = await parent.GetHtmlAsync("/");
        Assert.Equal(["/", "/agenda", "/vragen", "/meldingen", "/meer"], Hrefs(home, "nav.tabbar a"));
        Assert.Equal(["/"], Hrefs(home, "nav.tabbar a[aria-current=page]"));
        Assert.Equal("Berichten", home.QuerySelector("nav.tabbar a[href='/vragen'] .tab-label")!.TextContent);
        // The side navigation (wide screens) holds every entry.
        Assert.Contains("/afwezigheid", Hrefs(home, "nav.sidenav a"));

        var agenda = await parent.GetHtmlAsync("/agenda");
        Assert.Equal(["/agenda"], Hrefs(agenda, "nav.tabbar a[aria-current=page]"));

        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var staffHome = await teacher.GetHtmlAsync("/");
        Assert.Equal(["/", "/nieuws/nieuw", "/afwezigheid/vandaag", "/vragen", "/meer"], Hrefs(staffHome, "nav.tabbar a"));
        var today = await teacher.GetHtmlAsync("/afwezigheid/vandaag");
        Assert.Equal(["/afwezigheid/vandaag"], Hrefs(today, "nav.tabbar a[aria-current=page]"));
    }

    /// <summary>
    /// Issue 17's "done when": every task of the school's manual is within two taps of Start on a phone
    /// (a tab, then a link on that tab's page). Followed as a parent follows it: only the phone's tab
    /// bar and the links inside the page's main content, from the timeline.
    /// </summary>
    [Theory]
    [InlineData("/afwezigheid", "ziekmelden")]
    [InlineData("/verlof/aanvragen", "verlof aanvragen")]
    [InlineData("/toestemming", "toestemming voor foto's")]
    [InlineData("/Account/Settings/Profile", "telefoonnummer wel of niet tonen")]
    [InlineData("/vragen/nieuw", "een korte vraag aan de leerkracht")]
    [InlineData("/gesprekken", "oudergesprek inplannen")]
    [InlineData("/agenda", "de agenda")]
    [InlineData("/klaslijst", "de klaslijst")]
    [InlineData("/meldingen", "meldingen")]
    public async Task EveryTaskOfTheManualIsWithinTwoTapsOfStartOnAPhone(string task, string what)
    {
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var start = await parent.GetHtmlAsync("/");
        var reached = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["/"] = 0 };
        var level = new List<string> { "/" };
        for (var taps = 1; taps <= 2 && !reached.ContainsKey(task); taps++)
        {
            var next = new List<string>();
            foreach (var path in level)
            {
                var page = path == "/" ? start : await parent.GetHtmlAsync(path);
                var links = Hrefs(page, "nav.tabbar a").Concat(Hrefs(page, "main a"))
                    .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
                    .Select(h => h.Split('?', '#')[0]);
                foreach (var link in links.Where(l => reached.TryAdd(l, taps)))
                {
                    next.Add(link);
                }
            }
            level = next;
        }
        Assert.True(reached.TryGetValue(task, out var depth),
            $"{what} ({task}) is not within two taps of Start; reached: {string.Join(", ", reached.OrderBy(r => r.Value).Select(r => $"{r.Key} ({r.Value})"))}");
        Assert.InRange(depth, 1, 2);
    }

    [Fact]
    public async Task TheUnreadCountShowsOnTheNotificationsTab()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await PublishOkAsync(teacher, "Telling op het tabblad", "Tekst.", [app.G5]);
        using var parent = await app.SignedInAsync("zonnebloem", ParentSam);
        var unread = await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.read_at IS NULL", ParentSam);
        var home = await parent.GetHtmlAsync("/");
        var badge = home.QuerySelector("nav.tabbar a[href='/meldingen'] .tab-badge");
        // Publishing news for groep 5 gave Sam's parent an in-app notification (the outbox writes it with the post).
        Assert.True(unread > 0);
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), badge!.TextContent);
        Assert.Equal($"{unread} ongelezen", badge.NextElementSibling!.TextContent);
    }

    [Fact]
    public async Task ASchoolWithoutQuestionsAndCalendarGetsNoTabsForThemAndMeerHoldsOnlyItsModules()
    {
        var school = await app.CreateSchoolAsync("klein-tabs", modules: [SchoolModules.Absence]);
        var group = await school.AddGroupAsync("Groep 1");
        var pupil = await school.AddPupilAsync(group, "Kim", "Klein");
        await school.LinkGuardianAsync(pupil, await school.AddUserAsync("ouder@klein-tabs.test", Roles.Parent));
        using var parent = await app.SignedInAsync("klein-tabs", "ouder@klein-tabs.test");
        var home = await parent.GetHtmlAsync("/");
        Assert.Equal(["/", "/meldingen", "/meer"], Hrefs(home, "nav.tabbar a"));
        var more = await parent.GetHtmlAsync("/meer");
        var links = Hrefs(more, "main a");
        Assert.Contains("/afwezigheid", links);
        Assert.DoesNotContain("/verlof", links);
        Assert.DoesNotContain("/vragen", links);
    }

    [Fact]
    public async Task MeerGroupsTheAdministrationAsTheManualDoesAndNeedsASignedInUser()
    {
        using var anonymous = app.ClientFor("zonnebloem");
        using (var response = await anonymous.GetAsync("/meer"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
        }
        var anonymousHome = await anonymous.GetHtmlAsync("/");
        Assert.Null(anonymousHome.QuerySelector("nav.tabbar"));

        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var more = await parent.GetHtmlAsync("/meer");
        Assert.Equal(["/meer"], Hrefs(more, "nav.tabbar a[aria-current=page]"));
        var groups = more.QuerySelectorAll("main section.more-group").ToList();
        Assert.Equal("Administratie", groups[0].QuerySelector("h2")!.TextContent);
        Assert.Equal(["/afwezigheid", "/verlof", "/verlof/aanvragen", "/toestemming"], groups[0].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList());
        var rest = groups[1].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/klaslijst", rest);
        Assert.Contains("/gesprekken", rest);
        Assert.Contains("/Account/Settings", rest);
        // Tabs are not repeated under Meer.
        Assert.DoesNotContain("/agenda", rest);
        Assert.NotNull(more.QuerySelector("main form[action='/Account/SignOut']"));
    }

    [Fact]
    public async Task PagesTellTheServiceWorkerWhoIsSignedInAndCarryTheOfflineNoticeInTheUsersLanguage()
    {
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var userId = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", ParentTim);
        foreach (var path in new[] { "/", "/agenda" })
        {
            var page = await parent.GetHtmlAsync(path);
            Assert.Equal(userId.ToString("N"), page.Body!.GetAttribute("data-user"));
            var notice = page.QuerySelector("main p.notice.offline")!;
            Assert.True(notice.HasAttribute("hidden"));
            Assert.Equal("Je bent offline. Je ziet wat je het laatst hebt geopend.", notice.TextContent);
            Assert.Equal("Je bent offline: versturen kan weer zodra je verbinding hebt.", notice.GetAttribute("data-refused"));
        }
        // Another parent, another id; nobody signed in, no id (the service worker then forgets its copies).
        using var eva = await app.SignedInAsync("zonnebloem", ParentEva);
        Assert.NotEqual(userId.ToString("N"), (await eva.GetHtmlAsync("/")).Body!.GetAttribute("data-user"));
        using var anonymous = app.ClientFor("zonnebloem");
        // Razor keeps empty data- attributes: "" is what the worker's 32-hex-digit match reads as nobody.
        Assert.Equal("", (await anonymous.GetHtmlAsync("/Account/SignIn")).Body!.GetAttribute("data-user") ?? "");

        using var english = await app.SignedInAsync("zonnebloem", ParentSam);
        using (await english.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = "/" }, "/")) { }
        Assert.Equal("You are offline. You see what you last opened.", (await english.GetHtmlAsync("/")).QuerySelector("main p.notice.offline")!.TextContent);
    }

    [Fact]
    public async Task ACardShowsFourPhotosWithPlusTheRestAndTheFullPostShowsAll()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var photos = Enumerable.Range(0, 6).Select(i => Photo(TestFiles.Jpeg(300 + i * 10, 200), $"foto{i}.jpg")).ToArray();
        var id = await PublishOkAsync(teacher, "Zes foto's van de gymles", "Kijk maar.", [app.G34], files: photos);
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var home = await parent.GetHtmlAsync("/");
        var grid = home.QuerySelector($"#post-{id} ul.photos")!;
        Assert.Equal(6, grid.QuerySelectorAll("li").Length);
        Assert.Equal(2, grid.QuerySelectorAll("li[hidden]").Length);
        Assert.Equal("+2", grid.QuerySelector("li:nth-child(4) .photo-more [aria-hidden=true]")!.TextContent);
        Assert.Contains("grid-4", grid.ClassList);
        // Without script every photo link is a plain link to the photo.
        Assert.All(grid.QuerySelectorAll("a"), a => Assert.Matches($"^/nieuws/{id}/foto/[0-9a-f-]{{36}}$", a.GetAttribute("href")!));

        var full = await parent.GetHtmlAsync($"/nieuws/{id}");
        var all = full.QuerySelector("article.post ul.photos")!;
        Assert.Equal(6, all.QuerySelectorAll("li").Length);
        Assert.Empty(all.QuerySelectorAll("li[hidden]"));
        Assert.Null(all.QuerySelector(".photo-more"));
    }

    [Fact]
    public async Task ALikeSentAsTheScriptSendsItLeadsToTheCardsNewStateWithAFreshFormKey()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var id = await PublishOkAsync(teacher, "Leuk zonder herladen", "Vind je dit leuk?", [app.G34]);
        var other = await PublishOkAsync(teacher, "Nog een bericht", "Ook leuk?", [app.G34]);
        using var parent = await app.SignedInAsync("zonnebloem", ParentEva);

        // One like form per page (one antiforgery token and form key), every card's button belongs to it.
        var home = await parent.GetHtmlAsync("/");
        var likeForm = Assert.Single(home.QuerySelectorAll("form#likes"));
        Assert.Single(likeForm.QuerySelectorAll("input[name='__RequestVerificationToken']"));
        Assert.Empty(home.QuerySelectorAll("article form"));
        Assert.All(home.QuerySelectorAll("article .like button"), b => Assert.Equal("likes", b.GetAttribute("form")));
        var first = Like(home, id);
        Assert.Equal("false", first.Button.GetAttribute("aria-pressed"));
        Assert.Equal($"/#post-{id}", first.Button.GetAttribute("value"));

        // timeline.js posts the form's fields plus the pressed button's and follows the redirect.
        var (liked, afterLike) = await SendAsync(parent, first, id);
        Assert.Equal(HttpStatusCode.OK, liked);
        var likedCard = Like(afterLike, id);
        Assert.Equal("true", likedCard.Button.GetAttribute("aria-pressed"));
        Assert.StartsWith("1 ", likedCard.Button.ParentElement!.QuerySelector(".muted")!.TextContent.Trim());
        Assert.NotEqual(FormKey(first.Form), FormKey(likedCard.Form));
        Assert.Equal(1L, await LikesAsync(id));

        // The fresh key likes another card; the used one toggles nothing more.
        var (_, afterOther) = await SendAsync(parent, Like(afterLike, other), other);
        Assert.Equal("true", Like(afterOther, other).Button.GetAttribute("aria-pressed"));
        Assert.Equal(1L, await LikesAsync(other));
        var (_, unliked) = await SendAsync(parent, Like(afterOther, id), id);
        Assert.Equal("false", Like(unliked, id).Button.GetAttribute("aria-pressed"));
        Assert.Equal(0L, await LikesAsync(id));
        await SendAsync(parent, first, id);
        Assert.Equal(0L, await LikesAsync(id));
    }

    private Task<long> LikesAsync(Guid id) => app.Database.ScalarAsync<long>("SELECT count(*) FROM post_likes WHERE post_id = $1", id);

    private static string FormKey(AngleSharp.Dom.IElement form) =>
        form.QuerySelector($"input[name='{Schoolplein.Platform.Forms.FormKeys.FieldName}']")!.GetAttribute("value")!;

    private static (AngleSharp.Dom.IElement Form, AngleSharp.Dom.IElement Button) Like(AngleSharp.Dom.IDocument page, Guid post) =>
        (page.QuerySelector("form#likes")!, page.QuerySelector($"#post-{post} .like button")!);

    /// <summary>Posts the form's fields and the pressed button's to the button's action, follows the redirect like fetch does.</summary>
    private static async Task<(HttpStatusCode Status, AngleSharp.Dom.IDocument Page)> SendAsync(
        HttpClient client, (AngleSharp.Dom.IElement Form, AngleSharp.Dom.IElement Button) like, Guid post)
    {
        var action = like.Button.GetAttribute("formaction")!;
        Assert.Equal($"/nieuws/{post}?handler=Like", action);
        var fields = Forms.FieldsOf(like.Form).Append(new(like.Button.GetAttribute("name")!, like.Button.GetAttribute("value")!));
        using var posted = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        var target = posted.StatusCode == HttpStatusCode.Redirect ? posted.Headers.Location!.OriginalString.Split('#')[0] : action;
        using var page = await client.GetAsync(target);
        return (page.StatusCode, await page.HtmlAsync());
    }
}
