using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The post editor shows the writer's own input again after a validation message. That input is
/// raw HTML (the server sanitises only what it stores), so the editor must copy it as safe nodes.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class EditorTests(DemoSite site)
{
    [Fact]
    public async Task MarkupTypedIntoAPostThatFailsValidationIsShownAgainWithoutRunning()
    {
        await using var journey = await Journey.StartAsync(site, "editor", bypassCsp: true);
        var page = journey.Page;
        await journey.SignInAsync(site.Url("regenboog", "/Account/SignIn"), "directie@regenboog.test", DemoData.Password);
        await journey.GoAsync(site.Url("regenboog", "/nieuws/nieuw"));
        // Put raw markup straight into the form's textarea, as a crafted submit would, and leave the title empty.
        await page.EvaluateAsync("""
            () => {
              const area = document.querySelector('#body-editor');
              area.innerHTML = '<p><b>Vet</b> <img src="data:x" onerror="window.__ran = 1"> <a href="javascript:window.__ran=2">link</a></p><script>window.__ran = 3</script>';
            }
            """);
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        await Assertions.Expect(page.Locator(".errors")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__ran === undefined"));
        var editor = page.Locator("#body-editor");
        await Assertions.Expect(editor.Locator("b")).ToHaveTextAsync("Vet");
        Assert.Equal(0, await editor.Locator("img, script, a[href^='javascript']").CountAsync());
        await journey.StepAsync("markup shown again, nothing ran");
    }
}
