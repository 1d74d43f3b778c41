using System.Linq.Expressions;
using Hangfire;

namespace Schoolplein.Platform.Jobs;

public static class JobClientExtensions
{
    /// <summary>
    /// Schedules a job for an instant read from the app's clock. Hangfire counts with the machine's
    /// clock, so the instant is turned into a delay from the app's "now": a demo or test clock that
    /// starts elsewhere (SCHOOLPLEIN_CLOCK) still runs the job after the same wait.
    /// </summary>
    public static string ScheduleAt<T>(this IBackgroundJobClient jobs, Expression<Func<T, Task>> job, DateTimeOffset at, TimeProvider time) =>
        jobs.Schedule(job, at - time.GetUtcNow());
}
