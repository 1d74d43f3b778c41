using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>The calendar subscription page in a real browser: the copy button is script, so it is checked here.</summary>
[Collection(DemoCollection.Name)]
public sealed class CalendarSubscriptionTests(DemoSite site)
{
    [Fact]
    public async Task AParentMakesALinkCopiesItWithTheButtonAndSeesTheSameLinkAfterReloading()
    {
        await using var journey = await Journey.StartAsync(site, "calendar-subscription");
        var page = journey.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = site.Url("regenboog", "") });
        await journey.SignInAsync(site.Url("regenboog", "/Account/SignIn"), DemoPeople.CalendarParent, DemoData.Password);

        await journey.GoAsync(site.Url("regenboog", "/agenda/abonneren"));
        await Journey.ClickAndLoadAsync(page, page.Locator("form[action*='handler=Create'] button"));
        var field = page.Locator("#feed-url");
        var link = await field.InputValueAsync();
        Assert.StartsWith(site.Url("regenboog", "/agenda/feed/"), link);
        await Assertions.Expect(page.Locator("img.qr")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='webcal://{link["http://".Length..]}']")).ToBeVisibleAsync();

        // The script shows the copy button; it puts the link on the clipboard and says so.
        var copy = page.Locator("button[data-copy]");
        await Assertions.Expect(copy).ToBeVisibleAsync();
        await copy.ClickAsync();
        await Assertions.Expect(page.Locator("[data-copy-status]")).ToHaveTextAsync("Gekopieerd.");
        Assert.Equal(link, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await journey.StepAsync("link copied");

        // Reloading shows the same link and changes nothing.
        await page.ReloadAsync();
        Assert.Equal(link, await page.Locator("#feed-url").InputValueAsync());
        await journey.StepAsync("same link after reload");
    }
}
