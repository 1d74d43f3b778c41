using System.Net;
using System.Text.RegularExpressions;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Modules;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Schools;

/// <summary>The backoffice with the school app beside it on the same database (the school app's Hangfire server delivers mail).</summary>
public sealed class OnboardingApp : BackofficeTestApp
{
    public SchoolAppBeside School { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        School = new SchoolAppBeside(this);
        await School.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await School.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class OnboardingTests(OnboardingApp app) : IClassFixture<OnboardingApp>
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent SchoolForm(string slug, string adminEmail, byte[]? logo = null, string color = "#0B6E5F", params string[] modules)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Kindcentrum " + slug), "Form.Name" },
            { new StringContent(slug), "Form.Slug" },
            { new StringContent(color), "Form.PrimaryColor" },
            { new StringContent("nl-NL"), "Form.Locale" },
            { new StringContent("Europe/Amsterdam"), "Form.TimeZone" },
            { new StringContent("plus"), "Form.Plan" },
            { new StringContent("Schoolstraat 1, 3511 AA Utrecht"), "Form.Address" },
            { new StringContent("030 123 45 67"), "Form.Phone" },
            { new StringContent("Petra"), "Form.AdminFirstName" },
            { new StringContent("de Vries"), "Form.AdminLastName" },
            { new StringContent(adminEmail), "Form.AdminEmail" },
        };
        foreach (var module in modules)
        {
            form.Add(new StringContent(module), "Form.Modules");
        }
        if (logo is not null)
        {
            var file = new ByteArrayContent(logo);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(file, "Logo", "logo.png");
        }
        return form;
    }

    private async Task<Guid> CreateAsync(HttpClient client, string slug, string adminEmail, params string[] modules)
    {
        using var response = await client.PostMultipartAsync("/Schools/New", SchoolForm(slug, adminEmail, Png, "#0B6E5F", modules));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);
    }

    [Fact]
    public async Task OnboardingStaffCreateASchoolAndTheInvitedAdminChoosesAPasswordOnTheSchoolsOwnHost()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        var id = await CreateAsync(client, "de-linde", "petra@linde.test", SchoolModules.Absence, SchoolModules.Leave);

        Assert.Equal("{Absence,Leave}", await app.Database.ScalarAsync<string>("SELECT modules::text FROM tenants WHERE id = $1", id));
        Assert.Equal("plus", await app.Database.ScalarAsync<string>("SELECT plan FROM tenants WHERE id = $1", id));
        Assert.Equal("image/png", await app.Database.ScalarAsync<string>("SELECT logo_content_type FROM tenants WHERE id = $1", id));
        Assert.Equal("Onboarding", await app.Database.ScalarAsync<string>("SELECT status FROM tenants WHERE id = $1", id));
        var actions = await app.Database.ScalarAsync<string>("SELECT string_agg(action, ',' ORDER BY at) FROM backoffice.audit_entries WHERE tenant_id = $1", id);
        Assert.Equal("school.created,school.logo,school.admin_invited", actions);

        var mail = await app.Mail.WaitForMessageAsync("petra@linde.test");
        var link = Regex.Match(mail.TextBody ?? "", @"http://de-linde\.localhost/Account/Invitation\?token=([A-Za-z0-9_\-]+)");
        Assert.True(link.Success, mail.TextBody);
        var path = "/Account/Invitation?token=" + link.Groups[1].Value;

        // The token means nothing on another school's host.
        var other = await app.School.CreateSchoolAsync("andere-school");
        using (var elsewhere = app.School.ClientFor(other.Slug))
        using (var refused = await elsewhere.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using var school = app.School.ClientFor("de-linde");
        using (var mismatch = await school.PostFormAsync(path, new Dictionary<string, string> { ["Token"] = link.Groups[1].Value, ["Password"] = "Lange-zin-voor-school", ["Confirm"] = "iets anders" }))
        {
            Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
            Assert.Contains("niet hetzelfde", await mismatch.Content.ReadAsStringAsync());
        }
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT password_hash IS NOT NULL FROM users WHERE email = 'petra@linde.test'"));
        using (var accepted = await school.PostFormAsync(path, new Dictionary<string, string> { ["Token"] = link.Groups[1].Value, ["Password"] = "Lange-zin-voor-school", ["Confirm"] = "Lange-zin-voor-school" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        using (var home = await school.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Uitloggen", await home.Content.ReadAsStringAsync());
        }
        using (var again = app.School.ClientFor("de-linde"))
        using (var used = await again.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, used.StatusCode);
        }

        var details = await client.GetStringAsync($"/Schools/Details/{id}");
        Assert.Matches("data-item=\"AdminActivated\"><span class=\"state-done\"", details);
        Assert.Matches("data-item=\"BrandingSet\"><span class=\"state-done\"", details);
        Assert.Matches("data-item=\"DataImported\"><span class=\"state-open\"", details);
    }

    [Fact]
    public async Task BadInputIsRefusedWithClearMessagesAndNothingIsSaved()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        using var response = await client.PostMultipartAsync("/Schools/New", SchoolForm("admin", "geen-adres", svg, "red"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gereserveerd", html);
        Assert.Contains("PNG-, JPEG- of WebP-afbeelding", html);
        Assert.Contains("geldig e-mailadres voor de beheerder", html);
        Assert.Contains("#RRGGBB", html);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE slug = 'admin' OR name = 'Kindcentrum admin'"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'geen-adres'"));
    }

    [Fact]
    public async Task ABrandColourThatWhiteTextReadsBadlyOnIsRefusedHereAsUnderBeheer()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        using (var response = await client.PostMultipartAsync("/Schools/New", SchoolForm("de-grijze", "petra@grijs.test", Png, "#777777")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Witte tekst op deze kleur is slecht leesbaar (contrast 4,4:1, minimaal 4,5:1).", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE slug = 'de-grijze'"));

        // The profile of an existing school: the same rule, nothing of the form saved.
        var id = await CreateAsync(client, "de-kleur", "petra@kleur.test");
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "Andere naam", ["Form.PrimaryColor"] = "#808080", ["Form.Locale"] = "nl-NL", ["Form.TimeZone"] = "Europe/Amsterdam", ["Form.Plan"] = "plus",
        };
        using (var refused = await client.PostFormAsync($"/Schools/Details/{id}?handler=Profile", fields, $"/Schools/Details/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("contrast 3,9:1, minimaal 4,5:1", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        Assert.Equal("Kindcentrum de-kleur", await app.Database.ScalarAsync<string>("SELECT name FROM tenants WHERE id = $1", id));
        Assert.Equal("#0B6E5F", await app.Database.ScalarAsync<string>("SELECT primary_color FROM tenants WHERE id = $1", id));
        // The logo went through the image pipeline: stored as PNG, and re-encoded (not the uploaded bytes).
        Assert.NotEqual(Png, await app.Database.ScalarAsync<byte[]>("SELECT logo FROM tenants WHERE id = $1", id));
    }

    [Fact]
    public async Task StatusChangesFollowTheLifecycleAreAuditedAndASuspendedSchoolShowsTheUnavailablePage()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        var id = await CreateAsync(client, "het-anker", "beheer@anker.test", SchoolModules.All.ToArray());

        async Task MoveAsync(string to)
        {
            using var moved = await client.PostFormAsync($"/Schools/Details/{id}?handler=Status", new Dictionary<string, string> { ["to"] = to }, $"/Schools/Details/{id}");
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }
        await MoveAsync("Active");
        await MoveAsync("Suspended");

        using var school = app.School.ClientFor("het-anker");
        var deadline = Deadline.In(10);
        HttpStatusCode status;
        do
        {
            using var page = await school.GetAsync("/Account/SignIn");
            status = page.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Contains("Kindcentrum het-anker", await page.Content.ReadAsStringAsync());
                break;
            }
            await Task.Delay(100);
        }
        while (!deadline.Passed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

        await MoveAsync("Archived");
        using var refused = await client.PostFormAsync($"/Schools/Details/{id}?handler=Status", new Dictionary<string, string> { ["to"] = "Active" }, $"/Schools/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("kan niet van gearchiveerd naar actief", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("Archived", await app.Database.ScalarAsync<string>("SELECT status FROM tenants WHERE id = $1", id));
        Assert.Equal("Onboarding → Active|Active → Suspended|Suspended → Archived",
            await app.Database.ScalarAsync<string>("SELECT string_agg(details, '|' ORDER BY at) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'school.status'", id));
    }

    [Fact]
    public async Task ModulesSwitchedOffInTheBackofficeDisappearForTheSchool()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Admin);
        var id = await CreateAsync(client, "de-wilg", "beheer@wilg.test", SchoolModules.All.ToArray());
        using (var saved = await client.PostFormAsync($"/Schools/Details/{id}?handler=Modules",
            new Dictionary<string, string> { ["Form.Modules"] = SchoolModules.Calendar }, $"/Schools/Details/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal("{Calendar}", await app.Database.ScalarAsync<string>("SELECT modules::text FROM tenants WHERE id = $1", id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'school.modules' AND details = 'Calendar'", id));
    }

    [Fact]
    public async Task SupportStaffCanLookButNotCreateOrChangeSchools()
    {
        using var onboarding = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        var id = await CreateAsync(onboarding, "de-eik", "beheer@eik.test", SchoolModules.Absence);
        using var support = await app.SignedInClientAsync(BackofficeRoles.Support);
        using (var page = await support.GetAsync("/Schools/New"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString);
        }
        using (var details = await support.GetAsync($"/Schools/Details/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        }
        using var change = await support.PostFormAsync($"/Schools/Details/{id}?handler=Status", new Dictionary<string, string> { ["to"] = "Active" }, $"/Schools/Details/{id}");
        Assert.NotEqual(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal("Onboarding", await app.Database.ScalarAsync<string>("SELECT status FROM tenants WHERE id = $1", id));
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'school.viewed'", id) >= 1);
    }
}
