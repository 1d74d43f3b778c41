using System.Diagnostics;
using System.Net;
using Npgsql;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Persistence;

/// <summary>
/// PostgreSQL restarting under the app: the network in front of it (a TCP proxy) drops every open
/// connection and refuses new ones, the way a restart looks to the app. A page asked meanwhile waits
/// for the database instead of answering 500; a database that stays away gives 503 with Retry-After
/// and a page that says so in the parent's language.
/// </summary>
public sealed class DatabaseRestartTests(DatabaseRestartTests.ProxiedApp app) : IClassFixture<DatabaseRestartTests.ProxiedApp>
{
    public sealed class ProxiedApp : SchoolApp
    {
        public TcpCutProxy Proxy { get; private set; } = null!;

        protected override void Configure(IDictionary<string, string?> settings)
        {
            var direct = new NpgsqlConnectionStringBuilder(Database.AppConnectionString);
            Proxy = new TcpCutProxy(direct.Port);
            Proxy.Open();
            direct.Port = Proxy.Port;
            settings["ConnectionStrings:Schoolplein"] = direct.ConnectionString;
            settings["Database:ConnectWaitSeconds"] = "4";
            settings["Jobs:RunServer"] = "false";
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var school = await CreateSchoolAsync("duin", "Basisschool Het Duin");
            var group = await school.AddGroupAsync("Groep 4");
            var parent = await school.AddUserAsync("ouder@duin.test", Roles.Parent);
            await school.LinkGuardianAsync(await school.AddPupilAsync(group, "Sam", "Duin"), parent);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task APageAskedWhileTheDatabaseRestartsWaitsForItAndAnswers()
    {
        using var parent = await SignedInAsync();
        using (var before = await parent.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.Proxy.CutAsync(TimeSpan.Zero);
        var asked = parent.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(asked.IsCompleted, "the page answered while the database was down");
        app.Proxy.Open();

        using var during = await asked;
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains("Het Duin", await during.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADatabaseThatStaysAwayGivesABusyPageWithRetryAfterNotAnError()
    {
        using var parent = await SignedInAsync();
        await app.Proxy.CutAsync(TimeSpan.Zero);
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await parent.GetAsync("/");
            clock.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("Even geduld", page);
            Assert.Contains("Er is niets opgeslagen", page);
            // It waited for the database (Database:ConnectWaitSeconds = 4) before giving up.
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        }
        finally
        {
            app.Proxy.Open();
        }
        using var after = await parent.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = app.ClientFor("duin");
        await SchoolApp.SignInAsync(client, "ouder@duin.test");
        return client;
    }
}
