using System.Diagnostics;
using Hangfire.Server;

namespace Schoolplein.Platform.Observability;

/// <summary>
/// One trace span per Hangfire job, so the Npgsql and HttpClient spans of a job (in the worker)
/// hang under it. Tags are the job's type and method and the retry count; never its arguments.
/// </summary>
public sealed class JobTracingFilter : IServerFilter
{
    public const string SourceName = "Schoolplein.Jobs";
    private const string ActivityKey = "schoolplein.activity";
    private static readonly ActivitySource Source = new(SourceName);

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("job.type", job.Type.Name);
        activity.SetTag("job.method", job.Method.Name);
        activity.SetTag("job.retry", context.GetJobParameter<int>("RetryCount"));
        context.Items[ActivityKey] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ActivityKey, out var value) && value is Activity activity)
        {
            if (context.Exception is { } ex)
            {
                activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            }
            activity.Dispose();
        }
    }
}
