using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The payloads of xss-payloads.txt posted through the text fields as staff (post title and body,
/// comment, question answer, calendar event, conference round, "over mij", a pupil's name) and as a
/// parent (comment, question, absence note, leave reason, "over mij"), with plain HTML forms (no
/// script, so the server receives the raw text). Then the pages that show them are opened in
/// Chromium with the Content Security Policy switched off — so escaping and sanitising are what is
/// tested, not the CSP — and: no payload runs, no element or attribute they carry ends up in the
/// page, and every plain-text field shows the text literally. Report: artifacts/browser/xss/report.md.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class XssTests(DemoSite site)
{
    private const string Teacher = DemoPeople.XssTeacher;
    private const string Admin = "directie@regenboog.test";

    private static readonly IReadOnlyList<string> Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "xss-payloads.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    /// <summary>Installed in every frame before the page's own scripts: what a payload calls when it runs.</summary>
    private const string Marker =
        """
        window.__xss = [];
        window.xss = function (n) { window.__xss.push('xss(' + n + ')'); };
        ['alert', 'confirm', 'prompt'].forEach(function (f) { window[f] = function (m) { window.__xss.push(f + '(' + m + ')'); }; });
        """;

    /// <summary>Elements and attributes a payload could have smuggled into the page (checked after the page has settled).</summary>
    private const string Smuggled =
        """
        () => {
          const found = [];
          const urlAttributes = /^(href|src|action|formaction|data|xlink:href|srcdoc|background|poster|content)$/i;
          for (const el of document.querySelectorAll('*')) {
            if (el.tagName === 'SCRIPT' && /xss|alert|confirm|prompt/.test(el.textContent)) found.push('script element: ' + el.textContent.slice(0, 60));
            if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(el.tagName) && el.closest('main')) found.push(el.tagName.toLowerCase() + ' element in main');
            for (const a of el.attributes) {
              if (/^on/i.test(a.name) && /xss|alert|confirm|prompt/.test(a.value)) found.push(el.tagName.toLowerCase() + ' ' + a.name + '=' + a.value.slice(0, 60));
              if (urlAttributes.test(a.name) && /^\s*(javascript|data):|xss\(/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))) found.push(el.tagName.toLowerCase() + ' ' + a.name + '=' + a.value.slice(0, 60));
              if (a.name === 'style' && /expression|javascript:/i.test(a.value)) found.push(el.tagName.toLowerCase() + ' style=' + a.value.slice(0, 60));
            }
          }
          return JSON.stringify({ fired: window.__xss || [], found, text: document.body ? document.body.innerText : '' });
        }
        """;

    private readonly List<(string Field, string Literal)> _plainText = [];
    private readonly List<(string Role, string Path)> _pages = [];

    [Fact]
    public async Task PayloadsPostedThroughEveryTextFieldNeverRunAndShowAsText()
    {
        Assert.True(Payloads.Count >= 40, "xss-payloads.txt holds too few payloads.");
        var family = DemoPeople.XssFamily;
        var parent = family.Parents[0].Email;
        var child = family.Children.First(c => c.GroupKey == DemoPeople.XssGroupKey);
        var group = await site.Database.ScalarAsync<Guid>(
            "SELECT g.id FROM groups g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = 'regenboog' AND g.name = $1", DemoPeople.XssGroupName);
        var pupil = await site.Database.ScalarAsync<Guid>(
            "SELECT p.id FROM pupils p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'regenboog' AND p.external_key = $1", child.Key);
        var titles = Chunks(200, " ");
        var all = string.Join("\n", Payloads);

        // As the teacher of groep 5: every payload in a post title (one post per 200 characters), all in the body.
        var posts = new List<string>();
        await using (var teacher = await FormsAsync(Teacher))
        {
            foreach (var title in titles)
            {
                await teacher.GoAsync("/nieuws/nieuw");
                await teacher.Page.Locator("#title").FillAsync(title);
                await teacher.Page.Locator("#body").FillAsync(all);
                await teacher.Page.Locator($"input[name='Form.GroupIds'][value='{group}']").CheckAsync();
                await teacher.Page.Locator("input[name='Form.AllowComments']").CheckAsync();
                await teacher.SubmitAsync("form.card button[type=submit]");
                Assert.Matches("/nieuws/[0-9a-f-]{36}$", teacher.Page.Url);
                posts.Add(new Uri(teacher.Page.Url).AbsolutePath);
                _plainText.Add(("post title", title));
            }
            foreach (var comment in Chunks(2000, "\n"))
            {
                await teacher.GoAsync(posts[0]);
                await teacher.Page.Locator("#comment-text").FillAsync(comment);
                await teacher.SubmitAsync("form:has(#comment-text) button[type=submit]");
                _plainText.Add(("staff comment", FirstLine(comment)));
            }
            await teacher.GoAsync("/Account/Settings/Profile");
            var about = Chunks(1000, "\n")[0];
            await teacher.Page.Locator("#about").FillAsync(about);
            await teacher.SubmitAsync("form:has(#about) button[type=submit]");
        }

        // As the parent: comments, a question (subject and body), an absence note, a leave reason, "over mij".
        string question, leave;
        await using (var form = await FormsAsync(parent))
        {
            foreach (var comment in Chunks(2000, "\n"))
            {
                await form.GoAsync(posts[0]);
                await form.Page.Locator("#comment-text").FillAsync(comment);
                await form.SubmitAsync("form:has(#comment-text) button[type=submit]");
                _plainText.Add(("parent comment", FirstLine(comment)));
            }
            await form.GoAsync("/vragen/nieuw");
            // A parent with two children chooses the child; nothing is chosen for them.
            await form.Page.Locator("input[name=pupilId]").First.CheckAsync();
            var subject = Chunks(120, " ")[0];
            await form.Page.Locator("#subject").FillAsync(subject);
            await form.Page.Locator("#body").FillAsync(Chunks(2000, "\n")[0]);
            await form.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/vragen/[0-9a-f-]{36}$", form.Page.Url);
            question = new Uri(form.Page.Url).AbsolutePath;
            _plainText.Add(("question subject", subject));
            _plainText.Add(("question body", Payloads[0]));
            foreach (var message in Chunks(2000, "\n").Skip(1))
            {
                await form.Page.Locator("#body").FillAsync(message);
                await form.SubmitAsync("form.card button[type=submit]");
                _plainText.Add(("question message", FirstLine(message)));
            }

            await form.GoAsync("/afwezigheid");
            await form.Page.Locator("#reason").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            var note = Chunks(500, "\n")[1];
            await form.Page.Locator("#note").FillAsync(note);
            await form.SubmitAsync("form:has(#reason) button[type=submit]");
            _plainText.Add(("absence note", FirstLine(note)));

            await form.GoAsync("/verlof/aanvragen");
            var day = ParentJourneyTests.SchoolDayWeeksAhead(site, 8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await form.Page.Locator("#type").SelectOptionAsync("ImportantCircumstances");
            await form.Page.Locator("#start").FillAsync(day);
            await form.Page.Locator("#end").FillAsync(day);
            var reason = Chunks(2000, "\n")[1];
            await form.Page.Locator("#reason").FillAsync(reason);
            await form.SubmitAsync("form.card button[type=submit]:not(.secondary)");
            Assert.Matches("/verlof/[0-9a-f-]{36}$", form.Page.Url);
            leave = new Uri(form.Page.Url).AbsolutePath;
            _plainText.Add(("leave reason", FirstLine(reason)));

            await form.GoAsync("/Account/Settings/Profile");
            await form.Page.Locator("#about").FillAsync(Chunks(1000, "\n")[1]);
            await form.SubmitAsync("form:has(#about) button[type=submit]");
        }

        // The teacher answers the question with every payload.
        await using (var teacher = await FormsAsync(Teacher))
        {
            foreach (var answer in Chunks(2000, "\n"))
            {
                await teacher.GoAsync(question);
                await teacher.Page.Locator("#body").FillAsync(answer);
                await teacher.SubmitAsync("form.card button[type=submit]:not(.secondary)");
                _plainText.Add(("question answer", FirstLine(answer)));
            }
        }

        // As the school admin: a calendar event, a conference round, and the child's name.
        string eventPath, round;
        await using (var admin = await FormsAsync(Admin))
        {
            var eventTitle = Chunks(200, " ")[1];
            var location = Chunks(200, " ")[2];
            await admin.GoAsync("/agenda/nieuw");
            await admin.Page.Locator("#title").FillAsync(eventTitle);
            await admin.Page.Locator("#description").FillAsync(all);
            await admin.Page.Locator("#location").FillAsync(location);
            await admin.Page.Locator("#start-date").FillAsync(ParentJourneyTests.SchoolDayWeeksAhead(site, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await admin.Page.Locator("input[name='Form.SchoolWide']").CheckAsync();
            await admin.SubmitAsync("form.card button[type=submit]");
            var eventId = await site.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = $1", eventTitle);
            eventPath = $"/agenda/{eventId}";
            _plainText.Add(("event title", eventTitle));
            _plainText.Add(("event description", Payloads[0]));
            _plainText.Add(("event location", location));

            var roundTitle = Chunks(200, " ")[3];
            var roundLocation = Chunks(200, " ")[4];
            await admin.GoAsync("/gesprekken/rondes/nieuw");
            await admin.Page.Locator("#title").FillAsync(roundTitle);
            await admin.Page.Locator($"input[name='Form.GroupIds'][value='{group}']").CheckAsync();
            await admin.Page.Locator("#location").FillAsync(roundLocation);
            await admin.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/gesprekken/rondes/[0-9a-f-]{36}$", admin.Page.Url);
            round = new Uri(admin.Page.Url).AbsolutePath;
            _plainText.Add(("conference round title", roundTitle));
            _plainText.Add(("conference round location", roundLocation));

            var first = Chunks(100, " ")[5];
            var last = Chunks(150, " ")[6];
            await admin.GoAsync($"/beheer/leerlingen/{pupil}");
            await admin.Page.Locator("#p-first").FillAsync(first);
            await admin.Page.Locator("#p-last").FillAsync(last);
            await admin.SubmitAsync("form[action*='handler=Save'] button[type=submit]");
            _plainText.Add(("pupil first name", first));
            _plainText.Add(("pupil last name", last));
        }

        // Every page that shows them, as each role.
        var report = new StringBuilder();
        var texts = new StringBuilder();
        string[] parentPages =
        [
            "/", .. posts, question, "/vragen", "/afwezigheid", "/verlof", leave, "/agenda", eventPath, "/gesprekken", "/meldingen",
            $"/klaslijst/{group}", "/Account/Settings/Profile", "/toestemming",
        ];
        string[] teacherPages =
        [
            "/", posts[0], question, "/vragen", "/afwezigheid/vandaag", $"/klaslijst/{group}", $"/Groups/{group}",
            $"/toestemming/groep/{group}", "/meldingen", "/gesprekken/rondes", round, eventPath, "/Account/Settings/Profile",
        ];
        string[] adminPages =
        [
            "/", $"/beheer/leerlingen/{pupil}", "/beheer/leerlingen", "/beheer/verlof", leave.Replace("/verlof/", "/beheer/verlof/", StringComparison.Ordinal),
            "/beheer/afwezigheid", "/agenda", eventPath, round, posts[0],
        ];
        await CheckPagesAsync(parent, parentPages, report, texts);
        await CheckPagesAsync(Teacher, teacherPages, report, texts);
        await CheckPagesAsync(Admin, adminPages, report, texts);

        var shown = Normalize(texts.ToString());
        foreach (var (field, literal) in _plainText)
        {
            if (!shown.Contains(Normalize(literal), StringComparison.Ordinal))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- {field}: not shown as text on any checked page: {literal[..Math.Min(60, literal.Length)]}");
            }
        }
        var folder = Artifacts.Folder("xss");
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"),
            $"# XSS payloads\n\n{Payloads.Count} payloads, {_plainText.Count} plain-text fields, {parentPages.Length + teacherPages.Length + adminPages.Length} pages checked.\n\n"
            + (report.Length == 0 ? "Nothing ran, nothing was smuggled in, every plain-text field showed its text.\n" : report.ToString()));
        Assert.True(report.Length == 0, $"XSS check:\n{report}");
    }

    private async Task CheckPagesAsync(string email, string[] paths, StringBuilder report, StringBuilder texts)
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "nl-NL",
            BypassCSP = true,
        });
        await context.AddInitScriptAsync(Marker);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => report.AppendLine(CultureInfo.InvariantCulture, $"- dialog opened on {page.Url}: {dialog.Message}");
        await SignInAsync(page, email);
        // The detector itself works: a payload that runs on one of the app's pages is caught.
        await page.GotoAsync(site.Url("regenboog", "/"));
        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=xss(0)>')");
        await page.WaitForFunctionAsync("() => window.__xss.length > 0");
        Assert.Contains("xss(0)", await page.EvaluateAsync<string>(Smuggled), StringComparison.Ordinal);
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(site.Url("regenboog", path));
            Assert.True(response is { Ok: true }, $"{email} {path} answered {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            using var result = JsonDocument.Parse(await page.EvaluateAsync<string>(Smuggled));
            foreach (var fired in result.RootElement.GetProperty("fired").EnumerateArray())
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- RAN on {path} as {email}: {fired.GetString()}");
            }
            foreach (var found in result.RootElement.GetProperty("found").EnumerateArray())
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- smuggled into {path} as {email}: {found.GetString()}");
            }
            texts.AppendLine(result.RootElement.GetProperty("text").GetString());
        }
    }

    private Task SignInAsync(IPage page, string email) => ScriptlessForms.SignInAsync(site, page, email);

    private Task<ScriptlessForms> FormsAsync(string email) => ScriptlessForms.OpenAsync(site, email, 390, 844, "the payloads");

    /// <summary>
    /// The payloads packed, in order, into pieces of at most <paramref name="max"/> characters as the
    /// server counts them (a browser sends a textarea's line break as CR LF: two characters).
    /// </summary>
    private static List<string> Chunks(int max, string separator)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        var length = 0;
        var separatorLength = separator == "\n" ? 2 : separator.Length;
        foreach (var payload in Payloads)
        {
            if (current.Length > 0 && length + separatorLength + payload.Length > max)
            {
                chunks.Add(current.ToString());
                current.Clear();
                length = 0;
            }
            if (current.Length > 0)
            {
                current.Append(separator);
                length += separatorLength;
            }
            length += Math.Min(payload.Length, max);
            current.Append(payload.Length > max ? payload[..max] : payload);
        }
        chunks.Add(current.ToString());
        return chunks;
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string Normalize(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
