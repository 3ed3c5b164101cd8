using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multinet.Kube;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Multinet.Agent.Telemetry;

/// <summary>The standalone agent's small HTTP port (<see cref="AgentOptions.HttpUrl"/>): /healthz, /readyz and /metrics.</summary>
public static class AgentWebExtensions
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddAgentHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var url = builder.Configuration[$"{AgentOptions.SectionName}:{nameof(AgentOptions.HttpUrl)}"] is { Length: > 0 } configured
            ? configured
            : new AgentOptions().HttpUrl;
        builder.WebHost.UseUrls(url);
        builder.Services.AddHealthChecks().AddCheck<AgentReadinessCheck>("agent", tags: [ReadyTag]);
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("multinet-agent")).WithMetrics(metrics => metrics
            .AddMeter(AgentMetrics.MeterName, WatchMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapAgentHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>The status, then each failing check's reason on its own line: what a probe's event or curl shows.</summary>
    internal static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }
}
