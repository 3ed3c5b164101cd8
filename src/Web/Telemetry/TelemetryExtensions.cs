using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multinet.Kube;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Multinet.Web.Telemetry;

/// <summary>The console's /healthz, /readyz and Prometheus /metrics (its own instruments, and the embedded agents').</summary>
internal static class TelemetryExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddConsoleTelemetry(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ConsoleReadinessCheck>("console", tags: [ReadyTag]);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());
        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("multinet-console")).WithMetrics(metrics => metrics
            .AddMeter(MeterNames.Console, MeterNames.Agent, MeterNames.Kube)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapConsoleTelemetry(this WebApplication app)
    {
        // Probes and the scraper carry no console sign-in: these answer without one (the console's fallback policy needs one).
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    /// <summary>The status, then each failing check's reason on its own line: what a probe's event or curl shows.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }
}
