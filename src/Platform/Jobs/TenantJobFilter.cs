using System.Reflection;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Serilog.Context;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Jobs;

/// <summary>
/// Client side: stamps the job's <c>tenantId</c> argument as the TenantId job parameter.
/// Server side: refuses a job without a school unless it is a system job, checks that
/// parameter and argument agree, skips the job when the school is no longer served,
/// and pushes the school's slug onto every log event of the job.
/// </summary>
public sealed class TenantJobFilter(TenantCatalog catalog) : IClientFilter, IServerFilter
{
    private const string LogScopeItem = "Schoolplein.LogScope";

    public void OnCreating(CreatingContext context)
    {
        if (TenantArgument(context.Job) is { } tenantId)
        {
            context.SetJobParameter(JobParameters.TenantId, tenantId);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var tenantId = context.GetJobParameter<Guid?>(JobParameters.TenantId);
        if (tenantId is null)
        {
            if (!IsSystemJob(job))
            {
                throw new MissingTenantException($"{job.Type.Name}.{job.Method.Name}");
            }
            context.Items[LogScopeItem] = LogContext.PushProperty("Tenant", "-");
            return;
        }
        if (TenantArgument(job) is { } argument && argument != tenantId)
        {
            throw new InvalidOperationException("The job's school parameter and argument disagree.");
        }
        // Hangfire's filters are synchronous: the catalogue's cache (seconds, evicted on change) answers
        // almost every job; only a miss blocks this worker thread on the one catalogue query.
        if (!catalog.TryGetCached(tenantId.Value, out var tenant))
        {
            tenant = catalog.FindByIdAsync(tenantId.Value).GetAwaiter().GetResult();
        }
        if (tenant is null || !tenant.IsServed)
        {
            // Re-checked when the job runs: a suspended or archived school's work is dropped.
            context.Canceled = true;
            return;
        }
        context.Items[LogScopeItem] = LogContext.PushProperty("Tenant", tenant.Slug);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(LogScopeItem, out var scope) && scope is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    public static Guid? TenantArgument(Job job)
    {
        var parameters = job.Method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name == JobParameters.TenantArgument && job.Args[i] is Guid id)
            {
                return id;
            }
        }
        return null;
    }

    private static bool IsSystemJob(Job job) =>
        job.Method.GetCustomAttribute<SystemJobAttribute>() is not null
        || job.Type.GetCustomAttribute<SystemJobAttribute>() is not null;
}
