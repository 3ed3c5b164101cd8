using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Agent.Reporting;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Grpc;
using Multinet.Web.State;

namespace Multinet.UnitTests.Agent.Reporting;

/// <summary>The agent's reporter against the console's real gateway over loopback gRPC: what the store holds is what LiveState shows.</summary>
public sealed class ReporterToGatewayTests
{
    private const string AgentSecretValue = "reporter-test-secret";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Reporter_SnapshotThenCounterChange_LiveStateHoldsTheWholeInventory()
    {
        var live = new LiveState(TimeProvider.System);
        var (console, consoleUrl) = await StartConsoleAsync(live);
        await using var app = console;
        var store = new NodeStatusStore();
        var inventory = SampleInventory.Full();
        store.Publish(inventory);
        // The agent's real clock: a delta goes out within its 250 ms interval. (A fake clock advanced once raced the reporter:
        // a publish it had not yet seen when the clock moved scheduled its send for a time that never came.)
        var agentTime = TimeProvider.System;
        using var reporter = new NodeStateReporter(store, new SimulatedDataplane(), Options.Create(new AgentOptions
        {
            NodeName = "node-1",
            ConsoleUrl = consoleUrl,
            ConsoleToken = AgentSecretValue,
            HeartbeatInterval = TimeSpan.FromMinutes(1),
        }), agentTime, NullLogger<NodeStateReporter>.Instance);
        var subscription = live.Subscribe(Token);
        await using var batches = subscription.Batches.GetAsyncEnumerator(Token);

        await reporter.StartAsync(Token);
        await UntilAsync(batches, s => s.Nodes.TryGetValue("node-1", out var n) && inventory.Equivalent(n.Inventory));
        var changed = inventory with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 5_000)], Errors = [] };
        store.Publish(changed);
        var node = await UntilAsync(batches, s => s.Nodes.TryGetValue("node-1", out var n) && changed.Equivalent(n.Inventory));
        await reporter.StopAsync(Token);

        Assert.True(node.Nodes["node-1"].Connected);
        Assert.Equal("Simulated", node.Nodes["node-1"].Dataplane);
    }

    private static async Task<LiveSnapshot> UntilAsync(IAsyncEnumerator<LiveBatch> batches, Func<LiveSnapshot, bool> condition)
    {
        while (await batches.MoveNextAsync())
        {
            if (condition(batches.Current.Snapshot))
            {
                return batches.Current.Snapshot;
            }
        }

        throw new InvalidOperationException("The live feed ended.");
    }

    private static async Task<(WebApplication App, string Url)> StartConsoleAsync(LiveState live)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddSingleton<AgentProbes>();
        builder.Services.AddSingleton<AgentReportQueue>();
        builder.Services.AddSingleton<IAgentAuthenticator>(Multinet.UnitTests.Web.Grpc.AgentGatewayServiceTests.SharedSecret(AgentSecretValue));
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        app.MapGrpcService<AgentGatewayService>();
        await app.StartAsync(Token);
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }
}
