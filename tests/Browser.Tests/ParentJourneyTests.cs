using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>A new parent of the demo school joins with a koppelcode and uses the app on a phone.</summary>
[Collection(DemoCollection.Name)]
public sealed partial class ParentJourneyTests(DemoSite site)
{
    // Two generated demo pupils of De Regenboog (their koppelcodes are derived from the key).
    private static readonly string FirstPupil = DemoPeople.JourneyFirstChild.Key;
    private static readonly string SecondPupil = DemoPeople.JourneySecondChild.Key;

    [Fact]
    public async Task NewParentJoinsWithAKoppelcodeAndReportsSickRequestsLeaveSetsConsentAndLinksASecondChild()
    {
        var email = $"nieuwe.ouder.{Guid.NewGuid():N}"[..24] + "@ouders.test";
        const string password = "Browser-journey-2026";
        await using var journey = await Journey.StartAsync(site, "parent");
        var page = journey.Page;

        // Koppelcode → create the account.
        await journey.GoAsync(site.Url("regenboog", "/Account/Join"));
        await journey.StepAsync("join page");
        await page.Locator("#code").FillAsync(LinkCodeFormat.Display(LinkCodeDemoSeed.CodeFor("regenboog", FirstPupil)));
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        await Assertions.Expect(page.Locator("a.button[href^='/Account/Register']")).ToBeVisibleAsync();
        await journey.StepAsync("koppelcode accepted");
        await Journey.ClickAndLoadAsync(page, page.Locator("a.button[href^='/Account/Register']"));
        await page.Locator("#first").FillAsync("Robin");
        await page.Locator("#last").FillAsync("Browser");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#phone").FillAsync("06 12345678");
        await journey.StepAsync("account form");
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        Assert.Contains("/Account/Registered", page.Url, StringComparison.OrdinalIgnoreCase);
        await journey.StepAsync("account created");

        // The activation mail, as smtp4dev received it.
        var mail = await site.Mail.WaitForMessageAsync(email, timeoutSeconds: 60);
        var html = mail.HtmlBody ?? mail.TextBody ?? "";
        var link = ActivationLink().Match(html);
        Assert.True(link.Success, "The activation mail has no activation link.");
        await page.SetContentAsync(html);
        await journey.StepAsync("activation mail");
        await journey.GoAsync(System.Net.WebUtility.HtmlDecode(link.Value));
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        await journey.StepAsync("account activated");

        // Sign in.
        await journey.SignInAsync(site.Url("regenboog", "/Account/SignIn"), email, password);
        await journey.StepAsync("signed in");

        // The timeline: the school's news and the news of the child's group (groep 3/4, with photos).
        await journey.GoAsync(site.Url("regenboog", "/"));
        var schoolNews = page.Locator("article.post", new PageLocatorOptions { HasText = "Welkom op Kindcentrum De Regenboog" });
        await Assertions.Expect(schoolNews).ToBeVisibleAsync();
        await Assertions.Expect(schoolNews.Locator(".post-meta")).ToContainTextAsync("Hele school");
        var groupNews = page.Locator("article.post", new PageLocatorOptions { HasText = "Ons uitje naar de kinderboerderij" });
        await Assertions.Expect(groupNews.Locator(".post-meta")).ToContainTextAsync("Groep 3/4");
        await Assertions.Expect(groupNews.Locator("ul.photos img").First).ToBeVisibleAsync();
        await journey.StepAsync("timeline with school and group news");

        // Open the urgent message (the heating failure) from the timeline.
        await Journey.ClickAndLoadAsync(page, page.Locator("article.post.urgent h2 a", new PageLocatorOptions { HasText = "Verwarming kapot" }));
        Assert.Matches("/nieuws/[0-9a-f-]{36}$", page.Url);
        await Assertions.Expect(page.Locator("article.post.urgent h1")).ToContainTextAsync("Verwarming kapot");
        await Assertions.Expect(page.Locator("article.post.urgent .badge.urgent")).ToBeVisibleAsync();
        await journey.StepAsync("urgent message opened");

        // Report the child sick.
        await journey.GoAsync(site.Url("regenboog", "/afwezigheid"));
        await page.Locator("#reason").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#note").FillAsync("Koorts sinds vannacht.");
        await journey.StepAsync("sick report form");
        await journey.SubmitAsync(page.Locator("form:has(#reason) button[type=submit]"));
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        await journey.StepAsync("reported sick");

        // Request leave (important circumstances, one school day well ahead).
        await journey.GoAsync(site.Url("regenboog", "/verlof/aanvragen"));
        var day = SchoolDayWeeksAhead(site, 6);
        await page.Locator("#type").SelectOptionAsync("ImportantCircumstances");
        await page.Locator("#start").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#end").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#reason").FillAsync("Huwelijk van een tante in Groningen.");
        await journey.StepAsync("leave form");
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]:not(.secondary)"));
        Assert.Matches("/verlof/[0-9a-f-]{36}", page.Url);
        await journey.StepAsync("leave requested");

        // Image consent, per category: alternate allow and deny.
        await journey.GoAsync(site.Url("regenboog", "/toestemming"));
        await journey.StepAsync("consent overview");
        var categories = await page.Locator("section.card form").CountAsync();
        Assert.True(categories > 0, "No consent categories shown.");
        for (var i = 0; i < categories; i++)
        {
            var form = page.Locator("section.card form").Nth(i);
            var details = page.Locator("section.card details").Nth(i);
            if (await details.GetAttributeAsync("open") is null)
            {
                await details.Locator("summary").ClickAsync();
            }
            await form.Locator($"input[value={(i % 2 == 0 ? "allow" : "deny")}]").CheckAsync();
            await Journey.ClickAndLoadAsync(page, form.Locator("button[type=submit]"));
            await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        }
        await journey.StepAsync("consent set per category");

        // Phone number visible to the other parents of the class.
        await journey.GoAsync(site.Url("regenboog", "/Account/Settings/Profile"));
        var visible = page.Locator("input[name=PhoneVisible]");
        var wasVisible = await visible.IsCheckedAsync();
        await visible.SetCheckedAsync(!wasVisible);
        await journey.StepAsync("phone visibility switched");
        await Journey.ClickAndLoadAsync(page, page.Locator("form:has(#about) button[type=submit]"));
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        await journey.GoAsync(site.Url("regenboog", "/Account/Settings/Profile"));
        Assert.Equal(!wasVisible, await page.Locator("input[name=PhoneVisible]").IsCheckedAsync());
        await journey.StepAsync("phone visibility saved");
        var stored = await site.Database.ScalarAsync<bool>("SELECT phone_visible_to_parents FROM users WHERE email = $1", email);
        Assert.Equal(!wasVisible, stored);

        // Link a second child with its koppelcode while signed in.
        await journey.GoAsync(site.Url("regenboog", "/Account/Join"));
        await page.Locator("#code").FillAsync(LinkCodeFormat.Display(LinkCodeDemoSeed.CodeFor("regenboog", SecondPupil)));
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        await journey.StepAsync("second koppelcode accepted");
        await Journey.ClickAndLoadAsync(page, page.Locator("form[action*='handler=Link'] button"));
        await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        await journey.StepAsync("second child linked");
        await journey.GoAsync(site.Url("regenboog", "/"));
        // The header's child switcher now lists both children (and "Alle kinderen").
        await Assertions.Expect(page.Locator("header details.kids li a:not([href^='/kind/alle'])")).ToHaveCountAsync(2);
        await journey.StepAsync("home with two children");

        var children = await site.Database.ScalarAsync<long>(
            "SELECT count(*) FROM guardianships g JOIN users u ON u.id = g.user_id WHERE u.email = $1", email);
        Assert.Equal(2, children);
    }

    /// <summary>A Wednesday at least <paramref name="weeks"/> weeks after the demo's today (outside the demo's holidays for the weeks used).</summary>
    internal static DateOnly SchoolDayWeeksAhead(DemoSite site, int weeks)
    {
        var day = site.Today.AddDays(7 * weeks);
        while (day.DayOfWeek is not DayOfWeek.Wednesday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    [GeneratedRegex("http[^\"'\\s<>]*/Account/Activate[^\"'\\s<>]*")]
    private static partial Regex ActivationLink();
}
