using Microsoft.Playwright;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>The product's own pages on the bare base domain, in a real browser (its CSP is what counts here).</summary>
[Collection(DemoCollection.Name)]
public sealed class BareDomainTests(DemoSite site)
{
    [Fact]
    public async Task AKoppelcodeTypedOnTheBareDomainContinuesOnTheSchoolsJoinPage()
    {
        await using var journey = await Journey.StartAsync(site, "bare-domain-koppelcode");
        var page = journey.Page;
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await journey.GoAsync(site.PlatformUrl());
        await Journey.ClickAndLoadAsync(page, page.Locator("a.button[href='/koppelcode']"));
        // A code as a parent types it from the letter: lower case, with the dash.
        var code = LinkCodeFormat.Display(LinkCodeDemoSeed.CodeFor("regenboog", DemoPeople.JourneyFirstChild.Key));
        await page.Locator("#code").FillAsync(code.ToLowerInvariant());
        await journey.StepAsync("koppelcode on the bare domain");
        await page.Locator("form.card button[type=submit]").ClickAsync();

        // The browser arrives on the school's own join page with the code filled in.
        await page.WaitForURLAsync(site.Url("regenboog", "/Account/Join") + "**", new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#code")).ToHaveValueAsync(code);
        await journey.StepAsync("school join page with the code");
        Assert.Empty(violations);
    }
}
