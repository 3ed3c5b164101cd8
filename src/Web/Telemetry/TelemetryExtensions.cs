using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Multinet.Agent.Telemetry;
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
            .AddMeter(ConsoleMetrics.MeterName, AgentWebExtensions.AgentMeterName, WatchMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapConsoleTelemetry(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = AgentWebExtensions.WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = AgentWebExtensions.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
