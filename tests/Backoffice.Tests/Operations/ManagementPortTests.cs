using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Operations;

/// <summary>The backoffice with a management port, as in the container image.</summary>
public sealed class BackofficeWithManagementPort : BackofficeTestApp
{
    public const int ManagementPort = 9464;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Observability:MetricsPort", ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<(int Status, string Body)> GetOnPortAsync(int localPort, string path, string host)
    {
        var context = await Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Host = new HostString(host);
            http.Request.Path = path;
            http.Connection.LocalPort = localPort;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}

public sealed class ManagementPortTests(BackofficeWithManagementPort app) : IClassFixture<BackofficeWithManagementPort>
{
    [Fact]
    public async Task ProbesAndScrapesByPodAddressPassOnTheManagementPortOnly()
    {
        // Kubelet and Prometheus address the pod by IP, which host filtering would refuse.
        var (ready, _) = await app.GetOnPortAsync(BackofficeWithManagementPort.ManagementPort, "/health/ready", "10.0.0.9:9464");
        Assert.Equal(200, ready);
        var (metrics, body) = await app.GetOnPortAsync(BackofficeWithManagementPort.ManagementPort, "/metrics", "10.0.0.9:9464");
        Assert.Equal(200, metrics);
        Assert.Contains("schoolplein_jobs_enqueued", body);

        var (publicPort, _) = await app.GetOnPortAsync(8080, "/health/ready", "10.0.0.9:9464");
        Assert.Equal(400, publicPort);
        var (publicMetrics, _) = await app.GetOnPortAsync(8080, "/metrics", "backoffice.localhost");
        Assert.Equal(404, publicMetrics);
        var (page, _) = await app.GetOnPortAsync(BackofficeWithManagementPort.ManagementPort, "/Account/SignIn", "backoffice.localhost");
        Assert.Equal(404, page);
    }
}
