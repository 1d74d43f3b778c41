using System.Net;
using System.Text;
using Schoolplein.Platform.Consent;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>Teachers and admins: the group matrix, filter, export, paper forms and category management.</summary>
public sealed class StaffConsentTests(ConsentApp app) : IClassFixture<ConsentApp>
{
    [Fact]
    public async Task TheTeachersMatrixShowsEachAnswerWithASymbolAndAWordAndFiltersChildrenWithoutConsent()
    {
        await app.RecordAsync(app.A, app.Noor, ConsentCategoryCodes.SocialMedia, false, app.Sanne);
        await app.RecordAsync(app.A, app.Yara, ConsentCategoryCodes.SocialMedia, true, app.YaraParent);
        var categories = await app.CategoriesAsync(app.A);
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");

        var page = await teacher.GetHtmlAsync($"/toestemming/groep/{app.Group3}");
        var headers = page.QuerySelectorAll("table.consent-matrix thead th").Select(th => th.TextContent.Trim()).ToList();
        var column = headers.IndexOf("Social media");
        Assert.True(column > 0);
        string Cell(string name) => page.QuerySelectorAll("table.consent-matrix tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Contains(name)).Children[column].TextContent.Trim();
        Assert.Equal("✗ nee", Cell("Noor"));
        Assert.Equal("✓ ja", Cell("Yara"));
        Assert.Equal("– geen antwoord", Cell("Femke"));
        Assert.Equal(3, page.QuerySelectorAll("table.consent-matrix tbody tr").Length);

        var filtered = await teacher.GetHtmlAsync($"/toestemming/groep/{app.Group3}?zonder={categories[ConsentCategoryCodes.SocialMedia]}");
        var names = filtered.QuerySelectorAll("table.consent-matrix tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Femke Hof", "Noor Jansen"], names);
        Assert.Contains("2 van de 3 leerlingen hebben geen toestemming voor Social media.", filtered.Body!.TextContent);
    }

    [Fact]
    public async Task AnUnknownFilterShowsAClearMessage()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        using var response = await teacher.GetAsync($"/toestemming/groep/{app.Group3}?zonder=niet-een-id");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Deze categorie bestaat niet. Kies een categorie uit de lijst.", (await response.HtmlAsync()).QuerySelector("#zonder-error")!.TextContent);
    }

    [Fact]
    public async Task TheCsvExportIsSafeAgainstFormulaInjection()
    {
        var group = await app.A.AddGroupAsync("Groep 5");
        await app.A.AddTeacherAsync(group, app.Teacher3);
        var evil = await app.A.AddPupilAsync(group, "=HYPERLINK(\"http://x.test\";\"klik\")", "Test");
        await app.A.LinkGuardianAsync(evil, app.YaraParent);
        await app.RecordAsync(app.A, evil, ConsentCategoryCodes.Portal, true, app.YaraParent);
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        using var response = await teacher.GetAsync($"/toestemming/groep/{group}?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Leerling;Ouderportaal;Website;Social media;", lines[0]);
        var evilLine = Assert.Single(lines, l => l.Contains("HYPERLINK"));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x.test\"\";\"\"klik\"\") Test\";ja;", evilLine);
    }

    [Fact]
    public async Task ThePrintableListIsAPdfForTheTeachersGroupOnly()
    {
        var categories = await app.CategoriesAsync(app.A);
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        using var response = await teacher.GetAsync($"/toestemming/groep/{app.Group3}?handler=Pdf&zonder={categories[ConsentCategoryCodes.Portal]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Contains("toestemming-groep-3.pdf", response.Content.Headers.ContentDisposition!.ToString());
        foreach (var url in new[] { $"/toestemming/groep/{app.Group4}?handler=Pdf", $"/toestemming/groep/{app.GroupB}?handler=Pdf" })
        {
            using var other = await teacher.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        using var badFilter = await teacher.GetAsync($"/toestemming/groep/{app.Group3}?handler=Pdf&zonder=x");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task ATeacherSeesOnlyTheirOwnGroupsAndNothingOfAnotherSchool()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        foreach (var url in new[]
        {
            $"/toestemming/groep/{app.Group4}", $"/toestemming/groep/{app.Group4}?handler=Csv", $"/toestemming/kind/{app.Bo}",
            $"/toestemming/groep/{app.GroupB}", $"/toestemming/groep/{app.GroupB}?handler=Csv", $"/toestemming/kind/{app.PupilB}",
        })
        {
            using var response = await teacher.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        using var own = await teacher.GetAsync($"/toestemming/kind/{app.Yara}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        // Teachers read; paper forms are for the administration.
        Assert.Null((await own.HtmlAsync()).QuerySelector("#paper-heading"));
    }

    [Fact]
    public async Task AnAdminOfAnotherSchoolGetsNotFoundForEveryConsentPageOfThisSchool()
    {
        var categories = await app.CategoriesAsync(app.A);
        using var admin = await app.SignedInAsync("vlinder", "directie@vlinder.test");
        foreach (var url in new[]
        {
            $"/toestemming/groep/{app.Group3}", $"/toestemming/groep/{app.Group3}?handler=Csv", $"/toestemming/kind/{app.Noor}",
            $"/beheer/toestemming/{categories[ConsentCategoryCodes.Website]}",
        })
        {
            using var response = await admin.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        var before = await app.Database.ScalarAsync<string>("SELECT name FROM consent_categories WHERE id = $1", categories[ConsentCategoryCodes.Website]);
        using (var rename = await admin.PostFormAsync($"/beheer/toestemming/{categories[ConsentCategoryCodes.Website]}",
            new Dictionary<string, string> { ["Input.Name"] = "Gekaapt" }, "/beheer/toestemming"))
        {
            Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        }
        using (var paper = await admin.PostFormAsync($"/toestemming/kind/{app.Noor}?handler=Paper", new Dictionary<string, string>
        {
            ["Paper.CategoryId"] = categories[ConsentCategoryCodes.Website].ToString(), ["Paper.Answer"] = "allow",
        }, "/beheer/toestemming"))
        {
            Assert.Equal(HttpStatusCode.NotFound, paper.StatusCode);
        }
        Assert.Equal(before, await app.Database.ScalarAsync<string>("SELECT name FROM consent_categories WHERE id = $1", categories[ConsentCategoryCodes.Website]));
    }

    [Fact]
    public async Task APaperFormWithMissingOrWrongFieldsShowsClearMessagesAndStoresNothing()
    {
        var pupil = await app.A.AddPupilAsync(app.Group4, "Papier");
        await app.A.LinkGuardianAsync(pupil, app.BoParent);
        var categories = await app.CategoriesAsync(app.A);
        using var admin = await app.SignedInAsync("zonnebloem", "directie@zonnebloem.test");
        using (var empty = await admin.PostFormAsync($"/toestemming/kind/{pupil}?handler=Paper", new Dictionary<string, string>(), $"/toestemming/kind/{pupil}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            var html = await empty.HtmlAsync();
            Assert.Equal("Kies een categorie.", html.QuerySelector("#paper-category-error")!.TextContent);
            Assert.Equal("Kies toestaan of niet toestaan.", html.QuerySelector("#paper-answer-error")!.TextContent);
        }
        using (var wrongGuardian = await admin.PostFormAsync($"/toestemming/kind/{pupil}?handler=Paper", new Dictionary<string, string>
        {
            ["Paper.CategoryId"] = categories[ConsentCategoryCodes.Website].ToString(), ["Paper.Answer"] = "deny", ["Paper.GuardianId"] = app.Sanne.ToString(),
        }, $"/toestemming/kind/{pupil}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongGuardian.StatusCode);
            Assert.Equal("Kies een ouder van dit kind, of 'onbekend'.", (await wrongGuardian.HtmlAsync()).QuerySelector("#paper-guardian-error")!.TextContent);
        }
        Assert.Equal(0L, await app.RecordCountAsync(pupil));

        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        using (var byTeacher = await teacher.PostFormAsync($"/toestemming/kind/{app.Yara}?handler=Paper", new Dictionary<string, string>
        {
            ["Paper.CategoryId"] = categories[ConsentCategoryCodes.Website].ToString(), ["Paper.Answer"] = "allow",
        }, $"/toestemming/kind/{app.Yara}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, byTeacher.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", byTeacher.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_records WHERE source = 'Paper' AND staff_user_id = $1", app.Teacher3));
    }

    [Fact]
    public async Task AddingACategoryWithBadInputShowsClearMessagesAndAddsNothing()
    {
        await app.CategoriesAsync(app.A);
        using var admin = await app.SignedInAsync("zonnebloem", "directie@zonnebloem.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories WHERE tenant_id = $1", app.A.Id);
        var cases = new (Dictionary<string, string> Form, string Field, string Message)[]
        {
            (new() { ["Input.Name"] = "  " }, "#add-name-error", "Vul een naam in."),
            (new() { ["Input.Name"] = new string('x', 81) }, "#add-name-error", "De naam mag hoogstens 80 tekens lang zijn."),
            (new() { ["Input.Name"] = "website" }, "#add-name-error", "Er is al een categorie met deze naam."),
            (new() { ["Input.Name"] = "Schoolreis", ["Input.Description"] = new string('x', 501) }, "#add-description-error", "De uitleg mag hoogstens 500 tekens lang zijn."),
            (new() { ["Input.Name"] = "Schoolreis", ["Input.LockDate"] = "31-02-2027" }, "#add-lock-error", "Vul een geldige datum in."),
        };
        foreach (var (form, field, message) in cases)
        {
            using var response = await admin.PostFormAsync("/beheer/toestemming?handler=Add", form, "/beheer/toestemming");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, (await response.HtmlAsync()).QuerySelector(field)!.TextContent);
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories WHERE tenant_id = $1", app.A.Id));

        using var ok = await admin.PostFormAsync("/beheer/toestemming?handler=Add",
            new Dictionary<string, string> { ["Input.Name"] = "Schoolreis", ["Input.LockDate"] = "2027-06-30" }, "/beheer/toestemming");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(new DateOnly(2027, 6, 30), await app.Database.ScalarAsync<DateOnly>("SELECT lock_date FROM consent_categories WHERE name = 'Schoolreis'"));
    }

    [Fact]
    public async Task ARenameKeepsTheOldNameInTheHistoryAndRetiringHidesTheCategoryButNotThePortalOne()
    {
        var pupil = await app.A.AddPupilAsync(app.Group4, "Hernoemd");
        await app.A.LinkGuardianAsync(pupil, app.BoParent);
        var categories = await app.CategoriesAsync(app.A);
        await app.RecordAsync(app.A, pupil, ConsentCategoryCodes.Newsletter, true, app.BoParent);
        using var admin = await app.SignedInAsync("zonnebloem", "directie@zonnebloem.test");
        var newsletter = categories[ConsentCategoryCodes.Newsletter];

        using (var badOrder = await admin.PostFormAsync($"/beheer/toestemming/{newsletter}",
            new Dictionary<string, string> { ["Input.Name"] = "Nieuwsbrief", ["Input.SortOrder"] = "veel" }, $"/beheer/toestemming/{newsletter}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
            Assert.Equal("Vul een heel getal van 0 tot en met 9999 in.", (await badOrder.HtmlAsync()).QuerySelector("#edit-order-error")!.TextContent);
        }
        using (var rename = await admin.PostFormAsync($"/beheer/toestemming/{newsletter}",
            new Dictionary<string, string> { ["Input.Name"] = "Schoolkrant", ["Input.SortOrder"] = "35" }, $"/beheer/toestemming/{newsletter}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        }
        var history = await admin.GetHtmlAsync($"/toestemming/kind/{pupil}");
        var row = Assert.Single(history.QuerySelectorAll("section[aria-labelledby=history-heading] tbody tr"));
        Assert.Contains("Nieuwsbrief / schoolgids", row.TextContent);
        Assert.Contains("nu: Schoolkrant", row.TextContent);

        using (var retirePortal = await admin.PostFormAsync($"/beheer/toestemming/{categories[ConsentCategoryCodes.Portal]}?handler=Retire",
            new Dictionary<string, string>(), $"/beheer/toestemming/{categories[ConsentCategoryCodes.Portal]}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, retirePortal.StatusCode);
            Assert.Contains("kan niet worden uitgezet", (await retirePortal.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        }
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT retired_at IS NOT NULL FROM consent_categories WHERE id = $1", categories[ConsentCategoryCodes.Portal]));

        using (var retire = await admin.PostFormAsync($"/beheer/toestemming/{categories[ConsentCategoryCodes.Press]}?handler=Retire",
            new Dictionary<string, string>(), $"/beheer/toestemming/{categories[ConsentCategoryCodes.Press]}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        }
        using var parent = await app.SignedInAsync("zonnebloem", "bo.ouder@ouders.test");
        var page = await parent.GetStringAsync("/toestemming");
        Assert.Contains("Schoolkrant", page);
        Assert.DoesNotContain("PR en pers", page);
    }
}
