using System.Net;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.SchoolCalendar;

public sealed class SchoolClosureTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private static Dictionary<string, string> Form(string name, string kind, string start, string? end = null) => new()
    {
        ["Name"] = name, ["Kind"] = kind, ["Start"] = start, ["End"] = end ?? "",
    };

    [Fact]
    public async Task AnAdminAddsAStudyDayAndLeaveCountsItAsNoSchoolDay()
    {
        app.SetNow("2026-11-30 09:00");
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        var page = await admin.GetStringAsync("/beheer/schoolkalender");
        Assert.Contains("Dit schooljaar begon op maandag 31 augustus 2026", page);
        using (var add = await admin.PostFormAsync("/beheer/schoolkalender", Form("Studiedag rekenen", "StudyDay", "2027-03-10")))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }
        Assert.Contains("Studiedag rekenen", await admin.GetStringAsync("/beheer/schoolkalender"));

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var check = new MultipartFormDataContent
        {
            { new StringContent(app.Noor.ToString()), "Input.PupilIds" },
            { new StringContent("ImportantCircumstances"), "Input.Type" },
            { new StringContent("2027-03-08"), "Input.Start" },
            { new StringContent("2027-03-12"), "Input.End" },
            { new StringContent("Bruiloft"), "Input.Reason" },
        };
        using var response = await parent.PostMultipartAsync("/verlof/aanvragen?handler=Check", check, "/verlof/aanvragen");
        Assert.Contains("Controle: 4 schooldagen", await response.Content.ReadAsStringAsync());
        await app.Database.ExecuteAsync("DELETE FROM school_closures WHERE name = 'Studiedag rekenen'");
    }

    [Theory]
    [InlineData("", "Holiday", "2027-03-10", null, "Vul een naam in van hoogstens 100 tekens.")]
    [InlineData("Vrij", "Holiday", "", null, "Vul de eerste vrije dag in.")]
    [InlineData("Vrij", "Holiday", "2027-03-10", "2027-03-09", "De laatste dag ligt voor de eerste dag.")]
    [InlineData("Vrij", "Holiday", "2027-03-10", "2027-08-10", "Een periode duurt hoogstens drie maanden.")]
    [InlineData("Vrij", "Carnaval", "2027-03-10", null, "een datum of keuze is niet geldig")]
    [InlineData("Vrij", "Holiday", "10 maart", null, "een datum of keuze is niet geldig")]
    public async Task BadClosuresShowAClearMessageAndSaveNothing(string name, string kind, string start, string? end, string message)
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures");
        using var response = await admin.PostFormAsync("/beheer/schoolkalender", Form(name, kind, start, end));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures"));
    }

    [Fact]
    public async Task OnlyAdminsManageClosuresAndOnlyTheirOwnSchools()
    {
        var ownId = await app.Database.ScalarAsync<Guid>("SELECT id FROM school_closures WHERE tenant_id = $1 AND name = 'Herfstvakantie'", app.A.Id);
        using var teacher = await app.SignedInAsync("zon", "lisa@zon.test");
        using (var page = await teacher.GetAsync("/beheer/schoolkalender"))
        {
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        }
        using var otherAdmin = await app.SignedInAsync("maan", "directie@maan.test");
        Assert.DoesNotContain("Herfstvakantie", await otherAdmin.GetStringAsync("/beheer/schoolkalender"));
        using (var delete = await otherAdmin.PostFormAsync("/beheer/schoolkalender?handler=Delete",
            new Dictionary<string, string> { ["closureId"] = ownId.ToString() }, "/beheer/schoolkalender"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures WHERE id = $1", ownId));

        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using (var add = await admin.PostFormAsync("/beheer/schoolkalender", Form("Extra vrij", "Holiday", "2027-06-11")))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }
        var extra = await app.Database.ScalarAsync<Guid>("SELECT id FROM school_closures WHERE name = 'Extra vrij'");
        using (var asked = await admin.PostFormAsync("/beheer/schoolkalender?handler=Delete",
            new Dictionary<string, string> { ["closureId"] = extra.ToString() }, "/beheer/schoolkalender"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "Extra vrij");
            Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures WHERE id = $1", extra));
            using var delete = await admin.SubmitAsync("/beheer/schoolkalender?handler=Delete", yes);
            Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures WHERE id = $1", extra));
    }
}
