using System.Net;
using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>TENANCY.md failure modes 1, 13, 14 and 24: cookies, requests and caches stay with their school.</summary>
public sealed class CookieIsolationTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private static async Task<string> HomeAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task SetCookieHeadersHaveNoDomainAttribute()
    {
        using var client = app.ClientFor("alfa");
        var token = await Forms.AntiforgeryTokenAsync(client, "/Account/SignIn");
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = app.InA.ParentEmail,
            ["Input.Password"] = SchoolApp.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("schoolplein.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SchoolACookieSentToSchoolBIsAnonymousThere()
    {
        using var a = await app.SignedInAsync("alfa", app.InA.ParentEmail);
        Assert.Contains(app.InA.PupilName, await HomeAsync(a, "alfa.localhost"));
        using var check = await a.GetAsync("/api/v1/modules");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);

        var authCookie = await app.AuthCookieAsync("alfa", app.InA.ParentEmail);
        using var own = await app.GetWithCookieAsync("alfa.localhost", "/api/v1/modules", authCookie);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using var response = await app.GetWithCookieAsync("bravo.localhost", "/api/v1/modules", authCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var home = await app.GetWithCookieAsync("bravo.localhost", "/", authCookie);
        var body = await home.Content.ReadAsStringAsync();
        Assert.DoesNotContain(app.InA.PupilName, body);
        Assert.DoesNotContain("Uitloggen", body);
    }

    [Fact]
    public async Task RequestsToSchoolAThenSchoolBOnOneClientNeverMix()
    {
        // One client (one cookie container), signed in at both schools.
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://alfa.localhost/") });
        await SchoolApp.SignInAsync(client, app.InA.ParentEmail);
        var bToken = await Forms.AntiforgeryTokenAsync(client, "http://bravo.localhost/Account/SignIn");
        using (var signIn = await client.PostAsync("http://bravo.localhost/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = bToken,
            ["Input.Email"] = app.InB.ParentEmail,
            ["Input.Password"] = SchoolApp.Password,
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            var alfa = await HomeAsync(client, "alfa.localhost");
            Assert.Contains(app.InA.PupilName, alfa);
            Assert.DoesNotContain(app.InB.PupilName, alfa);
            Assert.DoesNotContain(app.B.Name, alfa);
            var bravo = await HomeAsync(client, "bravo.localhost");
            Assert.Contains(app.InB.PupilName, bravo);
            Assert.DoesNotContain(app.InA.PupilName, bravo);
            Assert.DoesNotContain(app.A.Name, bravo);
        }
    }

    [Fact]
    public async Task BrandingCachesLoadedAThenBThenANeverCross()
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (host, name, color, other) in new[]
        {
            ("alfa.localhost", app.A.Name, "#0B6E5F", app.B.Name),
            ("bravo.localhost", app.B.Name, "#A63D12", app.A.Name),
            ("alfa.localhost", app.A.Name, "#0B6E5F", app.B.Name),
            ("bravo.localhost", app.B.Name, "#A63D12", app.A.Name),
        })
        {
            var html = await HomeAsync(anonymous, host);
            Assert.Contains(name, html);
            Assert.Contains($"--brand:{color}", html);
            Assert.DoesNotContain(other, html);
        }
        var catalog = app.Services.GetRequiredService<Schoolplein.Platform.Tenancy.TenantCatalog>();
        Assert.Equal("alfa", (await catalog.FindByIdAsync(app.A.Id))!.Slug);
        Assert.Equal("bravo", (await catalog.FindBySlugAsync("bravo"))!.Slug);
        Assert.Equal(app.A.Id, (await catalog.FindBySlugAsync("alfa"))!.Id);
    }
}

/// <summary>Failure mode 15: the security-stamp validator runs (interval zero: every request) and finds the user in its school.</summary>
public sealed class SecurityStampApp : TwoSchoolsApp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Identity:SecurityStampMinutes"] = "0";
}

public sealed class SecurityStampTests(SecurityStampApp app) : IClassFixture<SecurityStampApp>
{
    [Fact]
    public async Task AUserStaysSignedInAfterTheSecurityStampValidationIntervalAndIsSignedOutWhenTheStampChanges()
    {
        using var client = await app.SignedInAsync("alfa", app.InA.ParentEmail);
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(20);
            using var response = await client.GetAsync("/api/v1/modules");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(app.InA.ParentId.ToString());
            await users.UpdateSecurityStampAsync(user!);
        });
        await Task.Delay(20);
        using var after = await client.GetAsync("/api/v1/modules");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}

/// <summary>Failure mode 18: two app instances on one database share data-protection keys.</summary>
public sealed class SecondInstance(TwoSchoolsApp first) : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => Task.FromResult(first.Database);
}

public sealed class MultiInstanceTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task ACookieIssuedByOneInstanceValidatesOnAnother()
    {
        var cookie = await app.AuthCookieAsync("alfa", app.InA.ParentEmail);
        await using var second = new SecondInstance(app);
        await second.InitializeAsync();
        using var response = await second.GetWithCookieAsync("alfa.localhost", "/", cookie);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(app.InA.PupilName, html);
        Assert.Contains("Uitloggen", html);
    }
}
