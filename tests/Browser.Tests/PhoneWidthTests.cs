using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Seeding;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// Issue 14, "phone width": every page of the school app (read from its compiled pages, see
/// <see cref="AppPages"/>), as anonymous, parent, teacher and school admin, on a 360×740 phone, after
/// long user text was put in the demo through the app's own forms: a post, an urgent message, comments,
/// a question and its answer, sick reports, a leave request, a calendar event, a conference round,
/// "over mij" and a pupil and parent with very long names, each with a 300-character word and a
/// 200-character link. No page may scroll sideways, and no element may stick out of the viewport
/// unless it sits in a region made to scroll (<c>tabindex="0" role="region"</c> with a label).
/// Screenshots and the widths per page: artifacts/browser/phone-width/.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class PhoneWidthTests(DemoSite site, ITestOutputHelper output)
{
    private const int Width = 360;
    private const int Height = 740;
    private const string Parent = "ouder@regenboog.test";
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private const string Admin = "directie@regenboog.test";

    /// <summary>300 letters without a space or hyphen: nowhere a browser may break the line by itself.</summary>
    private static readonly string Word = string.Concat(Enumerable.Repeat("Kinderboerderijschoolreisje", 12))[..300];

    /// <summary>A 200-character link of the kind parents paste from a booking site: one long token after the path.</summary>
    private static readonly string Url =
        ("https://www.voorbeeldkinderboerderij.nl/reserveren/schoolreis?sessie=" + string.Concat(Enumerable.Repeat("a1B2c3D4e5F6g7H8", 13)))[..200];

    /// <summary>Pages that answer with a file, not HTML: nothing to lay out.</summary>
    private static readonly HashSet<string> FileDownloads = ["/agenda/{id:guid}/bijlagen/{attachmentId:guid}", "/agenda/{id:guid}/zet-in-agenda"];

    /// <summary>
    /// Parts of a page, not pages: the timeline's side column is fetched by app.js into the timeline on screens of
    /// 1024 px and wider only (ShellTests checks it there, and that a phone never asks for it). Opened on its own it
    /// has no layout and no style sheet, so a 360 px check of it would measure nothing a parent sees.
    /// </summary>
    private static readonly HashSet<string> WideScreenFragments = ["/tijdlijn/zijkolom"];

    private static readonly Role[] Roles =
    [
        new("anonymous", null), new("parent", Parent), new("teacher", Teacher), new("admin", Admin),
    ];

    [Fact]
    public async Task EveryPageAsEveryRoleFitsA360PixelPhoneWithoutSidewaysScrollAlsoWithLongUserText()
    {
        var clock = Stopwatch.StartNew();
        var folder = Artifacts.Folder("phone-width");
        foreach (var old in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.Delete(old);
        }
        Assert.True(AppPages.All.Count > 40, $"Only {AppPages.All.Count} pages found in the school app's assembly.");

        var content = await PutLongTextInTheDemoAsync();
        var setup = clock.Elapsed;

        // The roles side by side, each in its own browser profile: the browser and the portal then share the machine's cores.
        var visits = (await Task.WhenAll(Roles.Select(role => SweepAsync(role, content, folder)))).SelectMany(v => v).ToList();
        var sweep = clock.Elapsed - setup;

        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(new
        {
            viewport = new { width = Width, height = Height },
            pages = AppPages.All.Count,
            @checked = visits.Count(v => v.Outcome == Outcome.Checked),
            setupSeconds = Math.Round(setup.TotalSeconds, 1),
            sweepSeconds = Math.Round(sweep.TotalSeconds, 1),
            screenshotSeconds = Math.Round((double)_screenshotTicks / Stopwatch.Frequency, 1),
            visits,
        }, Json));

        var problems = new StringBuilder();
        foreach (var v in visits.Where(v => v.Outcome == Outcome.Broken))
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"- {v.Role} {v.Path} answered {v.Status}");
        }
        // Against the 360 px asked for, not only innerWidth: a phone browser widens its layout viewport to fit a page that overflows.
        foreach (var v in visits.Where(v => v.Outcome == Outcome.Checked && (v.ScrollWidth > Math.Min(Width, v.InnerWidth) || v.Wide.Count > 0)))
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"- {v.Role} {v.Path}: {v.ScrollWidth} px wide; sticking out: {string.Join(" | ", v.Wide)}");
        }
        // Every page was opened by at least one role (laid out, or redirecting by design like /Account/SignOut on GET):
        // a page that only ever answers 404 has a wrong demo id in PathsAsync.
        foreach (var page in AppPages.All.Where(p => !FileDownloads.Contains(p.Route) && !WideScreenFragments.Contains(p.Route)))
        {
            if (!visits.Any(v => v.Route == page.Route && v.Outcome is Outcome.Checked or Outcome.Redirected))
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- {page.Route} ({page.View}) was opened by no role: {string.Join(", ", visits.Where(v => v.Route == page.Route).Select(v => $"{v.Role} {v.Status}"))}");
            }
        }
        // The long text really is on the pages that show it, or the sweep would prove nothing about it.
        foreach (var (role, path) in content.ShownOn)
        {
            if (!visits.Any(v => v.Role == role && v.Path == path && v.ShowsLongText))
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"- the long text is not shown on {path} as {role}");
            }
        }

        var summary = $"{visits.Count(v => v.Outcome == Outcome.Checked)} page×role combinations checked at {Width}×{Height} "
            + $"({AppPages.All.Count} pages × {Roles.Length} roles; {visits.Count(v => v.Outcome == Outcome.Refused)} refused to the role, "
            + $"{visits.Count(v => v.Outcome == Outcome.Redirected)} redirected elsewhere, {FileDownloads.Count} file download and {WideScreenFragments.Count} wide-screen fragment skipped); "
            + $"setup {setup.TotalSeconds:F0} s, sweep {sweep.TotalSeconds:F0} s.";
        output.WriteLine(summary);
        Assert.True(problems.Length == 0, $"{summary}\n{problems}");
    }

    /// <summary>Every page as one role in one browser profile, signed in once.</summary>
    private async Task<List<Visit>> SweepAsync(Role role, LongContent content, string folder)
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            IsMobile = true,
            HasTouch = true,
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (role.Email is not null)
        {
            await SignInAsync(page, role.Email);
        }
        var shots = Path.Combine(folder, role.Name);
        Directory.CreateDirectory(shots);
        var visits = new List<Visit>();
        foreach (var appPage in AppPages.All)
        {
            if (FileDownloads.Contains(appPage.Route) || WideScreenFragments.Contains(appPage.Route) || (appPage.PlatformHost && role.Email is not null))
            {
                // The product's own pages on the bare domain know no school accounts: anonymous covers them.
                continue;
            }
            var paths = await PathsAsync(appPage, role, content);
            for (var i = 0; i < paths.Count; i++)
            {
                var url = appPage.PlatformHost ? $"http://localhost:{site.Port}{paths[i]}" : site.Url("regenboog", paths[i]);
                var shot = Path.Combine(shots, $"{Slug(appPage.PlatformHost ? "platform" + appPage.Route : appPage.Route)}{(i == 0 ? "" : $"-{i + 1}")}.png");
                visits.Add(await VisitAsync(page, role, appPage, paths[i], url, shot));
            }
        }
        return visits;
    }

    private long _screenshotTicks;

    private async Task<Visit> VisitAsync(IPage page, Role role, AppPages.Page appPage, string path, string url, string shot)
    {
        var response = await page.GotoAsync(url);
        var status = response?.Status ?? 0;
        var requested = new Uri(url).AbsolutePath;
        var landed = new Uri(page.Url).AbsolutePath;
        Outcome outcome;
        // The access-denied page answers 403 itself; any other 401/403/404 is the page refusing the role.
        var ownStatus = appPage.Route == "/Account/AccessDenied" ? 403 : 200;
        if ((status is 401 or 403 or 404 && status != ownStatus)
            || (landed != requested && (landed.StartsWith("/Account/SignIn", StringComparison.OrdinalIgnoreCase)
                || landed.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase))))
        {
            outcome = Outcome.Refused;
        }
        else if ((status >= 400 && status != ownStatus) || response is null)
        {
            outcome = Outcome.Broken;
        }
        else if (!string.Equals(landed, requested, StringComparison.OrdinalIgnoreCase))
        {
            outcome = Outcome.Redirected;
        }
        else
        {
            outcome = Outcome.Checked;
        }
        if (outcome != Outcome.Checked)
        {
            return new Visit(role.Name, appPage.Route, path, status, outcome, landed, 0, 0, [], false, null);
        }
        using var measured = JsonDocument.Parse(await page.EvaluateAsync<string>(Measure, new object[] { Width, Word[..40], Url[..60] }));
        var m = measured.RootElement;
        var taking = Stopwatch.StartNew();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Interlocked.Add(ref _screenshotTicks, taking.ElapsedTicks);
        return new Visit(role.Name, appPage.Route, path, status, outcome, landed, m.GetProperty("scrollWidth").GetInt32(), m.GetProperty("innerWidth").GetInt32(),
            m.GetProperty("wide").EnumerateArray().Select(e => e.GetString()!).ToList(), m.GetProperty("longText").GetBoolean(),
            Path.GetRelativePath(Artifacts.Root, shot));
    }

    /// <summary>
    /// The page's width and the elements that stick out to the right of the viewport, outside a labelled,
    /// keyboard-focusable scroll region; only the innermost of them (the cause, not every ancestor it widens).
    /// </summary>
    private const string Measure =
        """
        ([width, word, link]) => {
          const isRegion = el => el.getAttribute('tabindex') === '0' && el.getAttribute('role') === 'region'
            && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))
            && /^(auto|scroll)$/.test(getComputedStyle(el).overflowX);
          const inRegion = el => { for (let p = el.parentElement; p; p = p.parentElement) { if (isRegion(p)) return true; } return false; };
          // Text cut off on purpose (an ellipsis): its box is the one that counts.
          const clipped = el => { for (let p = el; p && p !== document.body; p = p.parentElement) { if (/^(hidden|clip)$/.test(getComputedStyle(p).overflowX)) return true; } return false; };
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('')
            + ' "' + (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '" right=' + Math.round(el.getBoundingClientRect().right);
          const wide = new Set();
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || r.right <= width + 0.5 || inRegion(el)) continue;
            wide.add(el);
          }
          // Text that runs out of its own box (a long word in a box that fits) widens the page too.
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent.trim() || !n.parentElement) continue;
            range.selectNodeContents(n);
            const r = range.getBoundingClientRect();
            if (r.width === 0 || r.right <= width + 0.5 || inRegion(n.parentElement) || clipped(n.parentElement)) continue;
            wide.add(n.parentElement);
          }
          const all = [...wide];
          const causes = all.filter(el => !all.some(o => o !== el && el.contains(o)));
          const text = document.body.innerText;
          return JSON.stringify({
            scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
            innerWidth: window.innerWidth,
            wide: causes.slice(0, 8).map(describe),
            longText: text.includes(word) || text.includes(link),
          });
        }
        """;

    /// <summary>
    /// The addresses to visit for a page as a role: its route with each parameter filled with an id of the
    /// demo (mostly the items holding the long text). A new page with a parameter fails here until it is given one.
    /// </summary>
    private async Task<IReadOnlyList<string>> PathsAsync(AppPages.Page page, Role role, LongContent c)
    {
        if (!page.HasParameters)
        {
            return page.Route switch
            {
                // The pupil with the long name on the first page of the list.
                "/beheer/leerlingen" => [page.Route, $"/beheer/leerlingen?q={Word[..12]}"],
                "/beheer/medewerkers" => [page.Route, $"/beheer/medewerkers?q={Word[..12]}"],
                // Without a well-formed koppelcode the form redirects to /Account/Join.
                "/Account/Register" => [$"/Account/Register?code={c.Koppelcode}"],
                "/Account/Invitation" => [c.Invitation],
                "/Account/ResetPassword" => [page.Route, c.ChoosePassword],
                _ => [page.Route],
            };
        }
        return page.Route switch
        {
            "/nieuws/{id:guid}" => [c.Post, c.Urgent],
            "/nieuws/{id:guid}/bewerken" => [$"{c.Post}/bewerken"],
            "/nieuws/{id:guid}/gelezen" => [$"{c.Urgent}/gelezen", $"/nieuws/{DeterministicGuid.Create("regenboog/post/spoed-verwarming")}/gelezen"],
            "/vragen/{id:guid}" => [c.Question],
            "/afwezigheid/{id:guid}/beter" => [$"/afwezigheid/{c.ParentAbsence}/beter"],
            "/verlof/{id:guid}" => [c.Leave],
            "/beheer/verlof/{id:guid}" => [c.Leave.Replace("/verlof/", "/beheer/verlof/", StringComparison.Ordinal)],
            "/agenda/{id:guid}" => [$"/agenda/{c.Event}"],
            "/agenda/{id:guid}/bewerken" => [$"/agenda/{c.Event}/bewerken"],
            "/gesprekken/rondes/{id:guid}" => [c.Round, $"/gesprekken/rondes/{await SeededRoundAsync()}"],
            "/gesprekken/rondes/{id:guid}/rooster" => [$"{c.Round}/rooster", $"/gesprekken/rondes/{await SeededRoundAsync()}/rooster"],
            "/toestemming/kind/{pupilId:guid}" => [$"/toestemming/kind/{c.Noor}"],
            // The child switcher redirects back; "alle" last, so the pages after it are not filtered on Noor.
            "/kind/{pupilId}" => [$"/kind/{c.Noor}", "/kind/alle"],
            "/toestemming/groep/{groupId:guid}" => [$"/toestemming/groep/{c.Group}"],
            "/beheer/toestemming/{categoryId:guid}" => [$"/beheer/toestemming/{await FirstConsentCategoryAsync()}"],
            "/Groups/{id:guid}" => [$"/Groups/{c.Group}"],
            "/groepen/{groupId:guid}/fotos" => [$"/groepen/{c.Group}/fotos"],
            "/klaslijst/{groupId:guid}" => [$"/klaslijst/{c.Group}"],
            "/beheer/groepen/{id:guid}" => [$"/beheer/groepen/{c.Group}"],
            "/beheer/leerlingen/{id:guid}" => [$"/beheer/leerlingen/{c.LongNamedPupil}"],
            "/beheer/medewerkers/{id:guid}" => [$"/beheer/medewerkers/{await UserAsync(Teacher)}"],
            "/meldingen/{id:guid}" => [$"/meldingen/{await LatestNotificationAsync(role.Email ?? Parent)}"],
            "/Error/{code:int}" => ["/Error/404", "/Error/500"],
            _ => throw new InvalidOperationException(
                $"The phone-width sweep has no demo id for {page.Route} ({page.View}): add one to {nameof(PathsAsync)} (or to {nameof(FileDownloads)} if it answers with a file)."),
        };
    }

    /// <summary>The ids of what <see cref="PutLongTextInTheDemoAsync"/> made, and where the long text must show.</summary>
    private sealed record LongContent(
        string Post, string Urgent, string Question, string Leave, string Round, string Invitation, string ChoosePassword, string Koppelcode,
        Guid Event, Guid ParentAbsence, Guid Noor, Guid Group, Guid LongNamedPupil, IReadOnlyList<(string Role, string Path)> ShownOn);

    /// <summary>
    /// The long word and link in every kind of user text, through the app's own forms (a browser without
    /// script, so the server gets exactly what was typed); the names of one pupil (admin form), an invited
    /// staff member (admin form) and a parent (database: parents cannot rename themselves) as long as the fields allow.
    /// </summary>
    private async Task<LongContent> PutLongTextInTheDemoAsync()
    {
        var group = await GroupAsync("Groep 3/4");
        var noor = await PupilAsync("R1001");
        var daan = await PupilAsync("R1002");
        var family = DemoPeople.PhoneWidthFamily;
        var child = family.Children.First(c => c.GroupKey == "g34");
        var longNamed = await PupilAsync(child.Key);

        string post, urgent;
        await using (var teacher = await FormsAsync(Teacher))
        {
            await teacher.GoAsync("/nieuws/nieuw");
            await teacher.Page.Locator("#title").FillAsync(Word[..200]);
            await teacher.Page.Locator("#body").FillAsync($"<p>{Word}</p><p><a href=\"{Url}\">{Url}</a></p><p>{Url}</p>");
            await teacher.Page.Locator($"input[name='Form.GroupIds'][value='{group}']").CheckAsync();
            await teacher.Page.Locator("input[name='Form.AllowComments']").CheckAsync();
            await teacher.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/nieuws/[0-9a-f-]{36}$", teacher.Page.Url);
            post = new Uri(teacher.Page.Url).AbsolutePath;

            await teacher.GoAsync("/nieuws/nieuw?spoed=true");
            await teacher.Page.Locator("#title").FillAsync(Url);
            await teacher.Page.Locator("#body").FillAsync($"<p>{Word}</p><p>{Url}</p>");
            await teacher.Page.Locator($"input[name='Form.GroupIds'][value='{group}']").CheckAsync();
            await teacher.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/nieuws/[0-9a-f-]{36}/gelezen$", teacher.Page.Url);
            urgent = new Uri(teacher.Page.Url).AbsolutePath[..^"/gelezen".Length];

            await teacher.GoAsync("/Account/Settings/Profile");
            await teacher.Page.Locator("#about").FillAsync(Fit(1000));
            await teacher.SubmitAsync("form:has(#about) button[type=submit]");
        }

        Guid calendarEvent;
        string round;
        var invited = $"lange.naam.{Guid.NewGuid():N}"[..24] + "@regenboog.test";
        await using (var admin = await FormsAsync(Admin))
        {
            await admin.GoAsync("/beheer/medewerkers");
            await admin.Page.Locator("#s-email").FillAsync(invited);
            // Shorter than the fields allow: an e-mail's recipient name holds 200 characters (outbox_emails.to_name).
            await admin.Page.Locator("#s-first").FillAsync(Word[..50]);
            await admin.Page.Locator("#s-last").FillAsync(Word[50..170]);
            await admin.SubmitAsync("form:has(#s-email) button[type=submit]");

            await admin.GoAsync($"/beheer/leerlingen/{longNamed}");
            await admin.Page.Locator("#p-first").FillAsync(Word[..100]);
            await admin.Page.Locator("#p-last").FillAsync(Word[100..250]);
            await admin.SubmitAsync("form[action*='handler=Save'] button[type=submit]");

            var eventTitle = Word[..200];
            await admin.GoAsync("/agenda/nieuw");
            await admin.Page.Locator("#title").FillAsync(eventTitle);
            await admin.Page.Locator("#description").FillAsync($"{Word}\n\n{Url}");
            await admin.Page.Locator("#location").FillAsync(Url);
            // Tomorrow: in this month's view.
            await admin.Page.Locator("#start-date").FillAsync(site.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await admin.Page.Locator("input[name='Form.SchoolWide']").CheckAsync();
            await admin.SubmitAsync("form.card button[type=submit]");
            calendarEvent = await site.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = $1", eventTitle);

            await admin.GoAsync("/gesprekken/rondes/nieuw");
            await admin.Page.Locator("#title").FillAsync(Word[..200]);
            await admin.Page.Locator($"input[name='Form.GroupIds'][value='{group}']").CheckAsync();
            await admin.Page.Locator("#location").FillAsync(Url);
            await admin.Page.Locator("#video").FillAsync(Url);
            await admin.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/gesprekken/rondes/[0-9a-f-]{36}$", admin.Page.Url);
            round = new Uri(admin.Page.Url).AbsolutePath;
        }

        // As long as an e-mail to the parent allows (outbox_emails.to_name holds 200 characters).
        var familyParent = family.Parents[0].Email;
        await site.Database.ExecuteAsync(
            "UPDATE users SET first_name = $1, last_name = $2 WHERE email = $3 AND tenant_id = (SELECT id FROM tenants WHERE slug = 'regenboog')",
            Word[..50], Word[180..300], familyParent);
        await using (var other = await FormsAsync(familyParent))
        {
            // A sick report the teacher of groep 3/4 sees today.
            await ReportSickAsync(other, longNamed);
        }

        string question, leave;
        await using (var parent = await FormsAsync(Parent))
        {
            await parent.GoAsync(post);
            await parent.Page.Locator("#comment-text").FillAsync(Fit(2000));
            await parent.SubmitAsync("form:has(#comment-text) button[type=submit]");
            await parent.Page.Locator("#comment-text").FillAsync(Url);
            await parent.SubmitAsync("form:has(#comment-text) button[type=submit]");

            await parent.GoAsync("/vragen/nieuw");
            await parent.Page.Locator($"input[name=pupilId][value='{noor}']").CheckAsync();
            await parent.Page.Locator("#subject").FillAsync(Word[..120]);
            await parent.Page.Locator("#body").FillAsync(Fit(2000));
            await parent.SubmitAsync("form.card button[type=submit]");
            Assert.Matches("/vragen/[0-9a-f-]{36}$", parent.Page.Url);
            question = new Uri(parent.Page.Url).AbsolutePath;

            // Daan, not Noor: the teacher journey reports Noor sick today.
            await ReportSickAsync(parent, daan);

            await parent.GoAsync("/verlof/aanvragen");
            await parent.Page.Locator($"input[name='Input.PupilIds'][value='{daan}']").CheckAsync();
            await parent.Page.Locator("#type").SelectOptionAsync("ImportantCircumstances");
            var day = ParentJourneyTests.SchoolDayWeeksAhead(site, 10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await parent.Page.Locator("#start").FillAsync(day);
            await parent.Page.Locator("#end").FillAsync(day);
            await parent.Page.Locator("#reason").FillAsync(Fit(2000));
            await parent.SubmitAsync("form.card button[type=submit]:not(.secondary)");
            Assert.Matches("/verlof/[0-9a-f-]{36}$", parent.Page.Url);
            leave = new Uri(parent.Page.Url).AbsolutePath;

            await parent.GoAsync("/Account/Settings/Profile");
            await parent.Page.Locator("#about").FillAsync(Fit(1000));
            await parent.SubmitAsync("form:has(#about) button[type=submit]");
        }

        await using (var teacher = await FormsAsync(Teacher))
        {
            await teacher.GoAsync(question);
            await teacher.Page.Locator("#body").FillAsync($"{Url}\n{Word}");
            await teacher.SubmitAsync("form.card button[type=submit]:not(.secondary)");
        }

        // The link of the invitation the new staff member received (choose a password: /Account/Invitation).
        var mail = await site.Mail.WaitForMessageAsync(invited, timeoutSeconds: 60);
        var invitationLink = InvitationLink().Match(mail.TextBody ?? "");
        Assert.True(invitationLink.Success, $"The invitation mail has no link to {AccountInvitations.AcceptPath}.");
        var invitation = invitationLink.Value;
        // The password-reset page as a parent reaches it: "wachtwoord vergeten" for a demo parent, the link from the mail.
        string choosePassword;
        {
            var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "nl-NL" });
            await using var _ = context;
            var page = await context.NewPageAsync();
            await page.GotoAsync(site.Url("regenboog", "/Account/ForgotPassword"));
            await page.Locator("input[type=email]").FillAsync(familyParent);
            await page.Locator("form:has(input[type=email]) button[type=submit]").ClickAsync();
            var reset = await site.Mail.WaitForMessageAsync(familyParent, m => m.Subject.Contains("wachtwoord", StringComparison.OrdinalIgnoreCase), timeoutSeconds: 60);
            var resetLink = ResetPasswordLink().Match(reset.TextBody ?? "");
            Assert.True(resetLink.Success, "The password-reset mail has no link to /Account/ResetPassword.");
            choosePassword = resetLink.Value;
        }

        var parentAbsence = await site.Database.ScalarAsync<Guid>(
            "SELECT id FROM absence_reports WHERE pupil_id = $1 AND note = $2 ORDER BY id DESC LIMIT 1", daan, Fit(500));
        var eventPath = $"/agenda/{calendarEvent}";
        var koppelcode = LinkCodeFormat.Display(LinkCodeDemoSeed.CodeFor("regenboog", child.Key));
        return new LongContent(post, urgent, question, leave, round, invitation, choosePassword, koppelcode, calendarEvent, parentAbsence, noor, group, longNamed,
        [
            ("anonymous", invitation),
            ("parent", post), ("parent", "/vragen"), ("parent", question), ("parent", "/afwezigheid"), ("parent", leave),
            ("parent", eventPath), ("parent", "/Account/Settings/Profile"),
            ("teacher", post), ("teacher", urgent), ("teacher", $"{urgent}/gelezen"), ("teacher", "/vragen"), ("teacher", question),
            ("teacher", "/afwezigheid/vandaag"), ("teacher", $"/klaslijst/{group}"),
            ("admin", leave.Replace("/verlof/", "/beheer/verlof/", StringComparison.Ordinal)), ("admin", $"/beheer/medewerkers?q={Word[..12]}"),
            ("admin", "/beheer/afwezigheid"), ("admin", $"/beheer/leerlingen?q={Word[..12]}"), ("admin", $"/beheer/leerlingen/{longNamed}"),
            ("admin", round), ("admin", eventPath),
        ]);
    }

    private static async Task ReportSickAsync(ScriptlessForms parent, Guid pupil)
    {
        await parent.GoAsync("/afwezigheid");
        await parent.Page.Locator("#child").SelectOptionAsync(pupil.ToString());
        await parent.Page.Locator("#reason").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await parent.Page.Locator("#note").FillAsync(Fit(500));
        await parent.SubmitAsync("form:has(#reason) button[type=submit]");
    }

    /// <summary>The word and the link, the word shortened to what a field of <paramref name="max"/> characters takes.</summary>
    private static string Fit(int max) => max >= Word.Length + 1 + Url.Length ? $"{Word} {Url}" : $"{Word[..(max - Url.Length - 1)]} {Url}";

    private Task<Guid> GroupAsync(string name) => site.Database.ScalarAsync<Guid>(
        "SELECT g.id FROM groups g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = 'regenboog' AND g.name = $1", name);

    private Task<Guid> PupilAsync(string key) => site.Database.ScalarAsync<Guid>(
        "SELECT p.id FROM pupils p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'regenboog' AND p.external_key = $1", key);

    private Task<Guid> UserAsync(string email) => site.Database.ScalarAsync<Guid>(
        "SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'regenboog' AND u.email = $1", email);

    private Task<Guid> SeededRoundAsync() => site.Database.ScalarAsync<Guid>(
        "SELECT r.id FROM conference_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'regenboog' ORDER BY r.id LIMIT 1");

    private Task<Guid> FirstConsentCategoryAsync() => site.Database.ScalarAsync<Guid>(
        "SELECT c.id FROM consent_categories c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'regenboog' ORDER BY c.sort_order LIMIT 1");

    private Task<Guid> LatestNotificationAsync(string email) => site.Database.ScalarAsync<Guid>(
        "SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'regenboog' AND u.email = $1 ORDER BY n.id DESC LIMIT 1",
        email);

    private Task SignInAsync(IPage page, string email) => ScriptlessForms.SignInAsync(site, page, email);

    private Task<ScriptlessForms> FormsAsync(string email) => ScriptlessForms.OpenAsync(site, email, Width, Height, "the long text");

    private static string Slug(string route)
    {
        var slug = NonWord().Replace(route, "-").Trim('-');
        return slug.Length == 0 ? "home" : slug;
    }

    [GeneratedRegex("/Account/ResetPassword\\?[^\"'\\s<>]+")]
    private static partial Regex ResetPasswordLink();

    [GeneratedRegex("/Account/Invitation\\?[^\"'\\s<>]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record Role(string Name, string? Email);

    public enum Outcome { Checked, Refused, Redirected, Broken }

    /// <summary>One page as one role: what it answered and, when laid out, how wide it was.</summary>
    public sealed record Visit(
        string Role, string Route, string Path, int Status, Outcome Outcome, string Landed, int ScrollWidth, int InnerWidth,
        IReadOnlyList<string> Wide, bool ShowsLongText, string? Screenshot);
}
