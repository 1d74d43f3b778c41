using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// One person clicking through the app in their own browser profile on a phone. Every step
/// saves a full-page screenshot (artifacts/browser/journeys/{name}/NN-step.png); script errors
/// on any page fail the journey.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _folder;
    private readonly List<string> _scriptErrors = [];
    private int _step;

    private Journey(IBrowserContext context, IPage page, string name)
    {
        _context = context;
        Page = page;
        _folder = Artifacts.Folder("journeys", name);
        foreach (var old in Directory.GetFiles(_folder, "*.png"))
        {
            File.Delete(old);
        }
        page.PageError += (_, error) => _scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            // Failed loads are reported with their address by the Response handler below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _scriptErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                _scriptErrors.Add($"{response.Status} for {response.Request.ResourceType} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<Journey> StartAsync(DemoSite site, string name, bool bypassCsp = false)
    {
        var context = await site.NewPhoneAsync(bypassCsp);
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new Journey(context, page, name);
    }

    /// <summary>Saves a screenshot of the current page as the next numbered step and checks no script failed.</summary>
    public async Task StepAsync(string title)
    {
        _step++;
        var file = Path.Combine(_folder, $"{_step.ToString("D2", CultureInfo.InvariantCulture)}-{Slug(title)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(_scriptErrors.Count == 0, $"Script errors before step '{title}': {string.Join(" | ", _scriptErrors)}");
    }

    public async Task GoAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{url} answered {response.Status}");
    }

    /// <summary>Clicks a submit button and waits for the page the form leads to.</summary>
    public Task SubmitAsync(ILocator button) => ClickAndLoadAsync(Page, button);

    /// <summary>Clicks (a submit button or link) and waits until the next document has loaded.</summary>
    public static async Task ClickAndLoadAsync(IPage page, ILocator target)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage p) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await target.ClickAsync();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    public async Task SignInAsync(string url, string email, string password)
    {
        await GoAsync(url);
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Journey.ClickAndLoadAsync(Page, Page.Locator("form.card button[type=submit]"));
        Assert.DoesNotContain("/Account/SignIn", Page.Url, StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static string Slug(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return builder.ToString().Trim('-');
    }
}
