using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Observability;

/// <summary>
/// Hangfire queue gauges read from the shared job storage at scrape time (cached for a few
/// seconds). Every process reports the same deployment-wide values: aggregate with max(), not sum().
/// The worker autoscaler (KEDA/external metrics) can scale on schoolplein_jobs_enqueued.
/// </summary>
public sealed partial class JobMetrics
{
    private readonly JobStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<JobMetrics> _logger;
    private readonly TimeSpan _cacheFor;
    private readonly Lock _lock = new();
    private StatisticsDto? _cached;
    private long _cachedAt;

    public JobMetrics(IMeterFactory meters, JobStorage storage, TimeProvider time, IOptions<ObservabilityOptions> options, ILogger<JobMetrics> logger)
    {
        _storage = storage;
        _time = time;
        _logger = logger;
        _cacheFor = TimeSpan.FromSeconds(options.Value.JobStatisticsCacheSeconds);
        var meter = meters.Create(SchoolpleinMetrics.MeterName);
        meter.CreateObservableGauge("schoolplein.jobs.enqueued", () => Read(s => s.Enqueued), "{job}", "Jobs waiting in the Hangfire queues (queue length).");
        meter.CreateObservableGauge("schoolplein.jobs.scheduled", () => Read(s => s.Scheduled), "{job}", "Jobs scheduled for later (including retries waiting for their backoff).");
        meter.CreateObservableGauge("schoolplein.jobs.processing", () => Read(s => s.Processing), "{job}", "Jobs being processed now.");
        meter.CreateObservableGauge("schoolplein.jobs.failed", () => Read(s => s.Failed), "{job}", "Jobs that failed after their last retry.");
        meter.CreateObservableGauge("schoolplein.jobs.servers", () => Read(s => s.Servers), "{server}", "Hangfire servers (worker processes) alive.");
    }

    private IEnumerable<Measurement<long>> Read(Func<StatisticsDto, long> value)
    {
        var statistics = Statistics();
        return statistics is null ? [] : [new Measurement<long>(value(statistics))];
    }

    private StatisticsDto? Statistics()
    {
        lock (_lock)
        {
            // A cache interval is measured on the monotonic timestamp, never the wall clock (which can jump).
            var now = _time.GetTimestamp();
            if (_cached is null || _time.GetElapsedTime(_cachedAt, now) >= _cacheFor)
            {
                try
                {
                    _cached = _storage.GetMonitoringApi().GetStatistics();
                    _cachedAt = now;
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // No value rather than a stale one: the gap shows on the dashboard, the health check says why.
                    LogUnavailable(_logger, ex.GetType().Name);
                    _cached = null;
                }
            }
            return _cached;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job statistics unavailable for metrics ({Error})")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
