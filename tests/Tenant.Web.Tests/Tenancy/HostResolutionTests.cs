using System.Net;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>TENANCY.md failure modes 10, 11 and 12, and the bad-input hosts of the foundation issue.</summary>
public sealed class HostResolutionTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string host, string path = "/", Action<HttpRequestMessage>? tweak = null)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost/") });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Host", host);
        tweak?.Invoke(request);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private void AssertNoSchoolData(string body)
    {
        foreach (var school in new[] { app.A, app.B })
        {
            Assert.DoesNotContain(school.Name, body);
        }
        Assert.DoesNotContain(app.InA.PupilName, body);
        Assert.DoesNotContain(app.InB.PupilName, body);
        Assert.DoesNotContain("#0B6E5F", body);
    }

    [Theory]
    [InlineData("nietbestaand.localhost:5000")]
    [InlineData("www.localhost")]
    [InlineData("admin.localhost")]
    [InlineData("backoffice.localhost")]
    [InlineData("x.alfa.localhost")]
    [InlineData("alfa.example.nl")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("[::1]:5000")]
    [InlineData("-alfa.localhost")]
    [InlineData("al_fa.localhost")]
    [InlineData("alfa.localhost:notaport")]
    public async Task UnknownAndReservedHostsGetTheNeutralNotFoundPage(string host)
    {
        var (status, body) = await GetAsync(host);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Er is geen school op dit adres", body);
        AssertNoSchoolData(body);
    }

    [Fact]
    public async Task AVeryLongHostGetsNotFoundNotAServerError()
    {
        var (status, body) = await GetAsync(new string('a', 300) + ".localhost");
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertNoSchoolData(body);
    }

    [Fact]
    public async Task UnknownHostStillAnswersHealth()
    {
        var (status, _) = await GetAsync("nietbestaand.localhost", "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task BareBaseDomainShowsTheNeutralLandingPageWithoutSchoolData()
    {
        var (status, body) = await GetAsync("localhost:5000");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("ouderportaal", body);
        AssertNoSchoolData(body);
        var (signIn, _) = await GetAsync("localhost:5000", "/Account/SignIn");
        Assert.Equal(HttpStatusCode.NotFound, signIn);
    }

    [Theory]
    [InlineData("alfa.localhost")]
    [InlineData("Alfa.LOCALHOST:5000")]
    [InlineData("alfa.localhost.")]
    [InlineData("alfa.localhost.:5000")]
    [InlineData("ALFA.localhost:80")]
    public async Task CaseTrailingDotAndPortResolveTheSameSchool(string host)
    {
        var (status, body) = await GetAsync(host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(app.A.Name, body);
        Assert.DoesNotContain(app.B.Name, body);
    }

    [Fact]
    public async Task ATenantHeaderQueryOrCookieCannotOverrideTheHost()
    {
        var (status, body) = await GetAsync("alfa.localhost", "/?tenant=bravo&school=bravo&slug=bravo", r =>
        {
            r.Headers.Add("X-Tenant", "bravo");
            r.Headers.Add("X-Tenant-Id", app.B.Id.ToString());
            r.Headers.Add("X-Forwarded-Host", "bravo.localhost");
            r.Headers.Add("Cookie", "tenant=bravo; school=bravo");
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(app.A.Name, body);
        Assert.DoesNotContain(app.B.Name, body);
    }

    [Fact]
    public async Task SuspendedSchoolShowsItsNameAndPhoneWithA503AndNoSignIn()
    {
        var suspended = await app.CreateSchoolAsync("gesloten", "Basisschool Gesloten", Schoolplein.Platform.Tenancy.TenantStatus.Suspended, phone: "010 999 88 77");
        foreach (var path in new[] { "/", "/Account/SignIn", "/api/v1/modules" })
        {
            var (status, body) = await GetAsync("gesloten.localhost", path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains(suspended.Name, body);
            Assert.Contains("010 999 88 77", body);
            Assert.DoesNotContain("Input.Password", body);
            AssertNoSchoolData(body);
        }
        var (health, _) = await GetAsync("gesloten.localhost", "/health/live");
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task ArchivedSchoolIsNotFound()
    {
        var archived = await app.CreateSchoolAsync("vroeger", "Basisschool Vroeger", Schoolplein.Platform.Tenancy.TenantStatus.Archived);
        var (status, body) = await GetAsync("vroeger.localhost");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(archived.Name, body);
    }
}
