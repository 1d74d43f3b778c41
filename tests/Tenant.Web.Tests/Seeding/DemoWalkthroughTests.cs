using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Seeding;

/// <summary>The school app on the demo data (issue 6 "done when"), with the clock on a school morning (Monday 30 November 2026, 07:40, before the absence cut-off).</summary>
public class DemoApp : SchoolApp
{
    public FakeTimeProvider Clock { get; } = new(At("2026-11-30 07:40"));

    protected override TimeProvider CreateClock() => Clock;

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        services.AddAdministrationDemoSeed();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddDemoSchoolsAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>Signed in at regenboog with the demo password.</summary>
    public Task<HttpClient> SignedInAsync(string email) => SignedInAsync("regenboog", email, DemoData.Password);
}

public sealed class DemoWalkthroughTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\nWerkgeversverklaring\n%%EOF\n");

    private static async Task<string> OptionAsync(HttpClient client, string page, string select, string text) =>
        (await client.GetHtmlAsync(page)).QuerySelectorAll($"{select} option").First(o => o.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).GetAttribute("value")!;

    /// <summary>The value of the radio button whose label starts with <paramref name="text"/>.</summary>
    private static async Task<string> RadioAsync(HttpClient client, string page, string name, string text) =>
        (await client.GetHtmlAsync(page)).QuerySelectorAll($"input[type=radio][name='{name}']")
            .First(i => i.Closest("label")!.TextContent.Trim().StartsWith(text, StringComparison.Ordinal))
            .GetAttribute("value")!;

    private static MultipartFormDataContent LeaveForm(string child, string start, string end, bool statement)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(child), "Input.PupilIds" },
            { new StringContent("Vacation"), "Input.Type" },
            { new StringContent(start), "Input.Start" },
            { new StringContent(end), "Input.End" },
            { new StringContent("Mijn werkgever (seizoensbedrijf) geeft in de zomer geen vrij."), "Input.Reason" },
        };
        if (statement)
        {
            form.Add(new ByteArrayContent(Pdf), "Input.EmployerStatement", "werkgeversverklaring.pdf");
        }
        return form;
    }

    [Fact]
    public async Task OnTheDemoAParentReportsNoorSickAndJufLisanneSeesIt()
    {
        using var parent = await app.SignedInAsync("ouder@regenboog.test");
        var noor = await OptionAsync(parent, "/afwezigheid", "#child", "Noor");
        var sick = await OptionAsync(parent, "/afwezigheid", "#reason", "Ziek");
        using (var response = await parent.PostFormAsync("/afwezigheid", new Dictionary<string, string>
        {
            ["Input.PupilId"] = noor, ["Input.ReasonId"] = sick, ["Input.Until"] = "Better",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        using var teacher = await app.SignedInAsync("lisanne.mulder@regenboog.test");
        var today = await teacher.GetHtmlAsync("/afwezigheid/vandaag");
        var group = today.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")!.TextContent.Contains("Groep 3/4"));
        Assert.Contains("Noor Jansen", group.TextContent);
    }

    [Fact]
    public async Task OnTheDemoTheCoronaReasonShowsThePhoneNumberAndSavesNothing()
    {
        using var parent = await app.SignedInAsync("ouder@regenboog.test");
        var daan = await OptionAsync(parent, "/afwezigheid", "#child", "Daan");
        var corona = await OptionAsync(parent, "/afwezigheid", "#reason", "Corona");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports");
        using var response = await parent.PostFormAsync("/afwezigheid", new Dictionary<string, string>
        {
            ["Input.PupilId"] = daan, ["Input.ReasonId"] = corona, ["Input.Until"] = "Better",
        });
        var call = (await response.HtmlAsync()).QuerySelector("#call-school")!.TextContent;
        Assert.Contains("030 123 45 67", call);
        Assert.Contains("Bij (vermoedelijke) corona overleggen we graag even met je", call);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports"));
    }

    [Fact]
    public async Task OnTheDemoThreeDaysVakantieverlofNineWeeksAheadAreApprovedAndTheFirstWeekOfTheSchoolYearIsRefused()
    {
        using var parent = await app.SignedInAsync("ouder@regenboog.test");
        var noor = await OptionAsync(parent, "/afwezigheid", "#child", "Noor");
        // 9 weeks after Monday 30 November 2026: Monday 1 February 2027.
        using var request = await parent.PostMultipartAsync("/verlof/aanvragen", LeaveForm(noor, "2027-02-01", "2027-02-03", statement: true));
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        var id = request.Headers.Location!.ToString().Split('/').Last();

        using var director = await app.SignedInAsync("directie@regenboog.test");
        Assert.Contains("Noor", await director.GetStringAsync("/beheer/verlof"));
        using (var approve = await director.PostFormAsync($"/beheer/verlof/{id}?handler=Approve", new Dictionary<string, string> { ["note"] = "" }, $"/beheer/verlof/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }
        Assert.Contains("Toegekend", await parent.GetStringAsync($"/verlof/{id}"));
        await app.Mail.WaitForMessageAsync("ouder@regenboog.test", m => m.Subject == "Verlof toegekend voor Noor");

        var daan = await OptionAsync(parent, "/afwezigheid", "#child", "Daan");
        using var refused = await parent.PostMultipartAsync("/verlof/aanvragen", LeaveForm(daan, "2027-08-30", "2027-09-03", statement: true));
        var errors = (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        Assert.Contains("nooit toegestaan in de eerste twee weken van het schooljaar (maandag 30 augustus 2027 tot en met zondag 12 september 2027)", errors);
    }

    [Fact]
    public async Task OnTheDemoAQuestionReachesBothTeachersOfGroep34()
    {
        using var parent = await app.SignedInAsync("ouder@regenboog.test");
        var page = await parent.GetStringAsync("/vragen");
        Assert.Contains("Gaat het om iets belangrijks of dringends? Bel ons dan, of spreek de leerkracht aan op het schoolplein.", page);
        var noor = await RadioAsync(parent, "/vragen/nieuw", "pupilId", "Noor");
        using var asked = await parent.PostMultipartAsync("/vragen/nieuw", new MultipartFormDataContent
        {
            { new StringContent(noor), "pupilId" },
            { new StringContent("Schoolreis"), "subject" },
            { new StringContent("Moet Noor een lunchpakket meenemen?"), "body" },
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        foreach (var teacher in new[] { "lisanne.mulder@regenboog.test", "joyce.pinas@regenboog.test" })
        {
            await app.Mail.WaitForMessageAsync(teacher, m => m.Subject == "Vraag van Sanne over Noor");
            using var client = await app.SignedInAsync(teacher);
            var inbox = await client.GetStringAsync("/vragen");
            Assert.Contains("Schoolreis", inbox);
            Assert.Contains("Voorleesochtend", inbox); // the seeded question of Yara's mother
        }
        using var other = await app.SignedInAsync("kees.brouwer@regenboog.test");
        Assert.DoesNotContain("Schoolreis", await other.GetStringAsync("/vragen"));
    }
}
