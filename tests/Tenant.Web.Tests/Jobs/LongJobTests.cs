using System.Collections.Concurrent;
using Hangfire;
using Schoolplein.Platform.Jobs;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Jobs;

/// <summary>A job that runs longer than the invisibility timeout (an import, an invitation run).</summary>
public sealed class SlowJob
{
    public static readonly ConcurrentDictionary<string, int> Starts = new();

    [SystemJob]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string key, int seconds)
    {
        Starts.AddOrUpdate(key, 1, (_, n) => n + 1);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }
}

public sealed class ShortInvisibilityApp : TwoSchoolsApp
{
    // Two seconds stand in for the production 30: a job four times as long must still run once.
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Jobs:InvisibilityTimeoutSeconds"] = "2";
        settings["Jobs:WorkerCount"] = "3";
    }
}

/// <summary>
/// Hangfire.PostgreSql hands a fetched job to another worker when it stays invisible longer than the
/// timeout; the running worker renews it while the job runs, so long jobs never run twice and a
/// killed worker's job comes back within the timeout (deploy/scale-out-check.sh kills one).
/// </summary>
public sealed class LongJobTests(ShortInvisibilityApp app) : IClassFixture<ShortInvisibilityApp>
{
    [Fact]
    public async Task AJobRunningFourTimesTheInvisibilityTimeoutStartsOnce()
    {
        var key = Guid.NewGuid().ToString();
        var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SlowJob>(j => j.RunAsync(key, 8));

        Assert.Equal("Succeeded", await app.WaitForJobAsync(id, 60, "Succeeded"));
        Assert.Equal(1, SlowJob.Starts[key]);
    }
}
