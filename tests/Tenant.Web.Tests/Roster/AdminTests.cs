using System.Diagnostics;
using System.Net;
using PdfSharp.Pdf.IO;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;
using Xunit.Abstractions;

using Schoolplein.Tenant.Web.Tests.People;

namespace Schoolplein.Tenant.Web.Tests.Roster;

public sealed class AdminTests(PeopleApp app, ITestOutputHelper output) : IClassFixture<PeopleApp>
{
    private async Task<HttpClient> AdminAsync(SchoolHandle school)
    {
        var email = app.NewEmail("directie");
        await school.AddUserAsync(email, Roles.SchoolAdmin);
        var client = await app.SignedInAsync(school.Slug, email);
        return client;
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task ThePupilListStaysFastWith1500PupilsPagesAndSearchesByName()
    {
        var school = await app.CreateSchoolAsync("groot", "Grote School");
        var group = await school.AddGroupAsync("Groep 8 groot");
        await app.Database.ExecuteAsync("""
            INSERT INTO pupils (id, tenant_id, first_name, last_name, group_id, created_at)
            SELECT gen_random_uuid(), $1, 'Kind' || n, 'Achternaam' || lpad(n::text, 4, '0'), $2, now() FROM generate_series(1, 1500) n
            """, school.Id, group);
        await app.Database.ExecuteAsync("ANALYZE pupils");
        using var client = await AdminAsync(school);
        using (await client.GetAsync("/beheer/leerlingen")) { }

        var watch = Stopwatch.StartNew();
        using var first = await client.GetAsync("/beheer/leerlingen");
        var firstMs = watch.ElapsedMilliseconds;
        var html = await HtmlAsync(first);
        Assert.Contains("Pagina 1 van 60 (1500 in totaal)", html);
        Assert.Contains("Kind1 Achternaam0001", html);
        watch.Restart();
        using var last = await client.GetAsync("/beheer/leerlingen?p=60");
        var lastMs = watch.ElapsedMilliseconds;
        Assert.Contains("Kind1500 Achternaam1500", await HtmlAsync(last));
        watch.Restart();
        using var search = await client.GetAsync("/beheer/leerlingen?q=kind1234");
        var searchMs = watch.ElapsedMilliseconds;
        var found = await HtmlAsync(search);
        Assert.Contains("Kind1234 Achternaam1234", found);
        Assert.Contains("(1 in totaal)", found);
        output.WriteLine($"1,500 pupils: first page {firstMs} ms, last page {lastMs} ms, search {searchMs} ms (in-process HTTP, warm)");
    }

    [Fact]
    public async Task AnAdminAddsAPupilAndBadInputSavesNothing()
    {
        using var client = await AdminAsync(app.A);
        var before = await app.CountAsync("SELECT count(*) FROM pupils");
        using var bad = await client.PostFormAsync("/beheer/leerlingen?handler=Create", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "", ["Input.LastName"] = "", ["Input.DateOfBirth"] = "2099-01-01", ["Input.GroupId"] = app.GroupB.ToString(),
        }, "/beheer/leerlingen");
        var html = await HtmlAsync(bad);
        Assert.Contains("Vul de roepnaam in.", html);
        Assert.Contains("Vul de achternaam in.", html);
        Assert.Contains("Vul een geldige geboortedatum in", html);
        Assert.Contains("Kies een bestaande groep.", html);
        Assert.Equal(before, await app.CountAsync("SELECT count(*) FROM pupils"));

        using var ok = await client.PostFormAsync("/beheer/leerlingen?handler=Create", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Femke", ["Input.LastNamePrefix"] = "van 't", ["Input.LastName"] = "Hof", ["Input.DateOfBirth"] = "2019-01-30",
            ["Input.GroupId"] = app.GroupA.ToString(), ["Input.ExternalKey"] = "LAS-1",
        }, "/beheer/leerlingen");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Femke van 't Hof", await HtmlAsync(await client.GetAsync(ok.Headers.Location!.OriginalString)));
        Assert.Contains("Femke van 't Hof", await HtmlAsync(await client.GetAsync("/beheer/leerlingen?q=van%20't%20hof")));
    }

    [Fact]
    public async Task ArchivingAPupilTakesTheChildAwayFromItsParentsAndRevokesTheCode()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Vertrek", "Kind");
        var code = await app.IssueCodeAsync(app.A, pupil);
        using var parent = await app.JoinAsync(app.A, code.Display, app.NewEmail());
        Assert.Contains("Vertrek Kind", await parent.GetStringAsync("/"));
        using var admin = await AdminAsync(app.A);
        // The parents lose the child at once and the code dies: the first tap only asks.
        using var asked = await admin.PostFormAsync($"/beheer/leerlingen/{pupil}?handler=Archive", new Dictionary<string, string>(), $"/beheer/leerlingen/{pupil}");
        var yes = await Confirmations.AssertAsksAsync(asked, "Vertrek Kind");
        Assert.Contains("Vertrek Kind", await parent.GetStringAsync("/"));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM link_codes WHERE id = $1 AND revoked_at IS NOT NULL", code.Id));
        using var archived = await admin.SubmitAsync($"/beheer/leerlingen/{pupil}?handler=Archive", yes);
        Assert.Contains("De leerling is gearchiveerd.", await HtmlAsync(archived));
        Assert.DoesNotContain("Vertrek Kind", await parent.GetStringAsync("/"));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM link_codes WHERE id = $1 AND revoked_at IS NOT NULL", code.Id));
        // History stays: the guardianship and its log remain.
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
    }

    [Fact]
    public async Task RevokingAKoppelcodeAsksFirstAndOnlyTheConfirmationRevokesIt()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Intrek", "Kind");
        var code = await app.IssueCodeAsync(app.A, pupil);
        using var admin = await AdminAsync(app.A);
        var page = $"/beheer/leerlingen/{pupil}";
        using var asked = await admin.PostFormAsync($"{page}?handler=RevokeCode", new Dictionary<string, string>(), page);
        var yes = await Confirmations.AssertAsksAsync(asked, code.Display);
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM link_codes WHERE id = $1 AND revoked_at IS NOT NULL", code.Id));
        using var revoked = await admin.SubmitAsync($"{page}?handler=RevokeCode", yes);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM link_codes WHERE id = $1 AND revoked_at IS NOT NULL", code.Id));
    }

    [Fact]
    public async Task UnlinkingAGuardianNeedsAReasonAndIsLogged()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Ontkoppel", "Kind");
        var email = app.NewEmail();
        var parent = await app.A.AddUserAsync(email);
        await app.A.LinkGuardianAsync(pupil, parent);
        using var admin = await AdminAsync(app.A);
        var page = $"/beheer/leerlingen/{pupil}";
        using var noReason = await admin.PostFormAsync($"{page}?handler=Unlink", new Dictionary<string, string> { ["guardianId"] = parent.ToString(), ["reason"] = " " }, page);
        Assert.Contains("Vul een reden in", await HtmlAsync(noReason));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));

        using var done = await admin.PostFormAsync($"{page}?handler=Unlink", new Dictionary<string, string> { ["guardianId"] = parent.ToString(), ["reason"] = "Geen gezag volgens de rechter" }, page);
        Assert.Contains("is ontkoppeld", await HtmlAsync(done));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianship_log WHERE pupil_id = $1 AND change = 'Unlinked' AND reason = 'Geen gezag volgens de rechter'", pupil));
        // The log cannot be changed afterwards.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.Database.ExecuteAsync("DELETE FROM guardianship_log WHERE pupil_id = $1", pupil));
    }

    [Fact]
    public async Task ANewCodeRevokesTheOldOneAndTheGroupLettersHaveAPagePerPupil()
    {
        var group = await app.A.AddGroupAsync("Groep brieven");
        var pupils = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            pupils.Add(await app.A.AddPupilAsync(group, $"Brief{i}", "Kind"));
        }
        var old = await app.IssueCodeAsync(app.A, pupils[0]);
        using var admin = await AdminAsync(app.A);
        var page = $"/beheer/leerlingen/{pupils[0]}";
        using var issued = await admin.PostFormAsync($"{page}?handler=NewCode", new Dictionary<string, string>(), page);
        Assert.Contains("Er is een nieuwe koppelcode gemaakt.", await HtmlAsync(issued));
        using var anonymous = app.ClientFor("alfa");
        using (var check = await anonymous.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = old.Display }))
        {
            Assert.Contains("ingetrokken door de school", await HtmlAsync(check));
        }

        using var pdf = await admin.GetAsync($"/beheer/groepen/{group}/brieven.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfReader.Open(new MemoryStream(await pdf.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.Equal(3, document.PageCount);
        var codes = await app.CountAsync("SELECT count(*) FROM link_codes WHERE pupil_id = ANY($1) AND revoked_at IS NULL", pupils.ToArray());
        Assert.Equal(3, codes);
        using var single = await admin.GetAsync($"/beheer/leerlingen/{pupils[1]}/brief.pdf");
        using var one = PdfReader.Open(new MemoryStream(await single.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.Equal(1, one.PageCount);
    }

    [Fact]
    public async Task TeachersAndParentsCannotUseTheAdminPages()
    {
        foreach (var role in new[] { Roles.Teacher, Roles.Parent })
        {
            var email = app.NewEmail(role.ToLowerInvariant());
            await app.A.AddUserAsync(email, role);
            using var client = await app.SignedInAsync("alfa", email);
            foreach (var path in new[] { "/beheer/leerlingen", "/beheer/groepen", "/beheer/medewerkers", "/beheer/instellingen", $"/beheer/groepen/{app.GroupA}/brieven.pdf" })
            {
                using var response = await client.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role} {path} {response.StatusCode}");
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task AnAdminOfOneSchoolNeverSeesPupilsOrGroupsOfAnother()
    {
        await app.B.AddPupilAsync(app.GroupB, "Geheim", "Bravokind");
        using var admin = await AdminAsync(app.A);
        Assert.DoesNotContain("Geheim Bravokind", await HtmlAsync(await admin.GetAsync("/beheer/leerlingen?q=Geheim")));
        Assert.DoesNotContain("Geheim Bravokind", await HtmlAsync(await admin.GetAsync("/beheer/leerlingen?archived=true")));
        Assert.DoesNotContain("Groep 3 bravo", await HtmlAsync(await admin.GetAsync("/beheer/groepen")));
        using var pdf = await admin.GetAsync($"/beheer/groepen/{app.GroupB}/brieven.pdf");
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
    }

    [Fact]
    public async Task AnInvitedTeacherChoosesAPasswordSignsInAndIsSignedOutWhenDeactivated()
    {
        using var admin = await AdminAsync(app.A);
        using (var bad = await admin.PostFormAsync("/beheer/medewerkers", new Dictionary<string, string>
        {
            ["Input.Email"] = "geen-adres", ["Input.FirstName"] = "", ["Input.LastName"] = "Juf", ["Role"] = "Baas",
        }))
        {
            var html = await HtmlAsync(bad);
            Assert.Contains("Vul een geldig e-mailadres in.", html);
            Assert.Contains("Vul je voornaam in.", html);
            Assert.Contains("Kies een rol.", html);
        }
        var email = app.NewEmail("juf");
        using (var invited = await admin.PostFormAsync("/beheer/medewerkers", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.FirstName"] = "Ilse", ["Input.LastName"] = "de Juf", ["Role"] = Roles.Teacher,
        }))
        {
            Assert.Contains($"Er is een uitnodiging gestuurd naar {email}", await HtmlAsync(invited));
        }
        using (var twice = await admin.PostFormAsync("/beheer/medewerkers", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.FirstName"] = "Ilse", ["Input.LastName"] = "de Juf", ["Role"] = Roles.Teacher,
        }))
        {
            Assert.Contains("Er is al een account met dit e-mailadres", await HtmlAsync(twice));
        }
        var mail = await app.Mail.WaitForMessageAsync(email);
        var link = PeopleApp.LinkIn(mail, "/Account/Invitation");
        using var teacher = app.ClientFor("alfa");
        Assert.Contains("Kies een wachtwoord voor je account", await HtmlAsync(await teacher.GetAsync(link)));
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query)["token"].ToString();
        using (var set = await teacher.PostFormAsync("/Account/Invitation", new Dictionary<string, string>
        {
            ["Token"] = token, ["Password"] = SchoolApp.Password, ["Confirm"] = SchoolApp.Password,
        }, link))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }
        using (var reused = await app.ClientFor("alfa").GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        }
        await SchoolApp.SignInAsync(teacher, email);

        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", email);
        using (var deactivated = await admin.PostFormAsync($"/beheer/medewerkers/{id}?handler=Deactivate", new Dictionary<string, string>(), $"/beheer/medewerkers/{id}"))
        {
            Assert.Contains("De medewerker is gedeactiveerd.", await HtmlAsync(deactivated));
        }
        using var again = app.ClientFor("alfa");
        using var refused = await again.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = SchoolApp.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(0, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND deactivated_at IS NOT NULL", id));
    }

    [Fact]
    public async Task SchoolSettingsRefuseBadNumbersAndApplyToNewCodes()
    {
        var school = await app.CreateSchoolAsync("instel", "School Instel");
        using var admin = await AdminAsync(school);
        using (var bad = await admin.PostFormAsync("/beheer/instellingen", new Dictionary<string, string> { ["MaxUses"] = "0", ["ValidDays"] = "veel", ["EscalationMinutes"] = "3" }))
        {
            var html = await HtmlAsync(bad);
            Assert.Contains("Aantal ouders per koppelcode: kies 1 tot en met 10.", html);
            Assert.Contains("Geldigheid: kies 1 tot en met 730 dagen.", html);
            Assert.Contains("Vul voor de spoedberichten een aantal minuten in van 5 tot en met 1440.", html);
        }
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM school_settings WHERE tenant_id = $1", school.Id));
        using (var ok = await admin.PostFormAsync("/beheer/instellingen", new Dictionary<string, string> { ["MaxUses"] = "2", ["ValidDays"] = "30", ["EscalationMinutes"] = "45" }))
        {
            Assert.Contains("Opgeslagen.", await HtmlAsync(ok));
        }
        Assert.Equal(45L, await app.CountAsync("SELECT urgent_escalation_minutes::bigint FROM school_settings WHERE tenant_id = $1", school.Id));
        var group = await school.AddGroupAsync("Groep 1");
        var pupil = await school.AddPupilAsync(group, "Instel", "Kind");
        var code = await app.IssueCodeAsync(school, pupil);
        Assert.Equal(2, code.MaxUses);
        Assert.InRange((code.ExpiresAt - app.Now).TotalDays, 29, 31);
    }
}
