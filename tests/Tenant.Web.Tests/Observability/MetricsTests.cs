using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Xunit;

using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Observability;

/// <summary>Two schools with a management port configured, as in production.</summary>
public sealed class ManagementPortApp : TwoSchoolsApp
{
    public const int ManagementPort = 9464;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Observability:MetricsPort"] = ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A GET as it arrives on the given local port (the real socket port, not the Host header).</summary>
    public async Task<(int Status, string Body)> GetOnPortAsync(int localPort, string path, string host = "10.1.2.3")
    {
        var context = await Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Host = new HostString(host);
            http.Request.Path = path;
            http.Connection.LocalPort = localPort;
            http.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.4");
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}

public sealed class MetricsTests(ManagementPortApp app) : IClassFixture<ManagementPortApp>
{
    [Fact]
    public async Task MetricsAnswerOnTheManagementPortWithAppAndJobMetrics()
    {
        // Another request first, so the ASP.NET Core request histogram has a value.
        await app.GetOnPortAsync(ManagementPortApp.ManagementPort, "/health/ready");
        // The Hangfire server registers itself shortly after the app starts; the gauge is cached for a few seconds.
        var servers = new Regex(@"^schoolplein_jobs_servers(\{[^}]*\})? [1-9]", RegexOptions.Multiline);
        var (status, body) = (0, "");
        await Eventually.UntilAsync(async () =>
        {
            (status, body) = await app.GetOnPortAsync(ManagementPortApp.ManagementPort, "/metrics");
            return status != 200 || servers.IsMatch(body);
        }, "the job server is counted", seconds: 20, pollMilliseconds: 500);
        Assert.Equal(200, status);
        Assert.Matches(new Regex(@"^schoolplein_jobs_enqueued(\{[^}]*\})? \d+", RegexOptions.Multiline), body);
        Assert.Matches(servers, body);
        Assert.Contains("http_server_request_duration_seconds", body);
    }

    [Theory]
    [InlineData("alfa.localhost")]
    [InlineData("localhost")]
    [InlineData("10.1.2.3:9464")]
    public async Task MetricsAreNotServedOnThePublicPortWhateverTheHost(string host)
    {
        var (status, body) = await app.GetOnPortAsync(8080, "/metrics", host);
        Assert.Equal(404, status);
        Assert.DoesNotContain("schoolplein_", body);
    }

    [Fact]
    public async Task TheManagementPortServesNoSchoolPages()
    {
        var (status, _) = await app.GetOnPortAsync(ManagementPortApp.ManagementPort, "/Account/SignIn", "alfa.localhost");
        Assert.Equal(404, status);
        var (health, _) = await app.GetOnPortAsync(ManagementPortApp.ManagementPort, "/health/live");
        Assert.Equal(200, health);
    }

    [Fact]
    public async Task EachDeliveredMailIsCountedByChannelAndKind()
    {
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var composer = scope.Get<SchoolEmailComposer>();
            scope.Get<EmailOutbox>().Add(composer.Compose("test.metrics", "geteld@ouders.test", null, "Geteld", "Geteld", ["Een regel."]));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });
        await app.Mail.WaitForMessageAsync("geteld@ouders.test");

        var pattern = new Regex(@"^schoolplein_notifications_delivered_total\{(?=[^}]*channel=""email"")(?=[^}]*kind=""test\.metrics"")[^}]*\} (\d+)", RegexOptions.Multiline);
        var deadline = Deadline.In(45);
        string body;
        do
        {
            // The job records the delivery just after the SMTP server accepted the mail.
            (_, body) = await app.GetOnPortAsync(ManagementPortApp.ManagementPort, "/metrics");
            if (pattern.Match(body) is { Success: true } match)
            {
                Assert.Equal("1", match.Groups[1].Value);
                Assert.Matches(@"schoolplein_notifications_latency_seconds_bucket\{[^}]*kind=""test\.metrics""", body);
                return;
            }
            await Task.Delay(200);
        }
        while (!deadline.Passed);
        Assert.Fail("No delivery counted for kind test.metrics in:\n" + body);
    }

    /// <summary>
    /// Every test class runs its own app in one test process, and a meter made through a host's
    /// IMeterFactory has the same name in each. Listening by meter name, a host's exporter took the
    /// instruments of whichever host made them first, and counted nothing of its own once that host
    /// stopped (CI failed on this). An app reports the instruments of its own container only.
    /// </summary>
    [Fact]
    public async Task AnAppCountsItsOwnDeliveriesAfterAnotherAppInTheProcessStopped()
    {
        var earlier = new ManagementPortApp();
        await ((IAsyncLifetime)earlier).InitializeAsync();
        // Its instruments exist before the next app starts listening.
        earlier.Services.GetRequiredService<Schoolplein.Platform.Observability.SchoolpleinMetrics>().Delivered("email", "test.other-app");
        var later = new ManagementPortApp();
        await ((IAsyncLifetime)later).InitializeAsync();
        try
        {
            var metrics = later.Services.GetRequiredService<Schoolplein.Platform.Observability.SchoolpleinMetrics>();
            await ((IAsyncLifetime)earlier).DisposeAsync();
            // A scrape after the stop (the exporter retires what belonged to the stopped app), then one
            // after the response cache (1 s) expired.
            await later.GetOnPortAsync(ManagementPortApp.ManagementPort, "/metrics");
            await Task.Delay(1200);
            metrics.Delivered("email", "test.own-app");
            var (_, body) = await later.GetOnPortAsync(ManagementPortApp.ManagementPort, "/metrics");
            Assert.Matches(new Regex(@"^schoolplein_notifications_delivered_total\{(?=[^}]*kind=""test\.own-app"")[^}]*\} 1\b", RegexOptions.Multiline), body);
            Assert.DoesNotContain("test.other-app", body);
        }
        finally
        {
            await ((IAsyncLifetime)later).DisposeAsync();
        }
    }
}
