using Microsoft.Playwright;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// Issue 17, continued: the child switcher kept across pages, the install prompt after the first visit, and push
/// permission asked only after a sick report. Screenshots: artifacts/browser/shell/{child-switch,install-and-push}/.
/// </summary>
public sealed partial class ShellTests
{
    [Fact]
    public async Task AParentWithTwoChildrenSwitchesChildOnAPhoneAndTheChoiceIsKeptOnAgendaAndSickReport()
    {
        await using var s = await Screen.StartAsync(site, "child-switch", Phone);
        var page = s.Page;
        await s.SignInAsync(Parent);
        var header = page.Locator("header.site-header");
        var kids = header.Locator("details.kids");
        // Noor (Groep 3/4) and Daan (Groep 6/7); nothing chosen yet.
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Alle kinderen");
        await AssertOneLineHeaderAsync(page);
        await s.StepAsync("switcher all children");

        await kids.Locator("summary").ClickAsync();
        var menu = kids.Locator("ul");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        Assert.Equal(["2Alle kinderen", "DJDaan · Groep 6/7", "NJNoor · Groep 3/4"], (await menu.Locator("a").AllTextContentsAsync()).Select(t => t.Trim()));
        var box = (await menu.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"the menu sticks out: {box.X}..{box.X + box.Width}");
        await s.StepAsync("switcher menu open");

        await Journey.ClickAndLoadAsync(page, menu.Locator("a", new LocatorLocatorOptions { HasText = "Noor" }));
        Assert.Equal(site.Url("regenboog", "/"), page.Url);
        await Assertions.Expect(kids.Locator("summary .initial")).ToHaveTextAsync("NJ");
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Groep 3/4");
        // Only school news and Noor's group: no card of Daan's group.
        await Assertions.Expect(page.Locator("article.post").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.post .post-meta", new PageLocatorOptions { HasText = "Groep 6/7", HasNotText = "Groep 3/4" })).ToHaveCountAsync(0);
        await AssertOneLineHeaderAsync(page);
        await s.StepAsync("noor chosen timeline");

        // Kept on the agenda (its own filter shows Noor) and on the sick report (Noor preselected).
        var tabs = page.Locator("nav.tabbar");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/agenda']"));
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Groep 3/4");
        await Assertions.Expect(page.Locator("select#child option:checked")).ToHaveTextAsync("Noor");
        await s.StepAsync("agenda keeps noor");
        await Journey.ClickAndLoadAsync(page, tabs.Locator("a[href='/meer']"));
        await Journey.ClickAndLoadAsync(page, page.Locator("main a[href='/afwezigheid']"));
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Groep 3/4");
        await Assertions.Expect(page.Locator("select#child option:checked")).ToContainTextAsync("Noor");
        await s.StepAsync("ziekmelden keeps noor");

        // Switching on the sick report page stays there and preselects Daan.
        await kids.Locator("summary").ClickAsync();
        await Journey.ClickAndLoadAsync(page, kids.Locator("a", new LocatorLocatorOptions { HasText = "Daan" }));
        Assert.Equal(site.Url("regenboog", "/afwezigheid"), page.Url);
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Groep 6/7");
        await Assertions.Expect(page.Locator("select#child option:checked")).ToContainTextAsync("Daan");
        await s.StepAsync("ziekmelden daan");

        // Back to all children.
        await kids.Locator("summary").ClickAsync();
        await Journey.ClickAndLoadAsync(page, kids.Locator("a", new LocatorLocatorOptions { HasText = "Alle kinderen" }));
        await Assertions.Expect(kids.Locator("summary .kid-group")).ToHaveTextAsync("Alle kinderen");
        s.AssertNoScriptErrors();
    }

    private static async Task AssertOneLineHeaderAsync(IPage page)
    {
        // One line: the sticky header keeps its 48 px bar (plus the safe area, none here).
        var bar = (await page.Locator("header.site-header .bar").BoundingBoxAsync())!;
        Assert.True(bar.Height <= 56, $"the header is {bar.Height} px high");
        var summary = (await page.Locator("header details.kids summary").BoundingBoxAsync())!;
        Assert.True(summary.X + summary.Width <= Phone.Width, "the switcher sticks out of the screen");
    }

    [Fact]
    public async Task NoPermissionIsAskedOnLoadTheOfferFollowsASickReportAndTheInstallBannerComesOnTheSecondVisit()
    {
        var family = DemoPeople.PushOfferFamily;
        await using var s = await Screen.StartAsync(site, "install-and-push", Phone);
        var page = s.Page;
        await s.SignInAsync(family.Parents[0].Email);
        // Loading pages asks nothing: the permission stays "default" and no offer is shown.
        Assert.Equal("default", await page.EvaluateAsync<string>("() => Notification.permission"));
        Assert.Equal(0, await page.Locator("#push-offer").CountAsync());

        // The second visit of the timeline has the install banner, shown when the browser offers installing.
        // Headless Chromium never offers it by itself, so the test sends the browser's event with a prompt() that records the call.
        await page.ReloadAsync();
        var install = page.Locator("#install");
        await Assertions.Expect(install).ToBeHiddenAsync();
        const string Offer = "() => { const e = new Event('beforeinstallprompt', { cancelable: true }); e.prompt = () => { window.prompted = true; }; window.dispatchEvent(e); }";
        await page.EvaluateAsync(Offer);
        await Assertions.Expect(install).ToBeVisibleAsync();
        await Assertions.Expect(install).ToContainTextAsync("Zet Schoolplein op je beginscherm");
        await s.StepAsync("install banner");
        await install.Locator("button", new LocatorLocatorOptions { HasText = "Installeren" }).ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.prompted === true"));
        await Assertions.Expect(install).ToBeHiddenAsync();
        // "Niet nu" is remembered on this device: the next offer shows nothing.
        await page.ReloadAsync();
        await page.EvaluateAsync(Offer);
        await Assertions.Expect(install).ToBeVisibleAsync();
        await install.Locator("button", new LocatorLocatorOptions { HasText = "Niet nu" }).ClickAsync();
        await Assertions.Expect(install).ToBeHiddenAsync();
        await page.ReloadAsync();
        await page.EvaluateAsync(Offer);
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        Assert.True(await install.IsHiddenAsync());
        Assert.Equal("default", await page.EvaluateAsync<string>("() => Notification.permission"));

        // A sick report (for tomorrow, so the school's cut-off time does not matter): the confirmation offers push.
        await page.GotoAsync(site.Url("regenboog", "/afwezigheid"));
        await page.Locator("#reason").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#from").FillAsync(site.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Journey.ClickAndLoadAsync(page, page.Locator("form:has(#reason) button[type=submit]"));
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        var offer = page.Locator("#push-offer");
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await Assertions.Expect(offer).ToContainTextAsync("Wil je een melding als de school antwoordt?");
        await Assertions.Expect(offer.Locator("button")).ToHaveTextAsync("Ja, stuur me een melding");
        Assert.Equal("default", await page.EvaluateAsync<string>("() => Notification.permission"));
        await s.StepAsync("push offer after sick report");
        // Shown once: the same page again has no offer.
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#push-offer").CountAsync());
        s.AssertNoScriptErrors();
    }
}
