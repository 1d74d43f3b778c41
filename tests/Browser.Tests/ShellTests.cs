using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// Issue 17, the app shell: a parent and a teacher of De Regenboog on a 390×844 phone (bottom tabs,
/// "Meer", the photo lightbox with "back", a like without a reload) and on a 1366×900 screen (side
/// navigation), also in dark mode. Screenshots per step: artifacts/browser/shell/{name}/.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class ShellTests(DemoSite site)
{
    private const string Parent = "ouder@regenboog.test";
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    [Fact]
    public async Task AParentOnAPhoneMovesWithTheBottomTabsOpensPhotosInALightboxThatBackClosesAndLikesWithoutAReload()
    {
        await using var s = await Screen.StartAsync(site, "parent-phone", Phone);
        var page = s.Page;
        // The side column is for wide screens: a phone never asks for it (its queries are not run for a hidden column).
        var sideAsked = false;
        page.Request += (_, request) => sideAsked |= request.Url.Contains("/tijdlijn/zijkolom", StringComparison.Ordinal);
        await s.SignInAsync(Parent);

        // The bottom tabs, Start marked; the side navigation is not shown on a phone.
        var tabs = page.Locator("nav.tabbar");
        await Assertions.Expect(tabs).ToBeVisibleAsync();
        Assert.Equal(["Start", "Agenda", "Berichten", "Meldingen", "Meer"], (await tabs.Locator("a .tab-label").AllTextContentsAsync()).Select(t => t.Trim()));
        await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/");
        await Assertions.Expect(page.Locator("nav.sidenav")).ToBeHiddenAsync();
        // The tab bar sits at the bottom of the screen, the header at the top, also after scrolling.
        await page.Mouse.WheelAsync(0, 1500);
        await Testing.Eventually.UntilAsync(async () => await page.EvaluateAsync<double>("() => window.scrollY") > 0, "the page scrolled", seconds: 10);
        var bar = (await tabs.BoundingBoxAsync())!;
        Assert.Equal(Phone.Height, bar.Y + bar.Height, 1);
        Assert.Equal(0, (await page.Locator("header.site-header").BoundingBoxAsync())!.Y, 1);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await s.StepAsync("timeline with the bottom tabs");
        Assert.False(sideAsked, "a phone fetched the side column");
        Assert.Equal(0, await page.Locator("section.side-col").CountAsync());

        // The trip post: four photos shown, the fourth with "+2"; the other two are only in the lightbox.
        var trip = page.Locator("article.post", new PageLocatorOptions { HasText = "Ons uitje naar de kinderboerderij" });
        await Assertions.Expect(trip.Locator("ul.photos li:visible")).ToHaveCountAsync(4);
        await Assertions.Expect(trip.Locator(".photo-more")).ToContainTextAsync("+2");
        await trip.ScrollIntoViewIfNeededAsync();
        await s.StepAsync("photo grid with plus two");

        // Tap the first photo: the lightbox, photo 1 of 6; the arrow key pages on; "back" closes it and stays on the timeline.
        await trip.Locator("ul.photos a").First.ClickAsync();
        var box = page.Locator("dialog.lightbox");
        await Assertions.Expect(box).ToBeVisibleAsync();
        await Assertions.Expect(box.Locator(".lb-count")).ToHaveTextAsync("Foto 1 van 6");
        await Assertions.Expect(box.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(box.Locator(".lb-count")).ToHaveTextAsync("Foto 2 van 6");
        await Assertions.Expect(box.Locator(".lb-download")).ToHaveAttributeAsync("href", new Regex("/nieuws/[0-9a-f-]{36}/foto/[0-9a-f-]{36}$"));
        await s.StepAsync("lightbox photo 2 of 6");
        // A swipe to the left shows the next photo.
        var area = (await box.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(area.Width * 0.8f, area.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(area.Width * 0.2f, area.Height / 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(box.Locator(".lb-count")).ToHaveTextAsync("Foto 3 van 6");
        await page.GoBackAsync();
        await Assertions.Expect(box).ToBeHiddenAsync();
        Assert.Equal(site.Url("regenboog", "/"), page.Url);
        await Assertions.Expect(trip).ToBeVisibleAsync();
        // The close button closes it too.
        await trip.Locator("ul.photos a").Nth(3).ClickAsync();
        await Assertions.Expect(box.Locator(".lb-count")).ToHaveTextAsync("Foto 4 van 6");
        await box.Locator(".lb-close").ClickAsync();
        await Assertions.Expect(box).ToBeHiddenAsync();
        Assert.Equal(site.Url("regenboog", "/"), page.Url);
        await s.StepAsync("back closed the lightbox");

        // Like and unlike: the count changes, the page is not reloaded (a mark set on the window survives).
        await page.EvaluateAsync("() => { window.noReload = true; }");
        var like = trip.Locator(".like button");
        var count = trip.Locator(".like .muted");
        var before = Number(await count.TextContentAsync());
        await like.ClickAsync();
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(count).ToHaveTextAsync(new Regex($"^\\s*{before + 1} "));
        await s.StepAsync("liked without a reload");
        await like.ClickAsync();
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(count).ToHaveTextAsync(new Regex($"^\\s*{before} "));
        Assert.True(await page.EvaluateAsync<bool>("() => window.noReload === true"));

        // "Meer": the rest of the manual, Administratie first; the Meer tab marked.
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/meer']"));
        await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/meer");
        var administration = page.Locator("section.more-group", new PageLocatorOptions { Has = page.Locator("h2", new PageLocatorOptions { HasText = "Administratie" }) });
        Assert.Equal(["/afwezigheid", "/verlof", "/verlof/aanvragen", "/toestemming"], await administration.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        await Assertions.Expect(page.Locator("main a[href='/klaslijst']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main a[href='/gesprekken']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main a[href='/Account/Settings']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main form[action='/Account/SignOut'] button")).ToBeVisibleAsync();
        await s.StepAsync("meer");

        // Two taps from Start: Meer, then Ziekmelden; the Meer tab stays marked there.
        await Journey.ClickAndLoadAsync(page, administration.Locator("a[href='/afwezigheid']"));
        await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/meer");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/agenda']"));
        await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/agenda");
        await s.StepAsync("agenda tab");
        s.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AParentOnAWideScreenGetsASideNavigationAndNoTabs()
    {
        await using var s = await Screen.StartAsync(site, "parent-desktop", Desktop);
        var page = s.Page;
        await s.SignInAsync(Parent);
        var side = page.Locator("nav.sidenav");
        await Assertions.Expect(side).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.tabbar")).ToBeHiddenAsync();
        await Assertions.Expect(side.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/");
        // Wider than the old 760 px column, with a side column of the day beside the timeline.
        Assert.True((await page.Locator("main").BoundingBoxAsync())!.Width > 800);
        var day = page.Locator("section.side-col");
        await Assertions.Expect(day).ToBeVisibleAsync();
        Assert.Equal(["Vandaag", "Je volgende gesprek", "Open vragen"], (await day.Locator("h2").AllTextContentsAsync()).Select(t => t.Trim()));
        var timeline = (await page.Locator("main article.post").First.BoundingBoxAsync())!;
        var column = (await day.BoundingBoxAsync())!;
        Assert.True(column.X >= timeline.X + timeline.Width, "the side column stands right of the timeline");
        Assert.True(column.Y < timeline.Y + timeline.Height, "the side column starts beside the first card");
        await s.StepAsync("timeline with side navigation");
        await Journey.ClickAndLoadAsync(page, side.Locator("a[href='/agenda']"));
        await Assertions.Expect(side.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/agenda");
        await s.StepAsync("agenda");
        s.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ATeacherGetsTheStaffTabsOnAPhoneAndTheSideNavigationOnAWideScreen()
    {
        await using (var s = await Screen.StartAsync(site, "teacher-phone", Phone))
        {
            await s.SignInAsync(Teacher);
            var tabs = s.Page.Locator("nav.tabbar");
            Assert.Equal(["/", "/nieuws/nieuw", "/afwezigheid/vandaag", "/vragen", "/meer"],
                await tabs.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
            await s.StepAsync("teacher tabs");
            await Journey.ClickAndLoadAsync(s.Page, tabs.Locator("a[href='/afwezigheid/vandaag']"));
            await Assertions.Expect(tabs.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", "/afwezigheid/vandaag");
            await s.StepAsync("absent today");
            await Journey.ClickAndLoadAsync(s.Page, tabs.Locator("a[href='/meer']"));
            await Assertions.Expect(s.Page.Locator("main a[href='/nieuws/spoed']")).ToBeVisibleAsync();
            await Assertions.Expect(s.Page.Locator("main a[href='/meldingen']")).ToBeVisibleAsync();
            await s.StepAsync("teacher meer");
            s.AssertNoScriptErrors();
        }
        await using (var s = await Screen.StartAsync(site, "teacher-desktop", Desktop))
        {
            await s.SignInAsync(Teacher);
            await Assertions.Expect(s.Page.Locator("nav.sidenav a[href='/afwezigheid/vandaag']")).ToBeVisibleAsync();
            await Assertions.Expect(s.Page.Locator("nav.tabbar")).ToBeHiddenAsync();
            await s.StepAsync("teacher side navigation");
            s.AssertNoScriptErrors();
        }
    }

    [Fact]
    public async Task InDarkModeThePageIsDarkAndTheTabsStayReadable()
    {
        await using var s = await Screen.StartAsync(site, "parent-phone-dark", Phone, ColorScheme.Dark);
        var page = s.Page;
        await s.SignInAsync(Parent);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(18, 20, 23)", background);
        await s.StepAsync("timeline dark");
        await Journey.ClickAndLoadAsync(page, page.Locator("nav.tabbar a[href='/meer']"));
        await s.StepAsync("meer dark");
        s.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AParentIsToldAboutNewPostsWhileTheTimelineIsOpenSeesThemMarkedAndFindsThemBySearch()
    {
        await using var s = await Screen.StartAsync(site, "parent-phone-new-posts", Phone);
        var page = s.Page;
        await s.SignInAsync(Parent);
        await using var teacher = await Screen.StartAsync(site, "teacher-posts-for-new", Desktop);
        await teacher.SignInAsync(Teacher);
        var title = $"Lampionnenoptocht {Guid.NewGuid():N}"[..26];
        await PublishAsync(teacher.Page, title, "De lampionnenoptocht begint om zes uur bij het schoolplein.");

        // The open timeline asks again when it becomes visible (and every minute): "1 nieuw bericht".
        await page.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
        var news = page.Locator(".new-posts button");
        await Assertions.Expect(news).ToHaveTextAsync(new Regex("^\\d+ nieuwe? berichte?n?$"));
        await s.StepAsync("new posts button");
        await Journey.ClickAndLoadAsync(page, news);
        var card = page.Locator("article.post", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(card).ToHaveClassAsync(new Regex("\\bis-new\\b"));
        await Assertions.Expect(card.Locator(".badge.new")).ToHaveTextAsync("Nieuw");
        await Assertions.Expect(card.Locator("h2 .visually-hidden")).ToHaveTextAsync("(nieuw bericht)");
        await card.ScrollIntoViewIfNeededAsync();
        await s.StepAsync("new post marked");

        // Seen now; another post while the parent is elsewhere puts a dot on Start.
        var tabs = page.Locator("nav.tabbar");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/agenda']"));
        await Assertions.Expect(tabs.Locator("a[href='/'] .tab-dot")).ToHaveCountAsync(0);
        var second = $"Kerstviering {Guid.NewGuid():N}"[..21];
        await PublishAsync(teacher.Page, second, "De kerstviering is in de kerk.");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/meer']"));
        await Assertions.Expect(tabs.Locator("a[href='/'] .tab-dot")).ToBeVisibleAsync();
        await s.StepAsync("dot on start");

        // Search from the timeline's header: the match is marked in the result card.
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/']"));
        await page.Locator("#timeline-search").FillAsync("lampionnenoptocht");
        await Journey.ClickAndLoadAsync(page, page.Locator("form.search-inline button"));
        var hit = page.Locator("article.search-hit", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(hit.Locator("h3 mark")).ToHaveTextAsync("Lampionnenoptocht");
        await Assertions.Expect(hit.Locator("p mark").First).ToHaveTextAsync("lampionnenoptocht");
        await s.StepAsync("search results");
        s.AssertNoScriptErrors();

        // On a wide screen search is in the side navigation.
        await using var wide = await Screen.StartAsync(site, "parent-desktop-search", Desktop);
        await wide.SignInAsync(Parent);
        await Journey.ClickAndLoadAsync(wide.Page, wide.Page.Locator("nav.sidenav a[href='/zoeken']"));
        await wide.Page.Locator("#search-q").FillAsync("kerstviering");
        await Journey.ClickAndLoadAsync(wide.Page, wide.Page.Locator("form.search-form button"));
        await Assertions.Expect(wide.Page.Locator("article.search-hit", new PageLocatorOptions { HasText = second })).ToBeVisibleAsync();
        await Assertions.Expect(wide.Page.Locator("nav.sidenav a[aria-current=page]")).ToHaveAttributeAsync("href", "/zoeken");
        await wide.StepAsync("search in the side navigation");
        wide.AssertNoScriptErrors();
    }

    [Fact]
    public async Task OfflineAParentReadsTheLastTimelineAndAgendaSeesThatSheIsOfflineCannotSendFormsAndSigningOutForgetsThem()
    {
        await using var s = await Screen.StartAsync(site, "parent-phone-offline", Phone);
        var page = s.Page;
        await s.SignInAsync(Parent);
        // The service worker takes over this page once it is active; from then on it keeps the pages it sees.
        await Testing.Eventually.UntilAsync(async () => await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"),
            "the service worker controls the page", seconds: 20);
        var tabs = page.Locator("nav.tabbar");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/agenda']"));
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/']"));
        var firstTitle = (await page.Locator("article.post h2").First.TextContentAsync())!.Trim();
        const string keptPaths = """
            async () => {
              const names = (await caches.keys()).filter(n => n.startsWith('schoolplein-pages-'));
              const paths = [];
              for (const name of names) { for (const r of await (await caches.open(name)).keys()) { paths.push(new URL(r.url).pathname); } }
              return names.length + ':' + paths.sort().join(',');
            }
            """;
        await Testing.Eventually.UntilAsync(async () => await page.EvaluateAsync<string>(keptPaths) == "1:/,/agenda",
            "the timeline and the agenda are kept for this parent", seconds: 20);

        // The network is gone: a reload shows the kept timeline and says so; nothing is sent.
        await s.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        var notice = page.Locator("main p.notice.offline");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveTextAsync("Je bent offline. Je ziet wat je het laatst hebt geopend.");
        await Assertions.Expect(page.Locator("article.post h2").First).ToHaveTextAsync(firstTitle);
        // The service worker's kept copy (it marks the copies it serves), not a page from the network.
        await Assertions.Expect(page.Locator("body[data-offline-copy]")).ToHaveCountAsync(1);
        await s.StepAsync("offline timeline");
        var like = page.Locator("article.post .like button").First;
        var pressed = await like.GetAttributeAsync("aria-pressed");
        await like.ClickAsync();
        await Assertions.Expect(notice).ToHaveTextAsync("Je bent offline: versturen kan weer zodra je verbinding hebt.");
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", pressed!);
        await s.StepAsync("offline like refused");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/agenda']"));
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await s.StepAsync("offline agenda");

        // Back online (the copy reloads itself when the browser says so, which may race with this navigation),
        // the live pages load again. Signed out, the kept pages are gone; offline now shows only the offline page.
        await s.Context.SetOfflineAsync(false);
        await Testing.Eventually.UntilAsync(async () =>
        {
            try
            {
                await page.GotoAsync(site.Url("regenboog", "/meer"));
            }
            catch (PlaywrightException)
            {
                return false;
            }
            return await page.Locator("body[data-offline-copy]").CountAsync() == 0 && await page.Locator("main form[action='/Account/SignOut']").CountAsync() == 1;
        }, "back online, the live pages load again", seconds: 20);
        await Assertions.Expect(notice).ToBeHiddenAsync();
        await Journey.ClickAndLoadAsync(page, page.Locator("main form[action='/Account/SignOut'] button"));
        await Testing.Eventually.UntilAsync(async () => await page.EvaluateAsync<string>(keptPaths) == "0:",
            "signing out deleted the kept pages", seconds: 20);
        Assert.Empty(await page.EvaluateAsync<string[]>("async () => (await caches.keys()).filter(n => n === 'schoolplein-who')"));
        await s.Context.SetOfflineAsync(true);
        await page.GotoAsync(site.Url("regenboog", "/"));
        await Assertions.Expect(page.Locator("article.post")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Geen verbinding");
        await s.StepAsync("offline after sign out");
        await s.Context.SetOfflineAsync(false);
    }

    /// <summary>The teacher posts news for groep 3/4 (Noor's group, the demo parent's child) through the form.</summary>
    private async Task PublishAsync(IPage teacher, string title, string body)
    {
        await teacher.GotoAsync(site.Url("regenboog", "/nieuws/nieuw"));
        await teacher.Locator("#title").FillAsync(title);
        await teacher.Locator("#body-editor").FillAsync(body);
        await teacher.Locator("fieldset label.check", new PageLocatorOptions { HasText = "Groep 3/4" }).Locator("input").CheckAsync();
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("form.card button[type=submit]"));
        Assert.Matches("/nieuws/[0-9a-f-]{36}$", teacher.Url);
    }

    private static int Number(string? text) => int.Parse(LeadingNumber().Match(text ?? "").Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d+")]
    private static partial Regex LeadingNumber();

    /// <summary>One signed-in browser profile at one screen size; screenshots under artifacts/browser/shell/{name}/.</summary>
    private sealed class Screen : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly DemoSite _site;
        private readonly string _folder;
        private readonly List<string> _errors = [];
        private int _step;

        private Screen(DemoSite site, IBrowserContext context, IPage page, string name)
        {
            _site = site;
            _context = context;
            Page = page;
            _folder = Artifacts.Folder("shell", name);
            foreach (var old in Directory.GetFiles(_folder, "*.png"))
            {
                File.Delete(old);
            }
            page.PageError += (_, error) => _errors.Add(error);
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    _errors.Add($"{response.Status} for {response.Request.ResourceType} {response.Url}");
                }
            };
            page.Console += (_, message) =>
            {
                // Failed loads are reported with their address by the Response handler below.
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                {
                    _errors.Add(message.Text);
                }
            };
        }

        public IPage Page { get; }

        public IBrowserContext Context => _context;

        public static async Task<Screen> StartAsync(DemoSite site, string name, ViewportSize size, ColorScheme scheme = ColorScheme.Light, float? deviceScale = null)
        {
            var phone = size.Width < 800;
            var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = size,
                DeviceScaleFactor = deviceScale,
                IsMobile = phone,
                HasTouch = phone,
                ColorScheme = scheme,
                Locale = "nl-NL",
                TimezoneId = "Europe/Amsterdam",
            });
            context.SetDefaultTimeout(20_000);
            return new Screen(site, context, await context.NewPageAsync(), name);
        }

        public async Task SignInAsync(string email)
        {
            await Page.GotoAsync(_site.Url("regenboog", "/Account/SignIn"));
            await Page.Locator("#email").FillAsync(email);
            await Page.Locator("#password").FillAsync(DemoData.Password);
            await Journey.ClickAndLoadAsync(Page, Page.Locator("form.card button[type=submit]"));
            Assert.Equal(_site.Url("regenboog", "/"), Page.Url);
        }

        public async Task StepAsync(string title)
        {
            _step++;
            var file = Path.Combine(_folder, $"{_step.ToString("D2", CultureInfo.InvariantCulture)}-{title.Replace(' ', '-')}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        }

        public void AssertNoScriptErrors() => Assert.True(_errors.Count == 0, string.Join(" | ", _errors));

        public async ValueTask DisposeAsync() => await _context.CloseAsync();
    }
}
