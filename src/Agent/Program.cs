using Microsoft.AspNetCore.Builder;
using Multinet.Agent.Telemetry;

namespace Multinet.Agent;

/// <summary>The standalone agent: the agent services plus its small HTTP port for probes and scrapes.</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // Probes and scrapes arrive every few seconds: their request lines are not news.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddAgent();
        builder.AddAgentHttp();
        var app = builder.Build();
        app.MapAgentHttp();
        await app.RunAsync();
    }
}
