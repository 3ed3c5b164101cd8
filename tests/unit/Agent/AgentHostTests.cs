using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent;

/// <summary>The whole agent as the console hosts it: fake API server in, simulated dataplane, real gRPC stream out.</summary>
public sealed class AgentHostTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;
    private FakeConsoleServer _console = null!;
    private string _kubeconfig = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync(Token);
        _kubeconfig = _api.WriteKubeconfig();
        _console = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _console.DisposeAsync();
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Fact]
    public async Task Start_NetworksInTheCluster_AppliesThemAndReportsThem_AndARestartIssuesNoOperations()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"), TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "6"));
        var dataplane = new SimulatedDataplane();
        var options = new AgentOptions { NodeName = "node-2", ConsoleUrl = _console.Address, Kubeconfig = _kubeconfig };

        using (var first = AgentHost.CreateBuilder(options, dataplane).Build())
        {
            await first.StartAsync(Token);
            await WaitUntilReportedAppliedAsync(call: 1, "blue", "red");
            await first.StopAsync(Token);
        }

        Assert.Contains(new DataplaneTable(56, false, "multinet:blue"), dataplane.Tables);
        Assert.Contains(new DataplaneTable(88, false, "multinet:red"), dataplane.Tables);
        var operations = dataplane.OperationCount;
        Assert.Equal(2, operations);

        using var second = AgentHost.CreateBuilder(options, dataplane).Build();
        await second.StartAsync(Token);
        await WaitUntilReportedAppliedAsync(call: 2, "blue", "red");
        await second.StopAsync(Token);

        Assert.Equal(operations, dataplane.OperationCount);
    }

    /// <summary>Folds the console's view of one call (snapshot, then deltas) until the given networks are Applied.</summary>
    private async Task WaitUntilReportedAppliedAsync(int call, params string[] networks)
    {
        var view = new Dictionary<string, VrfStatus>(StringComparer.Ordinal);
        while (!networks.All(n => view.TryGetValue(n, out var s) && s.State is Multinet.Shared.Domain.VrfState.Applied))
        {
            var received = await _console.Gateway.Received.NextAsync(TimeSpan.FromSeconds(120)); // a ceiling reached only on failure
            if (received.Call != call)
            {
                continue;
            }

            switch (received.Message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Hello:
                    Assert.Equal("node-2", received.Message.Hello.NodeName);
                    break;
                case AgentMessage.BodyOneofCase.Snapshot:
                    view = received.Message.Snapshot.ToDomain().ToDictionary(v => v.Network, StringComparer.Ordinal);
                    break;
                case AgentMessage.BodyOneofCase.Delta:
                    var delta = received.Message.Delta.ToDomain();
                    foreach (var vrf in delta.Upserted)
                    {
                        view[vrf.Network] = vrf;
                    }

                    foreach (var removed in delta.RemovedNetworks)
                    {
                        view.Remove(removed);
                    }

                    break;
            }
        }
    }
}
