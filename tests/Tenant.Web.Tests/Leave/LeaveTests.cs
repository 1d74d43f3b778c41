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
        string reason = "Werk van vader laat geen vakantie in de zomer toe.", byte[]? file = null, string fileName = "verklaring.pdf", string? handler = null,
        string? field = null)
    {
        // A test's file is the employer statement for vakantieverlof, the general attachment otherwise, unless it says which field.
        field ??= type == "Vacation" ? "Input.EmployerStatement" : "Input.Attachment";
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
            content.Add(part, field, fileName);
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
        // Labelled as what it is, and downloaded from its own address.
        var statement = (await director.GetHtmlAsync($"/beheer/verlof/{id}")).QuerySelectorAll("dt").Single(dt => dt.TextContent == "Werkgeversverklaring").NextElementSibling!;
        Assert.Equal("verklaring.pdf", statement.TextContent.Trim());
        Assert.Equal($"/verlof/{id}/werkgeversverklaring", statement.QuerySelector("a")!.GetAttribute("href"));
        using (var file = await director.GetAsync($"/verlof/{id}/werkgeversverklaring"))
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

        // The officer's decision is recorded afterwards (see TheDirectorCannotDecideAboveTenSchoolDays...).
        using (var reject = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Officer", new Dictionary<string, string>
        {
            ["Officer.Decision"] = "Reject", ["Officer.DecidedOn"] = "2026-11-30", ["Officer.Reference"] = "LPA/2026/0412",
            ["Officer.Note"] = "De leerplichtambtenaar geeft 5 dagen; vraag die opnieuw aan.",
        }, $"/beheer/verlof/{id}"))
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
        foreach (var path in new[] { $"/beheer/verlof/{id}", $"/verlof/{id}/bijlage", $"/verlof/{id}/werkgeversverklaring" })
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
        using var file = await stranger.GetAsync($"/verlof/{id}/werkgeversverklaring");
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/verlof/{id}/werkgeversverklaring")).StatusCode);
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

    private Task<string?> StatusOfAsync(Guid id) => app.Database.ScalarAsync<string?>("SELECT status FROM leave_requests WHERE id = $1", id);

    private static Task<HttpResponseMessage> OfficerAsync(HttpClient director, Guid id, Dictionary<string, string> fields) =>
        director.PostFormAsync($"/beheer/verlof/{id}?handler=Officer", fields, $"/beheer/verlof/{id}");

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) => (await response.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "";

    [Fact]
    public async Task AboveTenSchoolDaysTheDirectorCannotDecideButForwardsAndRecordsTheLeerplichtambtenaarsDecisionWhichTheParentSees()
    {
        var child = await ChildAsync("Ilse");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        // 1 to 15 March 2027: eleven school days in the school's calendar.
        var id = IdFrom(await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-15", reason: "Begrafenis van oma in Marokko"));
        Assert.Equal(11, await app.Database.ScalarAsync<int>("SELECT school_days FROM leave_requests WHERE id = $1", id));

        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        var page = await director.GetHtmlAsync($"/beheer/verlof/{id}");
        Assert.Contains("de leerplichtambtenaar beslist, niet de directeur", page.Body!.TextContent);
        Assert.Empty(page.QuerySelectorAll("button[formaction='?handler=Approve'], button[formaction='?handler=Reject']"));
        // Posted anyway, before and after forwarding: refused with the reason, nothing changes.
        foreach (var handler in new[] { "Approve", "Reject" })
        {
            using var decide = await director.PostFormAsync($"/beheer/verlof/{id}?handler={handler}", new Dictionary<string, string> { ["note"] = "Akkoord" }, $"/beheer/verlof/{id}");
            Assert.Contains("Daarover beslist de leerplichtambtenaar, niet de directeur (Leerplichtwet art. 14 lid 3)", await ErrorsAsync(decide));
        }
        Assert.Equal("Pending", await StatusOfAsync(id));
        (await director.PostFormAsync($"/beheer/verlof/{id}?handler=Forward", new Dictionary<string, string>(), $"/beheer/verlof/{id}")).Dispose();
        Assert.Equal("Forwarded", await StatusOfAsync(id));
        using (var approve = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Approve", new Dictionary<string, string> { ["note"] = "Akkoord" }, $"/beheer/verlof/{id}"))
        {
            Assert.Contains("niet de directeur", await ErrorsAsync(approve));
        }
        Assert.Equal("Forwarded", await StatusOfAsync(id));

        // The parent sees that it went to the leerplichtambtenaar.
        var waiting = (await parent.GetHtmlAsync($"/verlof/{id}")).Body!.TextContent;
        Assert.Contains("Bij de leerplichtambtenaar", waiting);
        Assert.Contains("Doorgestuurd naar de leerplichtambtenaar", waiting);

        // Another school's director cannot record anything on it.
        using (var otherDirector = await app.SignedInAsync("maan", "directie@maan.test"))
        {
            using var foreign = await OfficerAsync(otherDirector, id, new Dictionary<string, string>
            {
                ["Officer.Decision"] = "Approve", ["Officer.DecidedOn"] = "2026-11-30", ["Officer.Reference"] = "LPA-X",
            });
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.Equal("Forwarded", await StatusOfAsync(id));

        app.SetNow("2026-12-14 09:00");
        using (var recorded = await OfficerAsync(director, id, new Dictionary<string, string>
        {
            ["Officer.Decision"] = "Approve", ["Officer.DecidedOn"] = "2026-12-11", ["Officer.Reference"] = "LPA-2026-117", ["Officer.Note"] = "",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }
        Assert.Equal("Approved", await StatusOfAsync(id));
        Assert.Equal("2026-12-11", await app.Database.ScalarAsync<string>("SELECT officer_decision_date::text FROM leave_requests WHERE id = $1", id));
        Assert.Equal("LPA-2026-117", await app.Database.ScalarAsync<string>("SELECT officer_reference FROM leave_requests WHERE id = $1", id));
        Assert.Equal(app.Admin, await app.Database.ScalarAsync<Guid>("SELECT by_user_id FROM leave_request_events WHERE leave_request_id = $1 AND action = 'OfficerApproved'", id));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'leave.decided' AND source_id = $1", id));

        var decided = (await parent.GetHtmlAsync($"/verlof/{id}")).QuerySelectorAll("dt").Single(dt => dt.TextContent == "Besluit van de leerplichtambtenaar").NextElementSibling!;
        Assert.Equal("Toegekend op vrijdag 11 december 2026, kenmerk LPA-2026-117", decided.TextContent.Trim());
        Assert.Contains("Besluit van de leerplichtambtenaar vastgelegd: toegekend", await parent.GetStringAsync($"/verlof/{id}"));
    }

    [Fact]
    public async Task RecordingTheLeerplichtambtenaarsDecisionWithBadInputShowsAClearMessageAndSavesNothing()
    {
        var child = await ChildAsync("Joep");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var id = IdFrom(await RequestAsync(parent, [child], "ImportantCircumstances", "2027-03-01", "2027-03-15", reason: "Ziekte van opa in Turkije"));
        using var director = await app.SignedInAsync("zon", "directie@zon.test");
        var good = new Dictionary<string, string> { ["Officer.Decision"] = "Approve", ["Officer.DecidedOn"] = "2026-12-01", ["Officer.Reference"] = "LPA-1" };

        // Not forwarded yet.
        app.SetNow("2026-12-02 10:00");
        using (var early = await OfficerAsync(director, id, good))
        {
            Assert.Contains("pas vastleggen als de aanvraag is doorgestuurd", await ErrorsAsync(early));
        }
        app.SetNow("2026-11-30 11:00");
        (await director.PostFormAsync($"/beheer/verlof/{id}?handler=Forward", new Dictionary<string, string>(), $"/beheer/verlof/{id}")).Dispose();
        app.SetNow("2026-12-02 10:00");

        Dictionary<string, string> With(string key, string? value)
        {
            var fields = new Dictionary<string, string>(good);
            if (value is null)
            {
                fields.Remove(key);
            }
            else
            {
                fields[key] = value;
            }
            return fields;
        }
        var cases = new (Dictionary<string, string> Fields, string Message)[]
        {
            (With("Officer.Decision", null), "Kies of de leerplichtambtenaar het verlof heeft toegekend of afgewezen"),
            (With("Officer.Decision", "Misschien"), "een datum of keuze is niet geldig"),
            (With("Officer.DecidedOn", null), "Vul de datum van het besluit van de leerplichtambtenaar in"),
            (With("Officer.DecidedOn", "niet-een-datum"), "een datum of keuze is niet geldig"),
            (With("Officer.DecidedOn", "2026-12-03"), "tussen de dag van doorsturen (maandag 30 november 2026) en vandaag (woensdag 2 december 2026)"),
            (With("Officer.DecidedOn", "2026-11-29"), "tussen de dag van doorsturen"),
            (With("Officer.Reference", "  "), "Vul het kenmerk van het besluit van de leerplichtambtenaar in"),
            (With("Officer.Reference", new string('K', 101)), "Het kenmerk is te lang (hoogstens 100 tekens)"),
            (With("Officer.Note", new string('x', 2001)), "De toelichting is te lang (hoogstens 2000 tekens)"),
        };
        foreach (var (fields, message) in cases)
        {
            using var response = await OfficerAsync(director, id, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = await ErrorsAsync(response);
            Assert.Contains(message, errors);
            Assert.Contains("Er is niets opgeslagen", errors);
        }
        Assert.Equal("Forwarded", await StatusOfAsync(id));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests WHERE id = $1 AND (officer_reference IS NOT NULL OR officer_decision_date IS NOT NULL)", id));
        Assert.Equal(new[] { "Requested", "Forwarded" }, await app.Database.ScalarAsync<string[]>(
            "SELECT array_agg(action ORDER BY at) FROM leave_request_events WHERE leave_request_id = $1", id));
    }

    [Fact]
    public async Task VakantieverlofNeedsTheEmployerStatementItselfNotJustAnyAttachment()
    {
        var child = await ChildAsync("Olivier");
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var form = await parent.GetHtmlAsync("/verlof/aanvragen");
        Assert.Equal("Werkgeversverklaring (verplicht bij vakantieverlof)", form.QuerySelector("label[for='employer-statement']")!.TextContent);
        Assert.Equal("Input.EmployerStatement", form.QuerySelector("#employer-statement")!.GetAttribute("name"));

        var requestsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests");
        var blobsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs");
        using (var anyFile = await RequestAsync(parent, [child], "Vacation", "2027-02-01", "2027-02-03", file: Pdf, fileName: "vakantiefoto.pdf", field: "Input.Attachment"))
        {
            Assert.Equal(HttpStatusCode.OK, anyFile.StatusCode);
            var errors = await ErrorsAsync(anyFile);
            Assert.Contains("Vakantieverlof kan alleen met een verklaring van de werkgever", errors);
            Assert.Contains("Er is niets opgeslagen", errors);
        }
        Assert.Equal(requestsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests"));
        Assert.Equal(blobsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs"));

        using var withStatement = await RequestAsync(parent, [child], "Vacation", "2027-02-01", "2027-02-03", file: Pdf, fileName: "werkgeversverklaring.pdf");
        Assert.Equal(HttpStatusCode.Redirect, withStatement.StatusCode);
        var id = IdFrom(withStatement);
        Assert.Equal("werkgeversverklaring.pdf", await app.Database.ScalarAsync<string>("SELECT employer_statement_name FROM leave_requests WHERE id = $1", id));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests WHERE id = $1 AND attachment_name IS NOT NULL", id));

        // For another kind of leave a file sent as employer statement is not kept as one.
        var other = await ChildAsync("Pien");
        using var circumstances = await RequestAsync(parent, [other], "ImportantCircumstances", "2027-03-01", "2027-03-01", reason: "Huwelijk van tante",
            file: Pdf, fileName: "werkgeversverklaring.pdf", field: "Input.EmployerStatement");
        Assert.Equal(HttpStatusCode.Redirect, circumstances.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests WHERE id = $1 AND employer_statement_blob_id IS NOT NULL", IdFrom(circumstances)));
    }
}
