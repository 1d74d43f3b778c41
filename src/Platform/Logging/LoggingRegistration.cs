using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Schoolplein.Platform.Logging;

public static class LoggingRegistration
{
    /// <summary>
    /// Serilog, structured, enriched from the log context (tenant slug pushed by the tenant
    /// middleware and the job filter, request id from ASP.NET Core's scope). JSON to stdout
    /// when <c>Logging:Json</c> is true (containers). Never log personal data or message bodies.
    /// Sinks registered in DI (tests) are added too.
    /// </summary>
    public static IHostApplicationBuilder AddSchoolpleinLogging(this IHostApplicationBuilder builder, string application)
    {
        var json = builder.Configuration.GetValue<bool>("Logging:Json");
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Hangfire", Serilog.Events.LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", application);
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Application} {Tenant} {Message:lj}{NewLine}{Exception}");
            }
        });
        return builder;
    }
}

public static class RequestLogging
{
    /// <summary>
    /// Serilog's request log, bound to this app's logger (not the static Log.Logger, which
    /// another app in the same process could own). Logs the path, never the query string.
    /// </summary>
    public static Microsoft.AspNetCore.Builder.IApplicationBuilder UseSchoolpleinRequestLogging(this Microsoft.AspNetCore.Builder.IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetService(typeof(ILogger)) as ILogger;
        return app.UseSerilogRequestLogging(o =>
        {
            if (logger is not null)
            {
                o.Logger = logger;
            }
            // Probes and scrapes arrive every few seconds per instance: keep them out of the normal log.
            o.GetLevel = (http, _, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : Observability.ObservabilityRegistration.IsOperational(http.Request.Path) ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
    }
}
