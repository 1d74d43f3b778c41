using System.ComponentModel.DataAnnotations;

namespace Schoolplein.Platform.Jobs;

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Whether this process runs the Hangfire server. Web instances in production only enqueue; the worker runs it.</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 100)]
    public int WorkerCount { get; set; } = 5;

    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a fetched job stays invisible to other workers without a sign of life. The running
    /// worker renews it (sliding), so a long import or invitation run never starts twice, and a
    /// worker killed mid-job has its job picked up again this soon (not after Hangfire's 5 minutes).
    /// </summary>
    [Range(2, 3600)]
    public int InvisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Connections of Hangfire's own pool. Hangfire does not share the pool of the pages: a page
    /// holds its connection for the whole request, so an enqueue from that pool during a burst
    /// would wait for a connection that only a finished request gives back.
    /// </summary>
    [Range(2, 200)]
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>Registers recurring jobs at start (one process per deployment is enough; it is idempotent).</summary>
    public bool RegisterRecurringJobs { get; set; } = true;
}
