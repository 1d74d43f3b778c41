using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The main parent and teacher pages in Chromium: axe-core finds no serious or critical
/// violations, and the HTML the server sends passes the Nu HTML checker without errors.
/// Reports: artifacts/browser/pages/axe.json, vnu.json and each page's HTML.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class PageChecksTests(DemoSite site)
{
    private static readonly string[] AnonymousPages = ["/Account/SignIn", "/Account/Join", "/Account/ForgotPassword"];

    private static readonly string[] ParentPages =
    [
        "/", "/afwezigheid", "/verlof", "/verlof/aanvragen", "/toestemming", "/vragen", "/vragen/nieuw",
        "/agenda", "/agenda/abonneren", "/gesprekken", "/meldingen", "/klaslijst",
        "/Account/Settings", "/Account/Settings/Profile", "/Account/Settings/Preferences", "/Account/Settings/Security",
        "/Account/Settings/Email", "/Account/Settings/Data",
    ];

    private static readonly string[] TeacherPages =
    [
        "/", "/nieuws/nieuw", "/nieuws/nieuw?spoed=true", "/afwezigheid/vandaag", "/vragen", "/toestemming", "/agenda", "/agenda/nieuw",
        "/gesprekken/rondes", "/meldingen", "/klaslijst", "/Account/Settings/Profile", "/nieuws/spoed",
    ];

    [Fact]
    public async Task MainParentAndTeacherPagesHaveNoSeriousAccessibilityViolationsAndNoHtmlErrors()
    {
        var folder = Artifacts.Folder("pages");
        foreach (var old in Directory.GetFiles(folder))
        {
            File.Delete(old);
        }
        var pages = new List<CheckedPage>();
        pages.AddRange(await CheckAsync("anonymous", null, AnonymousPages, folder));
        pages.AddRange(await CheckAsync("parent", "ouder@regenboog.test", [.. ParentPages, .. await ParentDetailPagesAsync()], folder));
        pages.AddRange(await CheckAsync("teacher", "lisanne.mulder@regenboog.test", [.. TeacherPages, .. await TeacherDetailPagesAsync()], folder));
        pages.AddRange(await CheckAsync("admin", "directie@regenboog.test", AdminPages(), folder));

        var axe = pages.SelectMany(p => p.Violations.Select(v => v with { Page = p.Name })).ToList();
        await File.WriteAllTextAsync(Path.Combine(folder, "axe.json"), JsonSerializer.Serialize(axe, Json));
        var html = await ValidateHtmlAsync(pages.Select(p => p.HtmlFile).ToList(), folder);

        var serious = axe.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = new StringBuilder();
        foreach (var v in serious)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"axe {v.Impact} {v.Id} on {v.Page}: {v.Help} [{string.Join(", ", v.Targets)}]");
        }
        foreach (var e in html)
        {
            report.AppendLine(e);
        }
        Assert.True(report.Length == 0, $"{pages.Count} pages checked:\n{report}");
    }

    private static Guid DemoPost(string key) => DeterministicGuid.Create($"regenboog/post/{key}");

    /// <summary>Pages that take an id, as the demo parent (Noor in groep 3/4, Daan in groep 6/7).</summary>
    private async Task<string[]> ParentDetailPagesAsync()
    {
        var noor = await site.Database.ScalarAsync<Guid>(
            "SELECT p.id FROM pupils p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'regenboog' AND p.first_name = 'Noor' AND p.last_name = 'Jansen'");
        var group = await GroupAsync("Groep 3/4");
        var schoolEvent = DeterministicGuid.Create("regenboog/event/ouderavond");
        return
        [
            $"/nieuws/{DemoPost("welkom")}", $"/nieuws/{DemoPost("uitje")}", $"/nieuws/{DemoPost("spoed-verwarming")}",
            $"/toestemming/kind/{noor}", $"/klaslijst/{group}", $"/agenda/{schoolEvent}", $"/groepen/{group}/fotos",
        ];
    }

    /// <summary>Pages that take an id, as the teacher of groep 3/4: the group, its roster and consent overview, news, a question, a conference round.</summary>
    private async Task<string[]> TeacherDetailPagesAsync()
    {
        var group = await GroupAsync("Groep 3/4");
        var question = await site.Database.ScalarAsync<Guid>(
            "SELECT c.id FROM conversations c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'regenboog' AND c.subject = 'Voorleesochtend'");
        var round = await site.Database.ScalarAsync<Guid>(
            "SELECT r.id FROM conference_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'regenboog' ORDER BY r.id LIMIT 1");
        return
        [
            $"/Groups/{group}", $"/groepen/{group}/fotos", $"/klaslijst/{group}", $"/toestemming/groep/{group}", $"/vragen/{question}",
            $"/nieuws/{DemoPost("uitje")}", $"/gesprekken/rondes/{round}",
        ];
    }

    /// <summary>The school admin's view of the urgent messages and the read overview of the seeded one.</summary>
    private static string[] AdminPages()
    {
        return
        [
            "/nieuws/spoed", $"/nieuws/{DemoPost("spoed-verwarming")}/gelezen", "/beheer/leerlingen", "/beheer/verlof", "/beheer/afwezigheid", "/beheer/instellingen", "/beheer/huisstijl",
        ];
    }

    private Task<Guid> GroupAsync(string name) => site.Database.ScalarAsync<Guid>(
        "SELECT g.id FROM groups g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = 'regenboog' AND g.name = $1", name);

    private async Task<List<CheckedPage>> CheckAsync(string role, string? email, IEnumerable<string> paths, string folder)
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            Locale = "nl-NL",
            // axe is injected as an inline script, which the app's CSP (script-src 'self') rightly refuses.
            BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await page.GotoAsync(site.Url("regenboog", "/Account/SignIn"));
            await page.Locator("#email").FillAsync(email);
            await page.Locator("#password").FillAsync(DemoData.Password);
            await Journey.ClickAndLoadAsync(page, page.Locator("form.card button[type=submit]"));
        }
        var axeScript = await File.ReadAllTextAsync(TestTools.AxeScript);
        var results = new List<CheckedPage>();
        foreach (var path in paths)
        {
            var url = site.Url("regenboog", path);
            var name = $"{role} {path}";
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{name} answered {response?.Status}");
            Assert.DoesNotContain("/Account/SignIn", page.Url.Replace(url, "", StringComparison.Ordinal), StringComparison.Ordinal);
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = axeScript });
            // Evaluated to a JSON string: Playwright only maps results onto types with a parameterless constructor.
            var axeJson = await page.EvaluateAsync<string>(
                """
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return JSON.stringify({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, impact: v.impact ?? '', help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), page: '' })) });
                }
                """);
            var axe = JsonSerializer.Deserialize<AxeResult>(axeJson, AxeJson)!;
            // axe really ran (a page where no rule applied would mean the script did not see the page).
            Assert.True(axe.Passes > 5, $"axe checked nothing on {name}");
            var violations = axe.Violations;
            // The HTML exactly as the server sent it (the same session), for the Nu checker.
            var raw = await page.EvaluateAsync<string>("async () => (await fetch(location.href, { credentials: 'same-origin' })).text()");
            var file = Path.Combine(folder, $"{role}{Regex.Replace(path, "[^A-Za-z0-9-]", "_")}.html");
            await File.WriteAllTextAsync(file, raw);
            results.Add(new CheckedPage(name, file, violations));
        }
        return results;
    }

    /// <summary>Runs the Nu HTML checker once over all files; returns one line per error.</summary>
    private static async Task<List<string>> ValidateHtmlAsync(IReadOnlyList<string> files, string folder)
    {
        var info = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-Xss4m", "-jar", TestTools.VnuJar, "--errors-only", "--format", "json", "--exit-zero-always", "--stdout" })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var file in files)
        {
            info.ArgumentList.Add(file);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("java did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = await stdout;
        await File.WriteAllTextAsync(Path.Combine(folder, "vnu.json"), json);
        Assert.True(process.ExitCode == 0 && json.Length > 0, $"vnu failed: {await stderr}");
        using var doc = JsonDocument.Parse(json);
        var errors = new List<string>();
        foreach (var message in doc.RootElement.GetProperty("messages").EnumerateArray())
        {
            var type = message.GetProperty("type").GetString();
            if (type is "error" or "non-document-error")
            {
                var file = message.TryGetProperty("url", out var u) ? u.GetString()![(u.GetString()!.LastIndexOf('/') + 1)..] : "?";
                var line = message.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                errors.Add($"html {file}:{line}: {message.GetProperty("message").GetString()}");
            }
        }
        return errors;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions AxeJson = new(JsonSerializerDefaults.Web);

    private sealed record CheckedPage(string Name, string HtmlFile, List<AxeViolation> Violations);

    public sealed record AxeResult(int Passes, List<AxeViolation> Violations);

    public sealed record AxeViolation(string Id, string Impact, string Help, List<string> Targets, string Page);
}
