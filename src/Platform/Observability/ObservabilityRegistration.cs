using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Schoolplein.Platform.Observability;

public static class ObservabilityRegistration
{
    /// <summary>
    /// OpenTelemetry metrics (ASP.NET Core, Kestrel, HttpClient, Npgsql, .NET runtime, Schoolplein's
    /// own: notification deliveries and Hangfire queues) for a Prometheus scrape endpoint, and traces
    /// (ASP.NET Core, HttpClient, Npgsql, Hangfire jobs) to an OTLP collector when one is configured.
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder, string application)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Schoolplein's meter is made by this container's IMeterFactory: listen to this container's
        // only (MeterScope.Local). Listening by name (AddMeter) also took the same-named meters of other
        // hosts in the process, bound the metric to whichever came first and counted nothing once that
        // host stopped (test processes run dozens of hosts; MetricsTests guards it).
        services.AddMetrics(metrics => metrics.EnableMetrics(SchoolpleinMetrics.MeterName, listenerName: "OpenTelemetry", scopes: MeterScope.Local));
        services.TryAddSingleton<SchoolpleinMetrics>();
        services.TryAddSingleton<JobMetrics>();
        services.AddHostedService<JobMetricsActivator>();

        var settings = builder.Configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var otlp = settings.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService($"schoolplein-{application}", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql", "System.Runtime")
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 1000));
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(JobTracingFilter.SourceName)
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint; <see cref="ManagementPortMiddleware"/> decides who may reach it.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(ManagementPortMiddleware.MetricsPath);

    /// <summary>Health probes and scrapes: not traced, logged at Verbose only.</summary>
    public static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.Equals(ManagementPortMiddleware.MetricsPath, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Creates the job gauges at start (an observable instrument exists only once its owner does).</summary>
internal sealed class JobMetricsActivator(JobMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
