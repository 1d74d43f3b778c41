using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// A signed-in browser without script: plain HTML forms, so the server gets exactly what was typed
/// (the long-text and XSS journeys post what no script would let through).
/// </summary>
internal sealed class ScriptlessForms(DemoSite site, IBrowserContext context, IPage page, string refused) : IAsyncDisposable
{
    public IPage Page => page;

    /// <summary>
    /// Opens a browser at <paramref name="width"/>×<paramref name="height"/> signed in as <paramref name="email"/> at regenboog;
    /// <paramref name="refused"/> names what a form refusing the input refused (for the failure message).
    /// </summary>
    public static async Task<ScriptlessForms> OpenAsync(DemoSite site, string email, int width, int height, string refused)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "nl-NL",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await SignInAsync(site, page, email);
        return new ScriptlessForms(site, context, page, refused);
    }

    /// <summary>Signs in at regenboog with the demo password and checks the sign-in page was left.</summary>
    public static async Task SignInAsync(DemoSite site, IPage page, string email)
    {
        await page.GotoAsync(site.Url("regenboog", "/Account/SignIn"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoData.Password);
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        Assert.DoesNotContain("/Account/SignIn", page.Url, StringComparison.OrdinalIgnoreCase);
    }

    public async Task GoAsync(string path)
    {
        var response = await page.GotoAsync(site.Url("regenboog", path));
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    /// <summary>Submits and checks the form was accepted: no error status, no validation errors shown.</summary>
    public async Task SubmitAsync(string button)
    {
        var form = page.Url;
        IResponse? posted = null;
        void OnResponse(object? sender, IResponse r)
        {
            if (r.Request.Method == "POST" && r.Request.IsNavigationRequest)
            {
                posted = r;
            }
        }
        page.Response += OnResponse;
        try
        {
            await Journey.ClickAndLoadAsync(page, page.Locator(button).First);
        }
        finally
        {
            page.Response -= OnResponse;
        }
        Assert.True(posted is { Status: < 400 }, $"The form on {form} answered {posted?.Status}.");
        var errors = page.Locator(".errors, .field-error");
        if (await errors.CountAsync() > 0)
        {
            Assert.Fail($"The form on {form} refused {refused}: {await errors.First.InnerTextAsync()}");
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
