using System.Net;
using System.Text;
using Npgsql;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Leave;

public sealed class LeaveTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% werkgeversverklaring\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    /// <summary>A child of its own per test, so the once-per-year and overlap rules of one test do not touch another.</summary>
    private async Task<Guid> ChildAsync(string name, Guid? group = null)
    {
        var child = await app.A.AddPupilAsync(group ?? app.G34, name, "Jansen");
        await app.A.LinkGuardianAsync(child, app.Parent);
        await app.A.LinkGuardianAsync(child, app.OtherGuardian);
        return child;
    }

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, Guid[] children, string type, string start, string end,
        string reason = "Werk van vader laat geen vakantie in de zomer toe.", byte[]? file = null, string fileName = "verklaring.pdf", string? handler = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var child in children)
        {
            content.Add(new StringContent(child.ToString()), "Input.PupilIds");
        }
        content.Add(new StringContent(type), "Input.Type");
        content.Add(new StringContent(start), "Input.Start");
        content.Add(new StringContent(end), "Input.End");
        content.Add(new StringContent(reason), "Input.Reason");
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            content.Add(part, "Input.Attachment", fileName);
        }
        return await client.PostMultipartAsync("/verlof/aanvragen" + (handler is null ? "" : "?handler=" + handler), content, "/verlof/aanvragen");
    }

    private Task<long> RequestsOfAsync(Guid child) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_request_children WHERE pupil_id = $1", child);

    private static Guid IdFrom(HttpResponseMessage response) => Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());

    [Fact]
    public async Task AParentRequestsThreeDaysVakantieverlofNineWeeksAheadWithAnEmployerStatementAndTheDirectorApprovesIt()
    {
        var child = await ChildAsync("Vera");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], "Vacation", "2027-02-01", "2027-02-03", file: Pdf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response);
        Assert.Equal(3, await app.Database.ScalarAsync<int>("SELECT school_days FROM leave_requests WHERE id = $1", id));
        Assert.Equal("Pending", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        var details = await parent.GetStringAsync($"/verlof/{id}");
        Assert.Contains("In behandeling", details);
        Assert.Contains("verklaring.pdf", details);
        // The director hears of it.
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'leave.requested' AND source_id = $1 AND user_id = $2", id, app.Admin));

        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        Assert.Contains("Vera Jansen", await director.GetStringAsync("/beheer/verlof"));
        using (var file = await director.GetAsync($"/verlof/{id}/bijlage"))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        }
        using (var approve = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Approve",
            new Dictionary<string, string> { ["note"] = "Fijne vakantie." }, $"/beheer/verlof/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }
        Assert.Equal("Approved", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        Assert.Equal(app.Admin, await app.Database.ScalarAsync<Guid>("SELECT by_user_id FROM leave_request_events WHERE leave_request_id = $1 AND action = 'Approved'", id));
        // Both guardians get the decision.
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'leave.decided' AND source_id = $1", id));
        var mail = await app.Mail.WaitForMessageAsync("vader@zon.test", m => m.Subject == "Verlof toegekend voor Vera");
        Assert.Contains("maandag 1 februari 2027 tot en met woensdag 3 februari 2027 is toegekend. Fijne vakantie.", mail.TextBody);
        var after = await parent.GetStringAsync($"/verlof/{id}");
        Assert.Contains("Toegekend", after);
        Assert.DoesNotContain("Aanvraag intrekken", after);
    }

    [Fact]
    public async Task VakantieverlofInTheFirstWeekOfTheSchoolYearIsRefusedWithTheReasonAndNothingIsSaved()
    {
        var child = await ChildAsync("Wies");
        app.SetNow("2027-05-03 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], "Vacation", "2027-08-30", "2027-09-03", file: Pdf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        Assert.Contains("Vakantieverlof is nooit toegestaan in de eerste twee weken van het schooljaar (maandag 30 augustus 2027 tot en met zondag 12 september 2027)", errors);
        Assert.Contains("Er is niets opgeslagen", errors);
        Assert.Equal(0L, await RequestsOfAsync(child));
    }

    [Fact]
    public async Task CheckingExplainsWarningsWithoutSavingAndASubmittedRequestKeepsThemForTheDirector()
    {
        var child = await ChildAsync("Ties");
        app.SetNow("2026-12-01 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using (var check = await RequestAsync(parent, [child], "Vacation", "2027-01-25", "2027-01-27", file: Pdf, handler: "Check"))
        {
            var status = (await check.HtmlAsync()).QuerySelector("[role=status]")!.TextContent;
            Assert.Contains("Controle: 3 schooldagen", status);
            Assert.Contains("minstens 8 weken vooraf aan (uiterlijk maandag 30 november 2026)", status);
            Assert.Contains("nog niet verstuurd", status);
        }
        // One day is "1 schooldag", not "1 schooldagen".
        using (var oneDay = await RequestAsync(parent, [child], "Vacation", "2027-01-25", "2027-01-25", file: Pdf, handler: "Check"))
        {
            var status = (await oneDay.HtmlAsync()).QuerySelector("[role=status]")!.TextContent;
            Assert.Contains("Controle: 1 schooldag.", status);
        }
        Assert.Equal(0L, await RequestsOfAsync(child));
        using var send = await RequestAsync(parent, [child], "Vacation", "2027-01-25", "2027-01-27", file: Pdf);
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        Assert.Contains("Later aangevraagd dan de termijn", await director.GetStringAsync($"/beheer/verlof/{IdFrom(send)}"));
        // The director's list: one remark is "1 opmerking".
        var row = (await director.GetHtmlAsync("/beheer/verlof")).QuerySelectorAll("tr").First(r => r.InnerHtml.Contains(IdFrom(send).ToString(), StringComparison.Ordinal));
        Assert.Contains("1 opmerking", row.TextContent);
        Assert.DoesNotContain("1 opmerkingen", row.TextContent);
    }

    [Fact]
    public async Task BadRequestsShowAClearMessageAndSaveNothing()
    {
        var child = await ChildAsync("Bo");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using (var first = await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-02", reason: "Huwelijk van oom"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        var cases = new (Func<Task<HttpResponseMessage>> Post, string Message)[]
        {
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2026-11-27", "2026-12-01"), "De eerste dag ligt in het verleden"),
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-02", "2027-03-03"), "Voor Bo is al verlof aangevraagd of verleend van maandag 1 maart 2027 tot en met dinsdag 2 maart 2027"),
            (() => RequestAsync(parent, [child, app.Sem], "ImportantCircumstances", "2027-04-05", "2027-04-06"), "Je kunt alleen verlof aanvragen voor kinderen die aan je account gekoppeld zijn"),
            (() => RequestAsync(parent, [child], "Vacation", "2027-04-05", "2027-04-06"), "Vakantieverlof kan alleen met een verklaring van de werkgever"),
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2027-04-05", "2027-04-06", reason: new string('x', 2001)), "De reden is te lang (hoogstens 2000 tekens)"),
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2027-04-05", "2027-04-06", reason: " "), "Vul de reden in"),
            (() => RequestAsync(parent, [child], "Vacation", "2027-04-05", "2027-04-06", file: Encoding.ASCII.GetBytes("MZ not a pdf"), fileName: "virus.pdf"), "De bijlage moet een PDF, JPG of PNG zijn"),
            (() => RequestAsync(parent, [], "ImportantCircumstances", "2027-04-05", "2027-04-06"), "Kies voor welk kind of welke kinderen"),
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2027-04-06", "2027-04-05"), "De laatste dag ligt voor de eerste dag"),
            (() => RequestAsync(parent, [child], "ImportantCircumstances", "2027-04-05", "niet-een-datum"), "een datum of keuze is niet geldig"),
            (() => RequestAsync(parent, [child], Guid.NewGuid().ToString(), "2027-04-05", "2027-04-06"), "Kies een soort verlof"),
        };
        var requestsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests");
        var blobsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs");
        foreach (var (post, message) in cases)
        {
            using var response = await post();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = (await response.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "";
            Assert.Contains(message, errors);
        }
        Assert.Equal(requestsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests"));
        Assert.Equal(blobsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs"));
        Assert.Equal(1L, await RequestsOfAsync(child));
    }

    [Fact]
    public async Task GewichtigeOmstandighedenAboveTenDaysAreForwardedToTheLeerplichtambtenaarWithASummary()
    {
        var child = await ChildAsync("Fenna");
        app.SetNow("2026-11-30 10:00");
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        (await director.PostFormAsync("/beheer/verlof/instellingen?handler=Settings", new Dictionary<string, string>
        {
            ["leadTimeWeeks"] = "8", ["officerEmail"] = "leerplicht@gemeente.test",
        }, "/beheer/verlof/instellingen")).Dispose();
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-15",
            reason: "Begrafenis van opa in Suriname", file: Pdf, fileName: "overlijdensbericht.pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response);
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT forward_to_attendance_officer FROM leave_requests WHERE id = $1", id));

        var page = await director.GetHtmlAsync($"/beheer/verlof/{id}");
        var summary = page.QuerySelector("pre.summary")!.TextContent;
        Assert.Contains("Leerling: Fenna Jansen", summary);
        Assert.Contains("(11 schooldagen)", summary);
        Assert.Contains("Begrafenis van opa in Suriname", summary);
        Assert.Contains("Totaal dit schooljaar met deze aanvraag: 11 schooldagen", summary);

        using (var forward = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Forward", new Dictionary<string, string>(), $"/beheer/verlof/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, forward.StatusCode);
        }
        Assert.Equal("Forwarded", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        var mail = await app.Mail.WaitForMessageAsync("leerplicht@gemeente.test");
        Assert.Contains("Leerling: Fenna Jansen", mail.TextBody);
        Assert.Contains(mail.Attachments, a => a.ContentDisposition?.FileName == "overlijdensbericht.pdf");
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'leave.forwarded' AND source_id = $1", id));

        // The officer's decision is recorded afterwards; a rejection needs a note.
        using (var bare = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Reject", new Dictionary<string, string> { ["note"] = "" }, $"/beheer/verlof/{id}"))
        {
            Assert.Contains("Geef bij een afwijzing de reden op", await bare.Content.ReadAsStringAsync());
        }
        Assert.Equal("Forwarded", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        using (var reject = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Reject",
            new Dictionary<string, string> { ["note"] = "De leerplichtambtenaar geeft 5 dagen; vraag die opnieuw aan." }, $"/beheer/verlof/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        }
        Assert.Equal("Rejected", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        await app.Database.ExecuteAsync("DELETE FROM leave_settings");
    }

    [Fact]
    public async Task AGuardianCanWithdrawAnOpenRequestAndItCannotBeDecidedAfterwards()
    {
        var child = await ChildAsync("Lot");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-01", reason: "Verhuizing");
        var id = IdFrom(response);

        using (var stranger = await app.SignedInAsync("zon", "ander@zon.test"))
        {
            using var look = await stranger.GetAsync($"/verlof/{id}");
            Assert.Equal(HttpStatusCode.NotFound, look.StatusCode);
            using var withdraw = await stranger.PostFormAsync($"/verlof/{id}?handler=Withdraw", new Dictionary<string, string>(), "/verlof");
            Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        }
        using var father = await app.SignedInAsync("zon", "vader@zon.test");
        // Withdrawing cannot be undone: the first tap only asks.
        using (var asked = await father.PostFormAsync($"/verlof/{id}?handler=Withdraw", new Dictionary<string, string>(), $"/verlof/{id}"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "intrekken");
            Assert.Equal("Pending", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
            using var withdraw = await father.SubmitAsync($"/verlof/{id}?handler=Withdraw", yes);
            Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        }
        Assert.Equal("Withdrawn", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        using var approve = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Approve", new Dictionary<string, string>(), $"/beheer/verlof/{id}");
        Assert.Contains("Over deze aanvraag is al beslist of hij is ingetrokken", await approve.Content.ReadAsStringAsync());
        Assert.Equal("Withdrawn", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
        Assert.Equal(new[] { "Requested", "Withdrawn" }, (await app.Database.ScalarAsync<string[]>(
            "SELECT array_agg(action ORDER BY at) FROM leave_request_events WHERE leave_request_id = $1", id)));
    }

    [Fact]
    public async Task TheHistoryOfDecisionsIsAppendOnly()
    {
        var child = await ChildAsync("Mees");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-01", reason: "Jubileum");
        var id = IdFrom(response);
        await Assert.ThrowsAsync<PostgresException>(() => app.Database.ExecuteAsync("UPDATE leave_request_events SET note = 'x' WHERE leave_request_id = $1", id));
        await Assert.ThrowsAsync<PostgresException>(() => app.Database.ExecuteAsync("DELETE FROM leave_request_events WHERE leave_request_id = $1", id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_request_events WHERE leave_request_id = $1", id));
    }

    [Fact]
    public async Task TheDirectorExportsAllDecisionsAsCsvAndOnlyTheDirectorMay()
    {
        var child = await ChildAsync("Export");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var id = IdFrom(await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-08", "2027-03-09", reason: "=HYPERLINK(\"x\")"));
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        (await director.PostFormAsync($"/beheer/verlof/{id}?handler=Approve", new Dictionary<string, string> { ["note"] = "Akkoord" }, $"/beheer/verlof/{id}")).Dispose();

        using var csv = await director.GetAsync("/beheer/verlof/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"Aanvraag\";\"Aangevraagd op\";\"Leerling\"", lines[0]);
        var row = lines.Single(l => l.Contains(id.ToString()));
        Assert.Contains("\"Export Jansen\"", row);
        Assert.Contains("\"Toegekend\"", row);
        Assert.Contains("\"Akkoord\"", row);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", row); // a formula is defused
        Assert.DoesNotContain("Bram", text);

        using var teacher = await app.SignedInAsync("zon", "lisa@zon.test");
        using (var denied = await teacher.GetAsync("/beheer/verlof/export.csv"))
        {
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        }
        using var deniedPage = await teacher.GetAsync($"/beheer/verlof/{id}");
        Assert.NotEqual(HttpStatusCode.OK, deniedPage.StatusCode);
    }

    [Fact]
    public async Task ASchoolDefinedTypeCanBeRequestedAndTheDirectorDecides()
    {
        var child = await ChildAsync("Suus");
        app.SetNow("2026-11-30 10:00");
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        (await director.PostFormAsync("/beheer/verlof/instellingen?handler=AddType", new Dictionary<string, string> { ["name"] = "Religieuze feestdag" },
            "/beheer/verlof/instellingen")).Dispose();
        using (var bad = await director.PostFormAsync("/beheer/verlof/instellingen?handler=AddType", new Dictionary<string, string> { ["name"] = new string('x', 81) },
            "/beheer/verlof/instellingen"))
        {
            Assert.Contains("Vul een naam in van hoogstens 80 tekens", await bad.Content.ReadAsStringAsync());
        }
        var typeId = await app.Database.ScalarAsync<Guid>("SELECT id FROM leave_types WHERE name = 'Religieuze feestdag'");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await RequestAsync(parent, [child], typeId.ToString(), "2026-12-08", "2026-12-08", reason: "Offerfeest");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Religieuze feestdag", await parent.GetStringAsync("/verlof"));
    }

    [Fact]
    public async Task AnotherSchoolCannotReachARequestItsAttachmentOrItsDecision()
    {
        var child = await ChildAsync("Geheim");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var id = IdFrom(await RequestAsync(parent, [child], "Vacation", "2027-02-08", "2027-02-09", file: Pdf));

        using var otherDirector = await app.SignedInAsync("maan", "directie@maan.test");
        foreach (var path in new[] { $"/beheer/verlof/{id}", $"/verlof/{id}/bijlage" })
        {
            using var response = await otherDirector.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var approve = await otherDirector.PostFormAsync($"/beheer/verlof/{id}?handler=Approve", new Dictionary<string, string>(), "/beheer/verlof"))
        {
            Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        }
        Assert.DoesNotContain("Geheim", await otherDirector.GetStringAsync("/beheer/verlof?all=true"));
        Assert.DoesNotContain("Geheim", await otherDirector.GetStringAsync("/beheer/verlof/export.csv"));
        using var otherParent = await app.SignedInAsync("maan", "ouder@maan.test");
        using (var look = await otherParent.GetAsync($"/verlof/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, look.StatusCode);
        }
        // A parent of the same school who is not a guardian of the child cannot fetch the employer statement either.
        using var stranger = await app.SignedInAsync("zon", "ander@zon.test");
        using var file = await stranger.GetAsync($"/verlof/{id}/bijlage");
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal("Pending", await app.Database.ScalarAsync<string>("SELECT status FROM leave_requests WHERE id = $1", id));
    }

    [Fact]
    public async Task TheLeavePagesAnswerNotFoundWhenTheModuleIsOff()
    {
        var off = await app.CreateSchoolAsync("geenverlof", modules: [Schoolplein.Platform.Modules.SchoolModules.Absence]);
        await off.AddUserAsync("directie@geenverlof.test", Roles.SchoolAdmin, Roles.Parent);
        using var client = await app.SignedInAsync("geenverlof", "directie@geenverlof.test");
        foreach (var path in new[] { "/verlof", "/verlof/aanvragen", "/beheer/verlof", "/beheer/verlof/instellingen", "/beheer/verlof/export.csv" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
