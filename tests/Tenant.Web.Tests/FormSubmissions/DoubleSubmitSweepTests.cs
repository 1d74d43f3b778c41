using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;
using Xunit.Abstractions;
using Schoolplein.Tenant.Web.Tests.Seeding;

namespace Schoolplein.Tenant.Web.Tests.FormSubmissions;

/// <summary>The demo schools (every feature has data to act on) on a Monday morning before the absence cut-off.</summary>
public sealed class SweepApp : DemoApp
{
    public static readonly Guid Regenboog = DeterministicGuid.Create("regenboog/tenant");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        // The sweep checks effects, not how long a second tap waits: a slow first submit on a busy machine must not make it 409.
        settings["Forms:WaitMilliseconds"] = "30000";
        // Effects are counted in the outbox; delivering hundreds of demo mails would only load the smtp4dev all tests share.
        settings["Jobs:RunServer"] = "false";
    }

    public static Guid Id(string key) => DeterministicGuid.Create($"regenboog/{key}");

    public Task<string> IssueCodeAsync(Guid pupilId) =>
        InSchoolAsync(Regenboog, async scope => LinkCodeFormat.Display((await scope.Get<LinkCodeService>().IssueAsync(pupilId))!.Code));
}

/// <summary>
/// Issue 14, "double submit", for every form of the school app. Every POST page handler found in
/// the endpoint data source either has a recipe below (how to reach its rendered form, as whom,
/// with what values, and what one effect adds) or is listed as creating nothing, with the reason;
/// a new handler in neither list fails the test. Each recipe's form is sent twice at the same
/// moment and once more afterwards (the back button), and must have had exactly one effect: the
/// rows it adds, and no person getting the same mail or notification twice.
/// </summary>
public sealed class DoubleSubmitSweepTests(SweepApp app, ITestOutputHelper output) : IClassFixture<SweepApp>
{
    private const string Admin = "directie@regenboog.test";
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private const string Parent = "ouder@regenboog.test";

    private static readonly Guid Noor = SweepApp.Id("pupil/R1001");
    private static readonly Guid Yara = SweepApp.Id("pupil/R1003");
    private static readonly Guid Femke = SweepApp.Id("pupil/R1004");

    /// <summary>
    /// POST handlers that create and send nothing, so a repeat cannot do harm twice. They are
    /// guarded like every form; they only need no recipe.
    /// </summary>
    private static readonly Dictionary<string, string> CreatesNothing = new()
    {
        ["Account/SignIn"] = "signs in ([AllowResubmit]: only running again gives the browser its cookie)",
        ["Account/SignOut"] = "signs out ([AllowResubmit])",
        ["Account/Language"] = "sets the language cookie and profile ([AllowResubmit])",
        ["Account/Join"] = "checks a koppelcode and shows the next step; stores nothing",
        ["Account/ResetPassword"] = "sets a password with a single-use token",
        ["Account/Invitation"] = "sets the first password with the single-use invitation token",
        ["Account/Settings/Data?handler=Export"] = "a download of the user's own data",
        ["Account/Settings/Data?handler=Delete"] = "deletes the account",
        ["Account/Settings/Security?handler=Password"] = "changes the password (checked against the current one)",
        ["Account/Settings/Security?handler=SignOutEverywhere"] = "renews the security stamp",
        ["Account/Settings/Sessions?handler=Others"] = "revokes the other sessions (again: none left)",
        ["Account/Settings/Sessions?handler=ThisDevice"] = "signs out",
        ["Account/Settings/Preferences"] = "saves preferences",
        ["Account/Settings/Profile?handler=Details"] = "saves the name and phone number (twice saves the same)",
        ["Account/Settings/Profile?handler=Photo"] = "replaces the one profile photo",
        ["Account/Settings/Profile?handler=RemovePhoto"] = "removes the profile photo",
        ["Error/{code:int}"] = "the error page of a failed POST",
        ["koppelcode"] = "looks a koppelcode up on the bare domain (no school, nothing stored)",
        ["beheer/groepen/{id:guid}?handler=Save"] = "saves the group",
        ["beheer/groepen/{id:guid}?handler=RemoveTeacher"] = "removes a teacher from the group",
        ["beheer/medewerkers/{id:guid}?handler=Role"] = "sets the role",
        ["beheer/medewerkers/{id:guid}?handler=Deactivate"] = "switches the account off",
        ["beheer/medewerkers/{id:guid}?handler=Reactivate"] = "switches the account on",
        ["beheer/leerlingen/{id:guid}?handler=Save"] = "saves the pupil",
        ["beheer/leerlingen/{id:guid}?handler=Archive"] = "archives the pupil",
        ["beheer/leerlingen/{id:guid}?handler=Restore"] = "restores the pupil",
        ["beheer/leerlingen/{id:guid}?handler=RevokeCode"] = "revokes the pupil's koppelcode",
        ["beheer/leerlingen/{id:guid}?handler=Unlink"] = "removes a guardian's link (a repeat finds none)",
        ["beheer/instellingen"] = "saves school settings",
        ["beheer/huisstijl"] = "saves the school's look (a repeat of an older form is not applied: Schools/BrandingTests)",
        ["beheer/betaling?handler=Portal"] = "asks Stripe for a portal session and redirects; stores nothing",
        ["beheer/betaling?handler=Checkout"] = "asks Stripe for a checkout session and redirects; stores nothing",
        ["meldingen?handler=MarkAllRead"] = "marks notifications read",
        ["beheer/meldingen-bezorging?handler=Retry"] = "requeues a dead delivery; a row is claimed before sending and a sent row is never sent again",
        ["beheer/meldingen-bezorging?handler=RetryAll"] = "requeues dead deliveries (as Retry)",
        ["afwezigheid/{id:guid}/beter"] = "sets the return date of a report (a repeat finds it closed)",
        ["beheer/afwezigheid/instellingen?handler=Settings"] = "saves absence settings",
        ["beheer/afwezigheid/instellingen?handler=Reason"] = "switches a reason on or off",
        ["beheer/afwezigheid/instellingen?handler=Childcare"] = "saves who goes to childcare",
        ["verlof/aanvragen?handler=Check"] = "checks a request without saving it",
        ["verlof/{id:guid}?handler=Withdraw"] = "withdraws a pending request (a repeat finds it withdrawn)",
        ["beheer/verlof/instellingen?handler=Settings"] = "saves leave settings",
        ["beheer/verlof/instellingen?handler=Type"] = "switches a leave type on or off",
        ["vragen/{id:guid}?handler=Close"] = "closes a conversation",
        ["beheer/vragen"] = "saves question settings",
        ["gesprekken/rondes/{id:guid}?handler=Block"] = "blocks a slot",
        ["gesprekken/rondes/{id:guid}?handler=Unblock"] = "frees a slot",
        ["beheer/schoolkalender?handler=Delete"] = "deletes a closure",
        ["agenda/{id:guid}?handler=Cancel"] = "cancels a sign-up",
        ["agenda/{id:guid}/bewerken"] = "saves the event",
        ["agenda/{id:guid}/bewerken?handler=Detach"] = "removes an attachment",
        ["agenda/{id:guid}/bewerken?handler=Delete"] = "deletes the event",
        ["agenda/abonneren?handler=Revoke"] = "switches the calendar link off",
        ["agenda/abonneren?handler=Regenerate"] = "replaces the one calendar link in place (the page always shows the current one)",
        ["beheer/toestemming/{categoryId:guid}"] = "saves the category",
        ["beheer/toestemming/{categoryId:guid}?handler=Retire"] = "retires the category",
        ["beheer/toestemming/{categoryId:guid}?handler=Restore"] = "restores the category",
        ["nieuws/{id:guid}/bewerken"] = "saves the post (editing notifies nobody)",
        ["nieuws/{id:guid}?handler=DeleteComment"] = "deletes a comment",
        ["nieuws/{id:guid}?handler=Delete"] = "deletes the post",
    };

    private Task<long> CountAsync(string sql, params object[] parameters) => app.Database.ScalarAsync<long>(sql, parameters);

    private Func<Task<long>> Rows(string sql, params object[] parameters) => () => CountAsync(sql, parameters);

    private static RenderedForm CheckEveryUnansweredChoice(RenderedForm form, string prefix, string value)
    {
        var names = form.Element.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Distinct();
        foreach (var name in names.Where(n => form[n] is null))
        {
            form.Set(name, value);
        }
        return form;
    }

    private IEnumerable<SweepRecipe> Recipes()
    {
        var uitje = SweepApp.Id("post/uitje");
        var spoed = SweepApp.Id("post/spoed-verwarming");
        var schoolreis = SweepApp.Id("event/schoolreis");
        var g8 = SweepApp.Id("group/g8");
        var parentId = SweepApp.Id($"user/{Parent}");
        var round = new Lazy<Task<Guid>>(() => app.Database.ScalarAsync<Guid>("SELECT id FROM conference_rounds WHERE title = $1", "Oudergesprekken groep 3/4"));

        // Timeline
        yield return new("nieuws/nieuw", "a post to the teacher's group", Teacher,
            DoubleSubmitSweep.Page("/nieuws/nieuw", fill: f => f.Set("Form.Title", "Sweep: gymles verplaatst").Set("Form.Body", "<p>De gymles is op woensdag.</p>")),
            Rows("SELECT count(*) FROM posts WHERE title = 'Sweep: gymles verplaatst'"));
        yield return new("nieuws/nieuw", "an urgent message to the whole school", Admin,
            DoubleSubmitSweep.Page("/nieuws/nieuw?spoed=true", fill: f => f.Set("Form.Title", "Sweep: school dicht").Set("Form.Body", "<p>Vandaag om 12.00 uur uit.</p>")),
            Rows("SELECT count(*) FROM posts WHERE title = 'Sweep: school dicht' AND urgent"));
        yield return new("nieuws/{id:guid}?handler=Like", "a like", Parent,
            async client =>
            {
                await app.Database.ExecuteAsync("DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2", uitje, parentId);
                // The page's one like form (form#likes), sent by the card's like button (its formaction and value).
                var likes = await RenderedForm.FromPageAsync(client, $"/nieuws/{uitje}", f => f.Id == "likes");
                return likes.Press(likes.Element.Owner!.QuerySelector("article .like button")!);
            },
            Rows("SELECT count(*) FROM post_likes WHERE post_id = $1 AND user_id = $2", uitje, parentId));
        yield return new("nieuws/{id:guid}?handler=Comment", "a comment", Parent,
            DoubleSubmitSweep.Page($"/nieuws/{uitje}", "Comment", f => f.Set("CommentText", "Sweep: wat een mooie foto's!")),
            Rows("SELECT count(*) FROM post_comments WHERE post_id = $1", uitje));
        yield return new("nieuws/{id:guid}/gelezen?handler=Remind", "a reminder to the parents who did not read the urgent message", Admin,
            DoubleSubmitSweep.Page($"/nieuws/{spoed}/gelezen", "Remind"),
            Rows("SELECT count(*) FROM notifications WHERE kind = $1 AND source_id = $2", Schoolplein.Platform.Timeline.TimelineNotifications.UrgentReminderKind, spoed),
            // One reminder to each recipient who has not read it.
            Expected: Rows("SELECT count(DISTINCT r.user_id) FROM urgent_recipients r WHERE r.post_id = $1 "
                + "AND NOT EXISTS (SELECT 1 FROM urgent_read_receipts x WHERE x.post_id = r.post_id AND x.user_id = r.user_id)", spoed));

        // Calendar
        yield return new("agenda/nieuw", "an event", Admin,
            DoubleSubmitSweep.Page("/agenda/nieuw", fill: f => f.Set("Form.Title", "Sweep: kerstviering").Set("Form.AllDay", "true")
                .Set("Form.StartDate", "2026-12-17").Set("Form.EndDate", "2026-12-17").Set("Form.SchoolWide", "true")),
            Rows("SELECT count(*) FROM calendar_events WHERE title = 'Sweep: kerstviering'"));
        yield return new("agenda/{id:guid}?handler=SignUp", "a sign-up as helping parent", Parent,
            DoubleSubmitSweep.Page($"/agenda/{schoolreis}", "SignUp"),
            Rows("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1 AND user_id = $2", schoolreis, parentId));
        yield return new("agenda/{id:guid}?handler=SignUp", "a sign-up from the timeline's \"Binnenkort\"", Parent,
            async client =>
            {
                // Free the place the recipe above took (and its count), so the timeline offers the sign-up again.
                await app.Database.ExecuteAsync("DELETE FROM calendar_event_sign_ups WHERE event_id = $1 AND user_id = $2", schoolreis, parentId);
                await app.Database.ExecuteAsync("UPDATE calendar_events SET sign_up_count = (SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1) WHERE id = $1", schoolreis);
                // The page's one like form (form#likes), sent by the event card's sign-up button (its formaction and returnUrl).
                var form = await RenderedForm.FromPageAsync(client, "/", f => f.Id == "likes");
                return form.Press(form.Element.Owner!.QuerySelector($".upcoming button[formaction='/agenda/{schoolreis}?handler=SignUp']")!);
            },
            Rows("SELECT count(*) FROM calendar_event_sign_ups WHERE event_id = $1 AND user_id = $2", schoolreis, parentId));
        yield return new("agenda/{id:guid}/bewerken?handler=Attach", "an attachment", Admin,
            DoubleSubmitSweep.Page($"/agenda/{schoolreis}/bewerken", "Attach", f => f.AttachFile("file", "sweep-paklijst.pdf", TestFiles.Pdf("Paklijst"), "application/pdf")),
            Rows("SELECT count(*) FROM calendar_attachments WHERE file_name = 'sweep-paklijst.pdf'"));
        yield return new("agenda/abonneren?handler=Create", "a secret calendar link", Parent,
            DoubleSubmitSweep.Page("/agenda/abonneren", "Create"),
            Rows("SELECT count(*) FROM calendar_feeds WHERE user_id = $1", parentId),
            Check: async (answers, client) =>
            {
                // The link is shown once; every link a page showed must be the one that works.
                foreach (var answer in answers.Where(a => a.Status == HttpStatusCode.OK))
                {
                    var link = System.Text.RegularExpressions.Regex.Match(answer.Body, @"https?://[^""<\s]+/agenda/[^""<\s]+\.ics[^""<\s]*").Value;
                    using var feed = await client.GetAsync(new Uri(System.Net.WebUtility.HtmlDecode(link)).PathAndQuery);
                    if (feed.StatusCode != HttpStatusCode.OK)
                    {
                        return $"the calendar link shown ({link}) answers {(int)feed.StatusCode}: a second link replaced it";
                    }
                }
                return null;
            });

        // Consent
        yield return new("toestemming", "a consent answer", Parent,
            DoubleSubmitSweep.Page("/toestemming", fill: f => f.Set("answer", f["answer"] == "allow" ? "deny" : "allow")),
            Rows("SELECT count(*) FROM consent_records"));
        yield return new("toestemming/kind/{pupilId:guid}?handler=Paper", "a paper consent form recorded by the school", Admin,
            DoubleSubmitSweep.Page($"/toestemming/kind/{Yara}", "Paper", f =>
            {
                var options = f.Element.QuerySelectorAll("select[name='Paper.CategoryId'] option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v));
                f.Set("Paper.CategoryId", options.First()!).Set("Paper.Answer", "allow");
            }),
            Rows("SELECT count(*) FROM consent_records WHERE pupil_id = $1", Yara));
        yield return new("beheer/toestemming?handler=Add", "a consent category", Admin,
            DoubleSubmitSweep.Page("/beheer/toestemming", "Add", f => f.Set("Input.Name", "Sweep: video's op de website").Set("Input.Description", "Filmpjes van activiteiten.")),
            Rows("SELECT count(*) FROM consent_categories WHERE name = 'Sweep: video''s op de website'"));
        yield return new("beheer/toestemming?handler=Reconfirm", "a request to all parents to confirm their choices", Admin,
            DoubleSubmitSweep.Page("/beheer/toestemming", "Reconfirm"),
            Rows("SELECT count(*) FROM consent_reconfirmations"));
        yield return new("toestemming/bevestigen", "a parent's confirmation of all choices", Parent,
            DoubleSubmitSweep.Page("/toestemming/bevestigen", fill: f => CheckEveryUnansweredChoice(f, "answer-", "allow")),
            Rows("SELECT count(*) FROM consent_confirmations WHERE guardian_user_id = $1", parentId),
            Expected: () => CountAsync("SELECT count(*) FROM guardianships WHERE user_id = $1", parentId));

        // Administration
        yield return new("beheer/groepen", "a group", Admin,
            DoubleSubmitSweep.Page("/beheer/groepen", fill: f => f.Set("Input.Name", "Sweep: Groep 8B").Set("Input.SchoolYear", "2026-2027").Set("Input.YearLevels", "8")),
            Rows("SELECT count(*) FROM groups WHERE name = 'Sweep: Groep 8B'"));
        yield return new("beheer/groepen/{id:guid}?handler=AddTeacher", "a teacher added to a group", Admin,
            DoubleSubmitSweep.Page($"/beheer/groepen/{g8}", "AddTeacher", f => f.Set("teacherId", SweepApp.Id($"user/{Teacher}").ToString())),
            Rows("SELECT count(*) FROM group_teachers WHERE group_id = $1", g8));
        yield return new("beheer/medewerkers", "an invited colleague", Admin,
            DoubleSubmitSweep.Page("/beheer/medewerkers", fill: f => f.Set("Input.Email", "sweep.collega@regenboog.test").Set("Input.FirstName", "Sweep")
                .Set("Input.LastName", "Collega").Set("Role", "Teacher")),
            Rows("SELECT count(*) FROM users WHERE email = 'sweep.collega@regenboog.test'"));
        yield return new("beheer/medewerkers/{id:guid}?handler=Resend", "the invitation sent again", Admin,
            async client =>
            {
                var colleague = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'sweep.collega@regenboog.test'");
                return await DoubleSubmitSweep.Page($"/beheer/medewerkers/{colleague}", "Resend")(client);
            },
            Rows("SELECT count(*) FROM outbox_emails WHERE to_address = 'sweep.collega@regenboog.test'"));
        yield return new("beheer/leerlingen?handler=Create", "a pupil", Admin,
            DoubleSubmitSweep.Page("/beheer/leerlingen", "Create", f => f.Set("Input.FirstName", "Sweep").Set("Input.LastName", "Leerling").Set("Input.DateOfBirth", "2019-04-01")),
            Rows("SELECT count(*) FROM pupils WHERE first_name = 'Sweep' AND last_name = 'Leerling'"));
        yield return new("beheer/leerlingen/{id:guid}?handler=NewCode", "a new koppelcode", Admin,
            DoubleSubmitSweep.Page($"/beheer/leerlingen/{Femke}", "NewCode"),
            Rows("SELECT count(*) FROM link_codes WHERE pupil_id = $1", Femke));
        yield return new("beheer/schoolkalender", "a closure day", Admin,
            DoubleSubmitSweep.Page("/beheer/schoolkalender", fill: f => f.Set("Name", "Sweep: studiedag").Set("Kind", "StudyDay").Set("Start", "2027-03-10").Set("End", "2027-03-10")),
            Rows("SELECT count(*) FROM school_closures WHERE name = 'Sweep: studiedag'"));

        // Absence and leave
        yield return new("afwezigheid", "a sick report", Parent,
            DoubleSubmitSweep.Page("/afwezigheid", fill: f =>
            {
                var reason = f.Element.QuerySelectorAll("select[name='Input.ReasonId'] option")
                    .First(o => !string.IsNullOrEmpty(o.GetAttribute("value")) && o.GetAttribute("data-phone-only") != "true").GetAttribute("value")!;
                f.Set("Input.PupilId", Noor.ToString()).Set("Input.ReasonId", reason).Set("Input.Until", "Better");
            }),
            Rows("SELECT count(*) FROM absence_reports WHERE pupil_id = $1", Noor));
        yield return new("beheer/afwezigheid/instellingen?handler=AddReason", "an absence reason", Admin,
            DoubleSubmitSweep.Page("/beheer/afwezigheid/instellingen", "AddReason", f => f.Set("name", "Sweep: tandarts")),
            Rows("SELECT count(*) FROM absence_reasons WHERE name = 'Sweep: tandarts'"));
        yield return new("verlof/aanvragen", "a leave request", Parent,
            DoubleSubmitSweep.Page("/verlof/aanvragen", fill: f => f.Set("Input.PupilIds", Noor.ToString()).Set("Input.Type", "Vacation")
                .Set("Input.Start", "2027-02-01").Set("Input.End", "2027-02-03").Set("Input.Reason", "Sweep: werk van vader laat geen zomervakantie toe.")
                .AttachFile("Input.EmployerStatement", "werkgeversverklaring.pdf", TestFiles.Pdf("Werkgeversverklaring"), "application/pdf")),
            Rows("SELECT count(*) FROM leave_requests WHERE reason = 'Sweep: werk van vader laat geen zomervakantie toe.'"));
        yield return new("beheer/verlof/instellingen?handler=AddType", "a leave type", Admin,
            DoubleSubmitSweep.Page("/beheer/verlof/instellingen", "AddType", f => f.Set("name", "Sweep: religieuze feestdag")),
            Rows("SELECT count(*) FROM leave_types WHERE name = 'Sweep: religieuze feestdag'"));
        var demoLeave = SweepApp.Id("leave/1");
        yield return new("beheer/verlof/{id:guid}?handler=Approve", "a leave decision (approved)", Admin,
            DoubleSubmitSweep.Page($"/beheer/verlof/{demoLeave}", fill: f => f.Set("note", "Sweep: fijne dagen.").Press(f.SubmitButtons.Single(b => b.GetAttribute("formaction") == "?handler=Approve"))),
            Rows("SELECT count(*) FROM leave_request_events WHERE leave_request_id = $1 AND action = 'Approved'", demoLeave));
        yield return new("beheer/verlof/{id:guid}?handler=Reject", "a leave decision (refused)", Admin,
            async client =>
            {
                var request = await SweepLeaveAsync();
                return await DoubleSubmitSweep.Page($"/beheer/verlof/{request}", fill: f => f.Set("note", "Sweep: helaas.").Press(f.SubmitButtons.Single(b => b.GetAttribute("formaction") == "?handler=Reject")))(client);
            },
            Rows("SELECT count(*) FROM leave_request_events e JOIN leave_requests r ON r.id = e.leave_request_id WHERE r.reason LIKE 'Sweep:%' AND e.action = 'Rejected'"));
        yield return new("beheer/verlof/{id:guid}?handler=Forward", "a leave request forwarded to the attendance officer", Admin,
            async client =>
            {
                var request = await SweepLeaveAsync("Sweep: doorsturen", "2027-03-03");
                await app.Database.ExecuteAsync("UPDATE leave_requests SET forward_to_attendance_officer = true WHERE id = $1", request);
                await app.Database.ExecuteAsync(
                    "INSERT INTO leave_settings (tenant_id, lead_time_weeks, attendance_officer_email, updated_at) VALUES ($1, 8, 'leerplicht.sweep@gemeente.test', now()) "
                    + "ON CONFLICT (tenant_id) DO UPDATE SET attendance_officer_email = excluded.attendance_officer_email", SweepApp.Regenboog);
                return await DoubleSubmitSweep.Page($"/beheer/verlof/{request}", "Forward")(client);
            },
            Rows("SELECT count(*) FROM leave_request_events e JOIN leave_requests r ON r.id = e.leave_request_id WHERE r.reason = 'Sweep: doorsturen' AND e.action = 'Forwarded'"));

        yield return new("beheer/verlof/{id:guid}?handler=Officer", "the leerplichtambtenaar's decision recorded on a forwarded request", Admin,
            async client =>
            {
                var request = await SweepLeaveAsync("Sweep: besluit leerplichtambtenaar", "2027-03-04");
                await app.Database.ExecuteAsync(
                    "UPDATE leave_requests SET forward_to_attendance_officer = true, status = 'Forwarded', forwarded_at = $2 WHERE id = $1", request, app.Now);
                return await DoubleSubmitSweep.Page($"/beheer/verlof/{request}", "Officer", f => f.Set("Officer.Decision", "Approve")
                    .Set("Officer.DecidedOn", app.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Set("Officer.Reference", "LPA-SWEEP-1"))(client);
            },
            Rows("SELECT count(*) FROM leave_request_events e JOIN leave_requests r ON r.id = e.leave_request_id WHERE r.reason = 'Sweep: besluit leerplichtambtenaar' AND e.action = 'OfficerApproved'"));

        // Questions
        yield return new("vragen/nieuw", "a question to the teacher", Parent,
            DoubleSubmitSweep.Page("/vragen/nieuw", fill: f => f.Set("pupilId", Noor.ToString()).Set("subject", "Sweep: gymkleding").Set("body", "Moet Noor morgen gymkleding mee?")),
            Rows("SELECT count(*) FROM conversations WHERE subject = 'Sweep: gymkleding'"));
        var conversation = SweepApp.Id("conversation/1");
        yield return new("vragen/{id:guid}", "a reply", Teacher,
            DoubleSubmitSweep.Page($"/vragen/{conversation}", fill: f => f.Set("body", "Sweep: ja, graag.")),
            Rows("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", conversation));

        // Conferences
        yield return new("gesprekken?handler=Book", "a conference booking", Parent,
            DoubleSubmitSweep.Page("/gesprekken", "Book", f => f.Press(f.SubmitButtons.First(b => b.GetAttribute("name") == "slotId"))),
            Rows("SELECT count(*) FROM conference_bookings WHERE pupil_id = $1", Noor));
        yield return new("gesprekken?handler=Cancel", "a cancelled booking (it mails the cancellation)", Parent,
            // As sent from the confirmation step: the same fields plus "confirmed".
            DoubleSubmitSweep.Page("/gesprekken", "Cancel", f => f.Set("confirmed", "true")),
            Rows("SELECT count(*) FROM conference_bookings WHERE pupil_id = $1", Noor),
            Expected: () => Task.FromResult(-1L));
        yield return new("gesprekken/rondes/nieuw", "a conference round", Admin,
            DoubleSubmitSweep.Page("/gesprekken/rondes/nieuw", fill: f => f.Set("Form.Title", "Sweep: rapportgesprekken groep 8").Set("Form.GroupIds", g8.ToString())
                .Set("Form.SlotMinutes", "15").Set("Form.OpensDate", "2026-12-01").Set("Form.OpensTime", "08:00")
                .Set("Form.ClosesDate", "2026-12-15").Set("Form.ClosesTime", "20:00")),
            Rows("SELECT count(*) FROM conference_rounds WHERE title = 'Sweep: rapportgesprekken groep 8'"));
        yield return new("gesprekken/rondes/{id:guid}?handler=AddWindow", "a window of slots", Admin,
            async client => await DoubleSubmitSweep.Page($"/gesprekken/rondes/{await round.Value}", "AddWindow", f => f.Set("Window.Date", "2026-12-16")
                .Set("Window.Start", "13:00").Set("Window.End", "14:00").Set("Window.Breaks", ""))(client),
            async () => await CountAsync("SELECT count(*) FROM conference_windows WHERE round_id = $1", await round.Value));
        yield return new("gesprekken/rondes/{id:guid}?handler=AddSlot", "an extra slot", Admin,
            async client => await DoubleSubmitSweep.Page($"/gesprekken/rondes/{await round.Value}", "AddSlot", f => f.Set("date", "2026-12-17").Set("start", "18:00"))(client),
            async () => await CountAsync("SELECT count(*) FROM conference_slots WHERE round_id = $1", await round.Value));
        yield return new("gesprekken/rondes/{id:guid}?handler=Remind", "a reminder to parents who did not book", Admin,
            async client => await DoubleSubmitSweep.Page($"/gesprekken/rondes/{await round.Value}", "Remind")(client),
            async () => await CountAsync("SELECT count(*) FROM notifications WHERE kind = 'conference.remind' AND source_id = $1", await round.Value),
            // One reminder to each guardian of a child without a booking.
            Expected: async () => await CountAsync(
                "SELECT count(DISTINCT g.user_id) FROM guardianships g JOIN pupils p ON p.id = g.pupil_id WHERE p.archived_at IS NULL "
                + "AND p.group_id IN (SELECT group_id FROM conference_round_groups WHERE round_id = $1) "
                + "AND NOT EXISTS (SELECT 1 FROM conference_bookings b WHERE b.round_id = $1 AND b.pupil_id = p.id)", await round.Value));

        // Account
        yield return new("Account/Register", "a new parent account", null,
            async client => await DoubleSubmitSweep.Page($"/Account/Register?code={await app.IssueCodeAsync(Femke)}", fill: f => f.Set("Input.FirstName", "Sweep")
                .Set("Input.LastName", "Ouder").Set("Input.Email", "sweep.nieuw@ouders.test").Set("Input.Password", SchoolApp.Password))(client),
            Rows("SELECT count(*) FROM users WHERE email = 'sweep.nieuw@ouders.test'"));
        yield return new("Account/Join?handler=Link", "a child linked to a signed-in parent", Parent,
            async client =>
            {
                var check = await DoubleSubmitSweep.Page("/Account/Join")(client);
                var code = await app.IssueCodeAsync(Yara);
                check.Set("Code", code);
                using var step = await check.SubmitAsync(client);
                var form = (await step.HtmlAsync()).QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => DoubleSubmitSweep.HandlerOf(f) == "Link");
                return RenderedForm.From(form, "/Account/Join");
            },
            Rows("SELECT count(*) FROM guardianships WHERE pupil_id = $1 AND user_id = $2", Yara, parentId));
        yield return new("Account/Join?handler=SignIn", "a child linked while signing in", null,
            async client =>
            {
                var check = await DoubleSubmitSweep.Page("/Account/Join")(client);
                check.Set("Code", await app.IssueCodeAsync(Yara));
                using var step = await check.SubmitAsync(client);
                var form = (await step.HtmlAsync()).QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => DoubleSubmitSweep.HandlerOf(f) == "SignIn");
                return RenderedForm.From(form, "/Account/Join").Set("Email", "mark.jansen@ouders.test").Set("Password", DemoData.Password);
            },
            Rows("SELECT count(*) FROM guardianships g JOIN users u ON u.id = g.user_id WHERE g.pupil_id = $1 AND u.email = 'mark.jansen@ouders.test'", Yara),
            SignsIn: true);
        yield return new("Account/ResendActivation", "a fresh activation mail to an account that is not activated yet", null,
            async client =>
            {
                var register = await DoubleSubmitSweep.Page($"/Account/Register?code={await app.IssueCodeAsync(Femke)}", fill: f => f.Set("Input.FirstName", "Sweep")
                    .Set("Input.LastName", "Opnieuw").Set("Input.Email", "sweep.opnieuw@ouders.test").Set("Input.Password", SchoolApp.Password))(client);
                using var registered = await register.SubmitAsync(client);
                return await DoubleSubmitSweep.Page("/Account/ResendActivation", fill: f => f.Set("Email", "sweep.opnieuw@ouders.test"))(client);
            },
            Rows("SELECT count(*) FROM outbox_emails WHERE to_address = 'sweep.opnieuw@ouders.test'"));
        yield return new("Account/ForgotPassword", "a password reset mail", null,
            DoubleSubmitSweep.Page("/Account/ForgotPassword", fill: f => f.Set("Email", "aisha.elamrani@ouders.test")),
            Rows("SELECT count(*) FROM outbox_emails WHERE to_address = 'aisha.elamrani@ouders.test'"));
        yield return new("Account/Settings/Email", "a confirmation mail to a new address", "kirsten.dhondt@ouders.test",
            DoubleSubmitSweep.Page("/Account/Settings/Email", fill: f => f.Set("NewEmail", "sweep.kirsten@ouders.test").Set("CurrentPassword", DemoData.Password)),
            Rows("SELECT count(*) FROM outbox_emails WHERE to_address = 'sweep.kirsten@ouders.test'"));
        yield return new("Account/ConfirmEmail", "a confirmed address change (and the notice to the old address)", "kirsten.dhondt@ouders.test",
            async client =>
            {
                var mail = await app.Database.ScalarAsync<string>(
                    "SELECT text_body FROM outbox_emails WHERE to_address = 'sweep.kirsten@ouders.test' AND kind = 'account.email-change' ORDER BY created_at LIMIT 1");
                var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail, @"https?://\S+/Account/ConfirmEmail\?\S+").Value);
                return await DoubleSubmitSweep.Page(link.PathAndQuery)(client);
            },
            Rows("SELECT count(*) FROM users WHERE email = 'sweep.kirsten@ouders.test'"));
    }

    /// <summary>A pending leave request of the demo parent, sent by hand (no form key) as setup.</summary>
    private async Task<Guid> SweepLeaveAsync(string reason = "Sweep: huwelijk van een oom.", string day = "2027-03-01")
    {
        using var parent = await app.SignedInAsync("regenboog", Parent, DemoData.Password);
        var form = (await RenderedForm.FromPageAsync(parent, "/verlof/aanvragen")).Remove(FormKeys.FieldName)
            .Set("Input.PupilIds", Noor.ToString()).Set("Input.Type", "ImportantCircumstances").Set("Input.Start", day).Set("Input.End", day)
            .Set("Input.Reason", reason).AttachFile("Input.Attachment", "verklaring.pdf", TestFiles.Pdf("Verklaring"), "application/pdf");
        using var sent = await form.SubmitAsync(parent);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect,
            $"setup leave request answered {(int)sent.StatusCode}: {(await sent.HtmlAsync()).QuerySelector(".errors, [role=alert]")?.TextContent}");
        return Guid.Parse(sent.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public void EveryPostHandlerHasARecipeOrAReasonWhyItCreatesNothing()
    {
        DoubleSubmitSweep.AssertCoverage(DoubleSubmitSweep.PostHandlers(app.Services), Recipes(), CreatesNothing, atLeast: 80);
    }

    [Fact]
    public async Task EveryFormThatCreatesOrSendsSomethingHasOneEffectWhenSentTwiceAtOnceAndAgainLater()
    {
        var handlers = DoubleSubmitSweep.PostHandlers(app.Services);
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var swept = 0;
        try
        {
            foreach (var recipe in Recipes())
            {
                if (recipe.User is not null && !clients.ContainsKey(recipe.User))
                {
                    clients[recipe.User] = await app.SignedInAsync(recipe.User);
                }
                using var visitor = recipe.User is null ? app.ClientFor("regenboog") : null;
                await DoubleSubmitSweep.SweepAsync(recipe, visitor ?? clients[recipe.User!], handlers, app.Database, output.WriteLine, failures);
                swept++;
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        output.WriteLine($"Swept {swept} forms of the school app's {handlers.Count} POST handlers ({CreatesNothing.Count} create nothing).");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
