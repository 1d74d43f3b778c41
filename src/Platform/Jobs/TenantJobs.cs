namespace Schoolplein.Platform.Jobs;

/// <summary>Marks a job method that runs without a school (catalogue-wide work such as the recurring fan-out).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class SystemJobAttribute : Attribute;

/// <summary>
/// Recurring per-school work. The fan-out enqueues one RunAsync per served school; the
/// job activator opens that school's scope from the job's TenantId parameter.
/// </summary>
public interface ITenantJob
{
    Task RunAsync(Guid tenantId, CancellationToken ct);
}

public static class JobParameters
{
    public const string TenantId = "TenantId";
    /// <summary>Job methods name their school argument this way; the client filter stamps it as a parameter.</summary>
    public const string TenantArgument = "tenantId";
}

public sealed class MissingTenantException(string job)
    : InvalidOperationException($"Job {job} has no school and is not a system job.");
