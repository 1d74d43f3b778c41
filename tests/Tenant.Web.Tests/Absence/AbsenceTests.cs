using System.Net;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Absence;

public sealed class AbsenceTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private async Task<HttpClient> ParentAsync(string now, string email = "ouder@zon.test")
    {
        await app.Database.ExecuteAsync("DELETE FROM absence_reports");
        app.SetNow(now);
        return await app.SignedInAsync("zon", email);
    }

    private static async Task<string> ReasonIdAsync(HttpClient client, string name)
    {
        var page = await client.GetHtmlAsync("/afwezigheid");
        var option = page.QuerySelectorAll("#reason option").FirstOrDefault(o => o.TextContent.Trim() == name)
            ?? throw new InvalidOperationException($"No reason '{name}' on the page");
        return option.GetAttribute("value")!;
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, Guid pupil, string reasonId, string? from = null,
        string until = "Better", string? to = null, string? note = null)
    {
        var fields = new Dictionary<string, string> { ["Input.PupilId"] = pupil.ToString(), ["Input.ReasonId"] = reasonId, ["Input.Until"] = until };
        if (from is not null) { fields["Input.FromDate"] = from; }
        if (to is not null) { fields["Input.ToDate"] = to; }
        if (note is not null) { fields["Input.Note"] = note; }
        return client.PostFormAsync("/afwezigheid", fields);
    }

    private Task<long> ReportCountAsync() => app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports");

    [Fact]
    public async Task AParentReportsAChildSickAndBothTeachersOfTheGroupSeeItTodayButAnotherTeacherDoesNot()
    {
        using var parent = await ParentAsync("2026-11-30 07:30");
        var sick = await ReasonIdAsync(parent, "Ziek");
        using (var response = await ReportAsync(parent, app.Noor, sick, note: "Koorts"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var confirmation = await parent.GetStringAsync("/afwezigheid");
        Assert.Contains("Afwezig vanaf maandag 30 november", confirmation);
        Assert.Equal(new DateOnly(2026, 11, 30), await app.Database.ScalarAsync<DateOnly>("SELECT from_date FROM absence_reports WHERE pupil_id = $1", app.Noor));

        foreach (var teacher in new[] { "lisa@zon.test", "joyce@zon.test" })
        {
            using var client = await app.SignedInAsync("zon", teacher);
            var today = await client.GetHtmlAsync("/afwezigheid/vandaag");
            var group = today.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")!.TextContent.Contains("Groep 3/4"));
            Assert.Contains("Noor Jansen", group.TextContent);
            Assert.Contains("Ziek", group.TextContent);
            Assert.Contains("1 van 1 afwezig", group.TextContent);
        }
        using var kees = await app.SignedInAsync("zon", "kees@zon.test");
        var keesPage = await kees.GetStringAsync("/afwezigheid/vandaag");
        Assert.DoesNotContain("Noor", keesPage);
        Assert.DoesNotContain("Groep 3/4", keesPage);

        // All guardians of the child are notified, in-app and by mail.
        var reportId = await app.Database.ScalarAsync<Guid>("SELECT id FROM absence_reports WHERE pupil_id = $1", app.Noor);
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'absence.reported' AND source_id = $1 AND user_id = ANY($2)", reportId, new[] { app.Parent, app.OtherGuardian }));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE source_id = $1", reportId));
        var mail = await app.Mail.WaitForMessageAsync("vader@zon.test", m => m.Subject.Contains("Noor"));
        Assert.Equal("Noor is afwezig gemeld", mail.Subject);
    }

    [Fact]
    public async Task APhoneOnlyReasonShowsTheSchoolsPhoneNumberAndStoresNothing()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await app.Database.ExecuteAsync("DELETE FROM absence_reports");
        using (var add = await admin.PostFormAsync("/beheer/afwezigheid/instellingen?handler=AddReason",
            new Dictionary<string, string> { ["name"] = "Corona", ["phoneOnly"] = "true" }, "/beheer/afwezigheid/instellingen"))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }
        using var parent = await ParentAsync("2026-11-30 07:45");
        var corona = await ReasonIdAsync(parent, "Corona");
        var notificationsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications");

        using var response = await ReportAsync(parent, app.Noor, corona);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        var call = html.QuerySelector("#call-school")!;
        Assert.Contains("030 123 45 67", call.TextContent);
        Assert.Contains("alleen telefonisch", call.TextContent);
        Assert.Contains("Er is niets opgeslagen", call.TextContent);
        Assert.Equal(0L, await ReportCountAsync());
        Assert.Equal(notificationsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications"));
        // The form marks the reason so the note shows as soon as it is chosen.
        Assert.Equal("true", html.QuerySelector($"#reason option[value='{corona}']")!.GetAttribute("data-phone-only"));
    }

    [Fact]
    public async Task AfterTheCutOffAReportForTodayStartsOnTheNextSchoolDay()
    {
        using var parent = await ParentAsync("2026-12-04 08:45"); // Friday, after 08:30
        var sick = await ReasonIdAsync(parent, "Ziek");
        var form = await parent.GetHtmlAsync("/afwezigheid");
        Assert.Equal("2026-12-07", form.QuerySelector("#from")!.GetAttribute("value"));

        using var response = await ReportAsync(parent, app.Noor, sick, from: "2026-12-04");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 7), await app.Database.ScalarAsync<DateOnly>("SELECT from_date FROM absence_reports WHERE pupil_id = $1", app.Noor));
        Assert.Contains("maandag 7 december", await parent.GetStringAsync("/afwezigheid"));
    }

    [Fact]
    public async Task WhenTheSchoolWantsCallsAfterTheCutOffTheNumberIsShownAndNothingIsStored()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using (var save = await admin.PostFormAsync("/beheer/afwezigheid/instellingen?handler=Settings", new Dictionary<string, string>
        {
            ["cutOff"] = "08:15", ["afterCutOff"] = "Phone", ["explanation"] = "", ["childcareEmail"] = "",
        }, "/beheer/afwezigheid/instellingen"))
        {
            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        }
        try
        {
            using var parent = await ParentAsync("2026-12-01 08:20");
            var sick = await ReasonIdAsync(parent, "Ziek");
            using var response = await ReportAsync(parent, app.Noor, sick, from: "2026-12-01");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Het is na 08:15 uur", html);
            Assert.Contains("030 123 45 67", html);
            Assert.Equal(0L, await ReportCountAsync());
            // Before the cut-off the same report goes through.
            app.SetNow("2026-12-01 08:10");
            using var early = await ReportAsync(parent, app.Noor, sick, from: "2026-12-01");
            Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
            Assert.Equal(1L, await ReportCountAsync());
        }
        finally
        {
            await app.Database.ExecuteAsync("DELETE FROM absence_settings");
        }
    }

    public static TheoryData<string, string, string?, string, string?, string?> BadReports => new()
    {
        // name, child, from, until, to, note → expected message
        { "past", "noor", "2026-11-27", "Better", null, null },
        { "to-before-from", "noor", "2026-12-02", "Date", "2026-12-01", null },
        { "no-to", "noor", "2026-12-02", "Date", null, null },
        { "note-too-long", "noor", null, "Better", null, new string('x', 501) },
        { "not-linked", "sem", null, "Better", null, null },
        { "weekend-only", "noor", "2026-12-05", "Date", "2026-12-06", null },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task BadReportsShowAClearMessageAndSaveNothing(string name, string child, string? from, string until, string? to, string? note)
    {
        using var parent = await ParentAsync("2026-11-30 07:30");
        var sick = await ReasonIdAsync(parent, "Ziek");
        using var response = await ReportAsync(parent, child == "sem" ? app.Sem : app.Noor, sick, from, until, to, note);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await response.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "";
        var expected = name switch
        {
            "past" => "De eerste dag ligt in het verleden",
            "to-before-from" => "De laatste dag ligt voor de eerste dag",
            "no-to" => "Vul de laatste dag in",
            "note-too-long" => "De toelichting is te lang (maximaal 500 tekens)",
            "not-linked" => "Dit kind is niet aan je account gekoppeld",
            _ => "In deze periode zijn geen schooldagen",
        };
        Assert.Contains(expected, error);
        Assert.Equal(0L, await ReportCountAsync());
    }

    [Fact]
    public async Task AChildHasOneOpenReportAndAnyGuardianCanReportItBetter()
    {
        using var parent = await ParentAsync("2026-11-30 07:30");
        var sick = await ReasonIdAsync(parent, "Ziek");
        (await ReportAsync(parent, app.Noor, sick)).Dispose();
        using (var again = await ReportAsync(parent, app.Noor, sick, from: "2026-12-02"))
        {
            Assert.Contains("Noor is voor deze periode al afwezig gemeld", await again.Content.ReadAsStringAsync());
        }
        Assert.Equal(1L, await ReportCountAsync());
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM absence_reports");

        // Another family's parent cannot even see it.
        using (var stranger = await app.SignedInAsync("zon", "ander@zon.test"))
        using (var denied = await stranger.GetAsync($"/afwezigheid/{id}/beter"))
        {
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }
        app.SetNow("2026-12-02 18:00");
        using var father = await app.SignedInAsync("zon", "vader@zon.test");
        var form = await father.GetHtmlAsync($"/afwezigheid/{id}/beter");
        Assert.Equal("2026-12-03", form.QuerySelector("#return")!.GetAttribute("value"));
        using (var past = await father.PostFormAsync($"/afwezigheid/{id}/beter", new Dictionary<string, string> { ["returnDate"] = "2026-12-01" }))
        {
            Assert.Contains("De dag van terugkomst ligt in het verleden", await past.Content.ReadAsStringAsync());
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT to_date IS NULL FROM absence_reports WHERE id = $1", id));
        using (var better = await father.PostFormAsync($"/afwezigheid/{id}/beter", new Dictionary<string, string> { ["returnDate"] = "2026-12-03" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, better.StatusCode);
        }
        Assert.Equal(new DateOnly(2026, 12, 2), await app.Database.ScalarAsync<DateOnly>("SELECT to_date FROM absence_reports WHERE id = $1", id));
        Assert.Equal(app.OtherGuardian, await app.Database.ScalarAsync<Guid>("SELECT ended_by_id FROM absence_reports WHERE id = $1", id));
        // Now a new report is possible again.
        using var next = await ReportAsync(father, app.Noor, sick, from: "2026-12-07");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task ReportsOfChildrenInChildcareAreMailedToTheChildcareContact()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        try
        {
            (await admin.PostFormAsync("/beheer/afwezigheid/instellingen?handler=Settings", new Dictionary<string, string>
            {
                ["cutOff"] = "08:30", ["afterCutOff"] = "NextSchoolDay", ["childcareEmail"] = "bso@opvang.test",
            }, "/beheer/afwezigheid/instellingen")).Dispose();
            (await admin.PostFormAsync("/beheer/afwezigheid/instellingen?handler=Childcare", new Dictionary<string, string>
            {
                ["pupilIds"] = app.Daan.ToString(),
            }, "/beheer/afwezigheid/instellingen")).Dispose();
            using var parent = await ParentAsync("2026-11-30 07:30");
            var sick = await ReasonIdAsync(parent, "Ziek");
            (await ReportAsync(parent, app.Noor, sick)).Dispose();
            (await ReportAsync(parent, app.Daan, sick, until: "Date", to: "2026-12-01")).Dispose();
            var mail = await app.Mail.WaitForMessageAsync("bso@opvang.test");
            Assert.Equal("Afmelding Daan Jansen", mail.Subject);
            Assert.Contains("maandag 30 november", mail.TextBody);
            Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE to_address = 'bso@opvang.test'"));
        }
        finally
        {
            await app.Database.ExecuteAsync("DELETE FROM absence_settings; DELETE FROM childcare_enrolments");
        }
    }

    [Fact]
    public async Task TheAdminOverviewShowsAbsencesPerDayAndAWeeklyChart()
    {
        using var parent = await ParentAsync("2026-11-30 07:30");
        var sick = await ReasonIdAsync(parent, "Ziek");
        (await ReportAsync(parent, app.Noor, sick, until: "Date", to: "2026-12-02")).Dispose();
        (await ReportAsync(parent, app.Daan, sick, until: "Date", to: "2026-11-30")).Dispose();
        app.SetNow("2026-12-04 12:00");
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        var page = await admin.GetHtmlAsync("/beheer/afwezigheid");
        Assert.NotNull(page.QuerySelector("svg.chart title"));
        var lastWeek = page.QuerySelectorAll("table.sr-table tbody tr").Last();
        Assert.Contains("30-11-2026", lastWeek.TextContent);
        Assert.Equal("4", lastWeek.QuerySelectorAll("td")[1].TextContent); // Noor 3 days + Daan 1 day
        var monday = page.QuerySelectorAll("section")[1].QuerySelectorAll("tbody tr")[0];
        Assert.Contains("Noor Jansen (Groep 3/4)", monday.TextContent);
        Assert.Contains("Daan Jansen (Groep 5)", monday.TextContent);

        using var teacher = await app.SignedInAsync("zon", "lisa@zon.test");
        using var forbidden = await teacher.GetAsync("/beheer/afwezigheid");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    [Fact]
    public async Task AnotherSchoolSeesNoneOfItAndCannotReachAReport()
    {
        using var parent = await ParentAsync("2026-11-30 07:30");
        var sick = await ReasonIdAsync(parent, "Ziek");
        (await ReportAsync(parent, app.Noor, sick)).Dispose();
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM absence_reports");

        using var otherParent = await app.SignedInAsync("maan", "ouder@maan.test");
        using (var response = await otherParent.GetAsync($"/afwezigheid/{id}/beter"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var post = await otherParent.PostFormAsync($"/afwezigheid/{id}/beter", new Dictionary<string, string>(), "/afwezigheid"))
        {
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        // A reason id or child of school A posted in school B is simply not there.
        using (var foreign = await ReportAsync(otherParent, app.Noor, sick))
        {
            Assert.Contains("Dit kind is niet aan je account gekoppeld", await foreign.Content.ReadAsStringAsync());
        }
        using var otherAdmin = await app.SignedInAsync("maan", "directie@maan.test");
        Assert.DoesNotContain("Noor", await otherAdmin.GetStringAsync("/afwezigheid/vandaag"));
        Assert.DoesNotContain("Noor", await otherAdmin.GetStringAsync("/beheer/afwezigheid"));
        Assert.Equal(1L, await ReportCountAsync());
    }

    [Fact]
    public async Task TheAbsencePagesAnswerNotFoundWhenTheModuleIsOff()
    {
        var off = await app.CreateSchoolAsync("zonder", modules: []);
        await off.AddUserAsync("directie@zonder.test", Schoolplein.Platform.Identity.Roles.SchoolAdmin, Schoolplein.Platform.Identity.Roles.Parent);
        using var client = await app.SignedInAsync("zonder", "directie@zonder.test");
        foreach (var path in new[] { "/afwezigheid", "/afwezigheid/vandaag", "/beheer/afwezigheid", "/beheer/afwezigheid/instellingen" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.DoesNotContain("href=\"/afwezigheid\"", await client.GetStringAsync("/"));
    }
}
