using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Observability;
using Xunit;

namespace Schoolplein.Platform.Tests.Observability;

public sealed class ObservabilityTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("10.0.0.7");

    [Theory]
    [InlineData(9464, "/metrics", true)]
    [InlineData(9464, "/health/ready", true)]
    [InlineData(9464, "/health/live", true)]
    [InlineData(9464, "/", false)]
    [InlineData(9464, "/Account/SignIn", false)]
    [InlineData(8080, "/metrics", false)]
    [InlineData(8080, "/METRICS", false)]
    [InlineData(8080, "/", true)]
    [InlineData(8080, "/health/ready", true)]
    public void WithAManagementPortMetricsAnswerOnlyThereAndThatPortServesNothingElse(int localPort, string path, bool allowed) =>
        Assert.Equal(allowed, ManagementPortMiddleware.Allows(9464, localPort, Remote, path));

    [Fact]
    public void WithoutAManagementPortMetricsAnswerOnlyToLoopbackClients()
    {
        Assert.True(ManagementPortMiddleware.Allows(null, 5000, IPAddress.Loopback, "/metrics"));
        Assert.True(ManagementPortMiddleware.Allows(null, 5000, IPAddress.IPv6Loopback, "/metrics"));
        Assert.False(ManagementPortMiddleware.Allows(null, 5000, Remote, "/metrics"));
        Assert.False(ManagementPortMiddleware.Allows(null, 5000, null, "/metrics"));
        Assert.True(ManagementPortMiddleware.Allows(null, 5000, Remote, "/"));
    }

    [Fact]
    public void DeliveriesAndFailuresAreCountedWithLowCardinalityTags()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<SchoolpleinMetrics>().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var seen = new List<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SchoolpleinMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var metrics = services.GetRequiredService<SchoolpleinMetrics>();
        metrics.Delivered(SchoolpleinMetrics.Channels.Email, "account.activation", TimeSpan.FromSeconds(2));
        metrics.Failed(SchoolpleinMetrics.Channels.Push, "post.published", "HttpRequestException", final: true);

        Assert.Collection(seen,
            d =>
            {
                Assert.Equal(("schoolplein.notifications.delivered", 1d), (d.Instrument, d.Value));
                Assert.Equal(new Dictionary<string, string?> { ["channel"] = "email", ["kind"] = "account.activation" }, d.Tags);
            },
            l => Assert.Equal(("schoolplein.notifications.latency", 2d), (l.Instrument, l.Value)),
            f =>
            {
                Assert.Equal(("schoolplein.notifications.failed", 1d), (f.Instrument, f.Value));
                Assert.Equal("true", f.Tags["final"]);
                Assert.Equal("push", f.Tags["channel"]);
                Assert.Equal("HttpRequestException", f.Tags["error"]);
            });
    }
}
