using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// Issue 17: the parent timeline weighs at most 60 KB without photos, counted as the benchmark counts it
/// (the HTML as served, uncompressed, plus every CSS, JS and SVG file it links). This is a size guard on the
/// real rendering of a full first page of bench-like news, not a timing test: a change that makes every card
/// heavier (an inline icon, a token per form) fails here before it reaches the benchmark.
/// </summary>
public sealed class PageWeightTests(PageWeightTests.WeightApp app, ITestOutputHelper output) : IClassFixture<PageWeightTests.WeightApp>
{
    public sealed class WeightApp : TimelineApp;

    private const int Budget = 60 * 1024;

    // The benchmark seed's post body (bench/seed.sql): a greeting, a paragraph, a list and a closing line.
    private static string Body(int i) =>
        $"<p>Beste ouders en verzorgers,</p><p>Deze week (bericht {i}) hebben we gewerkt aan het thema de seizoenen. " +
        "De kinderen hebben in groepjes een onderzoek gedaan en hun resultaten gepresenteerd aan de klas.</p>" +
        "<p>Op <strong>vrijdag</strong> is er een inloopmoment van 8.15 tot 8.45 uur. Je bent van harte welkom om het werk te bekijken.</p>" +
        "<ul><li>Neem gymkleding mee op dinsdag.</li><li>De bibliotheekboeken graag terug voor het einde van de maand.</li></ul>" +
        "<p>Met vriendelijke groet, het team</p>";

    [Fact]
    public async Task AFullFirstPageOfTheParentTimelineStaysWithinSixtyKilobytesWithItsCssJsAndIcons()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        for (var i = 1; i <= 20; i++)
        {
            await PublishOkAsync(teacher, $"Nieuws uit de groep, week {i}", Body(i), [app.G34], comments: i % 4 == 0, pinned: i == 1);
        }
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        using var response = await parent.GetAsync("/");
        var html = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(html);
        var cards = Regex.Matches(text, "<article ").Count;
        Assert.Equal(Schoolplein.Platform.Timeline.TimelineReader.PageSize, cards);

        var total = (long)html.Length;
        var parts = new List<string> { $"HTML {html.Length} B ({cards} cards)" };
        var assets = Regex.Matches(text, "(?:href|src)=\"(/[^\"#?]+\\.(?:css|js|svg))(?:[?#][^\"]*)?\"")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("/css/site.css", assets);
        foreach (var asset in assets)
        {
            using var file = await parent.GetAsync(asset);
            file.EnsureSuccessStatusCode();
            var bytes = (await file.Content.ReadAsByteArrayAsync()).Length;
            total += bytes;
            parts.Add($"{asset} {bytes} B");
        }
        output.WriteLine($"{total} B: {string.Join(", ", parts)}");
        Assert.True(total <= Budget, $"The timeline weighs {total} B, more than {Budget} B: {string.Join(", ", parts)}");
    }

    /// <summary>Issue 17: "JavaScript ≤ 30 KB gzip for the whole app": every script of the web root, as served, gzipped one by one.</summary>
    [Fact]
    public async Task AllOfTheAppsJavaScriptAsServedIsAtMostThirtyKilobytesGzipped()
    {
        var env = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>();
        var scripts = Directory.EnumerateFiles(env.WebRootPath, "*.js", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(env.WebRootPath, f).Replace('\\', '/')).Order().ToList();
        Assert.Contains("/js/app.js", scripts);
        Assert.Contains("/sw.js", scripts);
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var total = 0L;
        var parts = new List<string>();
        foreach (var script in scripts)
        {
            var served = await parent.GetByteArrayAsync(script);
            using var gz = new MemoryStream();
            await using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                await zip.WriteAsync(served);
            }
            total += gz.Length;
            parts.Add($"{script} {served.Length} B ({gz.Length} B gzip)");
        }
        output.WriteLine($"{total} B gzip: {string.Join(", ", parts)}");
        Assert.True(total <= 30 * 1024, $"The app's JavaScript is {total} B gzipped, more than 30 KB: {string.Join(", ", parts)}");
    }
}
