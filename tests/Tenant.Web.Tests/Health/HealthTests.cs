using System.Net;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Health;

public sealed class HealthTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Theory]
    [InlineData("alfa.localhost", "/health/live")]
    [InlineData("alfa.localhost", "/health/ready")]
    [InlineData("localhost", "/health/ready")]
    [InlineData("127.0.0.1", "/health/ready")]
    public async Task HealthAnswersOnAnyHostWithoutASchool(string host, string path)
    {
        using var client = app.ClientForHost(host);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>A database that exists but has no migrations applied.</summary>
public sealed class UnmigratedApp : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => server.CreateEmptyDatabaseAsync();

    protected override void Configure(IDictionary<string, string?> settings) => settings["Jobs:RunServer"] = "false";
}

public sealed class UnmigratedHealthTests(UnmigratedApp app) : IClassFixture<UnmigratedApp>
{
    [Fact]
    public async Task ReadyFailsWhileMigrationsArePendingButLiveAnswers()
    {
        using var client = app.ClientForHost("localhost");
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
