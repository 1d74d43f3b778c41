using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// Issue 17, "text scales to 200% without loss": a parent of De Regenboog on a 390×844 phone whose
/// text is set to 200 % (the root font size, as a phone's larger-text setting does for pages sized
/// in rem). The timeline, the Meer page and the sick-report form must not scroll sideways, nothing
/// may stick out of the screen, all visible text must have grown, the end of the page must stay above
/// the bottom tabs, and no tab label may be cut off or broken inside a word.
/// Screenshots (top and bottom of each page) and the measurements: artifacts/browser/zoom/.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class TextZoomTests(DemoSite site, ITestOutputHelper output)
{
    private const string Parent = "ouder@regenboog.test";
    /// <summary>The viewport width of <see cref="DemoSite.NewPhoneAsync"/>.</summary>
    private const int Width = 390;

    private static readonly string[] Pages = ["/", "/meer", "/afwezigheid"];

    /// <summary>What the page measured in the browser; one list per kind of loss.</summary>
    private sealed record Measurement(
        string Path, double RootFontPx, int ScrollWidth, int InnerWidth, string[] Outside, string[] ClippedLabels, string[] TabLabels, string[] SmallText, string[] Hidden);

    private const string Measure = """
        () => {
            const vw = window.innerWidth;
            const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
            // Inside a region made to scroll sideways (a labelled, focusable region) sticking out is by design.
            const inScrollRegion = el => !!el.closest('[role=region][tabindex="0"]');
            const outside = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || inScrollRegion(el)) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.position === 'fixed' && r.bottom < 0) continue;
                // Wholly left of the screen is the skip link's way of hiding until focused: it never scrolls the page.
                if (r.right <= 0) continue;
                if (r.right > vw + 1 || r.left < -1) outside.push(describe(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
            }
            const clipped = [];
            const labels = [];
            for (const label of document.querySelectorAll('nav.tabbar .tab-label')) {
                const tab = label.closest('a').getBoundingClientRect();
                const r = label.getBoundingClientRect();
                const text = label.textContent.trim();
                labels.push(text);
                // Cut off: more text than box, or the box outside its tab or the screen.
                if (label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1
                    || r.left < tab.left - 1 || r.right > tab.right + 1 || r.bottom > tab.bottom + 1 || r.right > vw + 1 || r.bottom > window.innerHeight + 1) {
                    clipped.push(text + ': cut off');
                    continue;
                }
                // Broken inside a word: more lines than words.
                const range = document.createRange();
                range.selectNodeContents(label);
                const lines = new Set([...range.getClientRects()].map(x => Math.round(x.top))).size;
                const words = text.split(/\s+/).length;
                if (lines > words) clipped.push(text + ': ' + lines + ' lines for ' + words + ' word(s)');
            }
            // Text that did not grow: the smallest text of the app is about .7rem, so at 200 % nothing visible is under 20 px.
            const small = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const el = node.parentElement;
                if (!node.textContent.trim() || !el || el.closest('script, style, noscript, [hidden], .visually-hidden')) continue;
                const r = el.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1 || r.right <= 0) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < 20) small.push(describe(el) + ' ' + size + 'px');
            }
            // Scrolled to the end: the last content of the page stays above the bottom tabs, not behind them.
            const hidden = [];
            const bar = document.querySelector('nav.tabbar');
            const main = document.querySelector('main');
            if (bar && main) {
                window.scrollTo(0, document.documentElement.scrollHeight);
                const top = bar.getBoundingClientRect().top;
                const last = [...main.querySelectorAll('*')].filter(e => e.getBoundingClientRect().height > 0).map(e => e.getBoundingClientRect().bottom);
                const bottom = Math.max(...last, main.getBoundingClientRect().top);
                if (bottom > top + 1) hidden.push('main ends at ' + Math.round(bottom) + ' px, tabs start at ' + Math.round(top) + ' px');
                window.scrollTo(0, 0);
            }
            return {
                smallText: small.slice(0, 15),
                hidden: hidden,
                rootFontPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
                scrollWidth: document.documentElement.scrollWidth,
                innerWidth: vw,
                outside: outside.slice(0, 20),
                clippedLabels: clipped,
                tabLabels: labels,
            };
        }
        """;

    private const string ZoomScript = """
        (() => {
            const apply = () => document.documentElement && document.documentElement.style.setProperty('font-size', '200%', 'important');
            apply();
            document.addEventListener('DOMContentLoaded', apply);
        })();
        """;

    [Fact]
    public async Task AtTwiceTheTextSizeTheTimelineMeerAndSickReportFitA390PixelPhoneWithWholeTabLabels()
    {
        var folder = Artifacts.Folder("zoom");
        foreach (var old in Directory.GetFiles(folder))
        {
            File.Delete(old);
        }
        await using var context = await site.NewPhoneAsync();
        context.SetDefaultTimeout(20_000);
        // The root font size at 200 % of the browser's default (16 px → 32 px), set again once the parser made <html>.
        await context.AddInitScriptAsync(ZoomScript);
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Url("regenboog", "/Account/SignIn"));
        await page.Locator("#email").FillAsync(Parent);
        await page.Locator("#password").FillAsync(DemoData.Password);
        await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        Assert.Equal(site.Url("regenboog", "/"), page.Url);

        var measurements = new List<Measurement>();
        var step = 0;
        foreach (var path in Pages)
        {
            await page.GotoAsync(site.Url("regenboog", path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var m = await page.EvaluateAsync<JsonElement>(Measure);
            var measurement = new Measurement(path, m.GetProperty("rootFontPx").GetDouble(), m.GetProperty("scrollWidth").GetInt32(), m.GetProperty("innerWidth").GetInt32(),
                Strings(m, "outside"), Strings(m, "clippedLabels"), Strings(m, "tabLabels"), Strings(m, "smallText"), Strings(m, "hidden"));
            measurements.Add(measurement);
            var name = path == "/" ? "timeline" : path.Trim('/');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{++step:D2}-{name}-top.png") });
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{++step:D2}-{name}-bottom.png") });
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(measurements, new JsonSerializerOptions { WriteIndented = true }));

        var problems = new StringBuilder();
        foreach (var m in measurements)
        {
            output.WriteLine($"{m.Path}: root {m.RootFontPx} px, {m.ScrollWidth}/{m.InnerWidth} px wide, tabs [{string.Join(", ", m.TabLabels)}]");
            // The text really is at 200 %: the test measures what it claims to.
            if (Math.Abs(m.RootFontPx - 32) > 0.5)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: root font {m.RootFontPx} px, not 32 px");
            }
            if (m.TabLabels.Length != 5)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: {m.TabLabels.Length} tab labels, expected the five tabs");
            }
            if (m.ScrollWidth > Math.Min(Width, m.InnerWidth))
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: scrolls sideways ({m.ScrollWidth} px for {m.InnerWidth})");
            }
            foreach (var o in m.Outside)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: sticks out: {o}");
            }
            foreach (var t in m.SmallText)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: text did not grow: {t}");
            }
            foreach (var h in m.Hidden)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: hidden behind the tabs: {h}");
            }
            foreach (var c in m.ClippedLabels)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {m.Path}: tab label {c}");
            }
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    private static string[] Strings(JsonElement m, string name) => [.. m.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
