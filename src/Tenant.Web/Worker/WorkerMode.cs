using Schoolplein.Platform.Health;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Worker;

/// <summary>
/// The worker process is this app started with the argument <c>worker</c>: the same services (so
/// every job finds its dependencies, whichever feature registered them), the Hangfire server on and
/// the recurring jobs registered, but no pages or API: it serves only <c>/health/*</c> and
/// <c>/metrics</c> for probes and scrapes. Web instances run with <c>Jobs:RunServer=false</c> and only
/// enqueue. One image, two commands: no separate project to keep in step.
/// </summary>
public static class WorkerMode
{
    public const string Argument = "worker";

    public static bool IsWorker(string[] args) => args is [Argument, ..];

    /// <summary>Call right after CreateBuilder: the job settings are read when the platform is added.</summary>
    public static WebApplicationBuilder AddWorkerMode(this WebApplicationBuilder builder, string[] args)
    {
        if (IsWorker(args))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Jobs:RunServer"] = "true",
                // On unless said otherwise: the bench runs a worker without the recurring sweeps.
                ["Jobs:RegisterRecurringJobs"] = builder.Configuration["Jobs:RegisterRecurringJobs"] ?? "true",
            });
        }
        return builder;
    }

    public static void RunWorker(this WebApplication app)
    {
        app.UseManagementPort();
        app.UseRouting();
        app.MapPlatformHealth();
        app.MapMetrics().WithMetadata(HostRequirement.Any);
        app.Run();
    }
}
