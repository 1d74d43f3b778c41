using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Schoolplein.Platform.Observability;

/// <summary>
/// Schoolplein's own instruments (meter <see cref="MeterName"/>), exported with the ASP.NET Core,
/// HttpClient and Npgsql metrics on the Prometheus endpoint. Delivery code of every channel calls
/// <see cref="Delivered"/> once per message accepted by the channel and <see cref="Failed"/> once
/// per failed attempt. Tags are low-cardinality: never an id, address or school.
/// </summary>
public sealed class SchoolpleinMetrics
{
    public const string MeterName = "Schoolplein";

    public static class Channels
    {
        public const string Email = "email";
        public const string Push = "push";
        public const string InApp = "inapp";
    }

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;

    public SchoolpleinMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("schoolplein.notifications.delivered", "{message}",
            "Messages accepted by a delivery channel (SMTP server, push service, in-app store).");
        _failed = meter.CreateCounter<long>("schoolplein.notifications.failed", "{attempt}",
            "Failed delivery attempts; final=true when the message is given up (dead).");
        _latency = meter.CreateHistogram<double>("schoolplein.notifications.latency", "s",
            "Time from the message being written (outbox) to its delivery.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });
    }

    /// <param name="channel">One of <see cref="Channels"/>.</param>
    /// <param name="kind">What caused the message, e.g. "account.activation" (a fixed code, never personal).</param>
    /// <param name="sinceWritten">Time since the message was written to the outbox, when known.</param>
    public void Delivered(string channel, string kind, TimeSpan? sinceWritten = null)
    {
        var tags = new TagList { { "channel", channel }, { "kind", kind } };
        _delivered.Add(1, tags);
        if (sinceWritten is { } latency)
        {
            _latency.Record(Math.Max(0, latency.TotalSeconds), tags);
        }
    }

    /// <param name="final">True when no further attempt follows (the message is dead).</param>
    public void Failed(string channel, string kind, string error, bool final)
    {
        _failed.Add(1, new TagList { { "channel", channel }, { "kind", kind }, { "error", error }, { "final", final ? "true" : "false" } });
    }
}
