using System.ComponentModel.DataAnnotations;

namespace Schoolplein.Platform.Observability;

public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// The management port: when set, <c>/metrics</c> answers only on connections to this local
    /// port (which the Ingress or reverse proxy never routes to) and that port serves nothing but
    /// <c>/metrics</c> and <c>/health/*</c>. Kestrel must listen on it too (ASPNETCORE_HTTP_PORTS="8080;9464").
    /// When not set (development), <c>/metrics</c> answers only to loopback clients.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>OTLP endpoint for traces (e.g. http://otel-collector:4317). No traces are exported when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How long the Hangfire statistics behind the job gauges are cached (each read is a few COUNT queries).</summary>
    [Range(0, 300)]
    public int JobStatisticsCacheSeconds { get; set; } = 5;
}
