using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Ipam;
using Multinet.UnitTests.TestSupport;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// The reconciler and driver against a running VPP (<c>MULTINET_VPP_API_SOCKET</c> names its api.sock; skipped otherwise):
/// a NAD's routes through two pods' memifs become one multipath prefix in the network's table, a policy's ACLs carry the
/// digest of its rules, a second agent on the same VPP reads both back and issues no operation, and a pod leaving takes
/// only its own paths. Everything is removed at the end (an empty view).
/// </summary>
[Collection(nameof(RealVppCollection))]
public sealed class RealVppReadBackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClusterView View(bool withSecond = true)
    {
        var view = Multinet.UnitTests.Shared.Domain.ExampleCluster.View();
        var routes = new NadRoute[] { new(IPNetwork.Parse("10.0.0.0/8"), IPAddress.Parse("172.19.0.1")), new(IPNetwork.Parse("192.168.0.0/16"), null) };
        return view with
        {
            Nads = [.. view.Nads.Select(n => n.Name == "network-blue-conf" ? n with { Routes = [.. routes] } : n)],
            // memif interfaces (a tap needs /dev/net/tun, which a container may not offer).
            Pods = [Pod("samplepod", "node-1", Labels(("demo", "demo")), Blue("172.19.0.5", "memif1")),
                .. withSecond ? [Pod("second", "node-1", Labels(), Blue("172.19.0.6", "memif1"))] : Array.Empty<ClusterPod>()],
            Policies = [.. view.Policies.Select(p => p with { Ingress = [new ClusterPolicyRule("Allow", "TCP", "blue") { DestinationPorts = ["3434"] }] })],
        };
    }

    private static VppDataplane Connect()
    {
        var socket = Environment.GetEnvironmentVariable("MULTINET_VPP_API_SOCKET");
        Assert.SkipWhen(string.IsNullOrEmpty(socket), "MULTINET_VPP_API_SOCKET is not set: no VPP to test against.");
        return new VppDataplane(socket, "node-1", NullLogger<VppDataplane>.Instance);
    }

    private static (NodeReconciler Reconciler, ViewSource Source, NodeStatusStore Store) Agent(VppDataplane dataplane, ClusterView view)
    {
        var source = new ViewSource { View = view };
        var store = new NodeStatusStore();
        return (new NodeReconciler(dataplane, source, new ReconcileTrigger(), store, Options.Create(new AgentOptions { NodeName = "node-1" }),
            new FakeTimeProvider(), NullLogger<NodeReconciler>.Instance), source, store);
    }

    /// <summary>The paths VPP holds for a prefix of table 56: (sw_if_index, next hop).</summary>
    private static async Task<List<(uint SwIfIndex, IPAddress? NextHop)>> PathsAsync(VppDataplane dataplane, string prefix)
    {
        var vpp = await dataplane.GetConnectionAsync(Token);
        return [.. (await vpp.DumpAsync(new IpRouteDump(56, false), Token)).Select(IpRouteDetails.From)
            .Where(r => r.Prefix == IPNetwork.Parse(prefix)).SelectMany(r => r.Paths).Select(p => (p.SwIfIndex, p.NextHop))];
    }

    [Fact]
    public async Task NadRoutesAndPolicy_AreReadBackByARestartedAgent_WithNoOperation_AndAPodTakesOnlyItsPaths()
    {
        await using (var first = Connect())
        {
            var (reconciler, _, store) = Agent(first, View());
            using var _ = reconciler;
            Assert.NotEmpty(await reconciler.ReconcileOnceAsync(Token));
            Assert.Empty(store.Current.Inventory.Errors);
            var via = await PathsAsync(first, "10.0.0.0/8");
            Assert.Equal(2, via.Count); // one prefix, a path through each pod's memif to the gateway
            Assert.All(via, p => Assert.Equal(IPAddress.Parse("172.19.0.1"), p.NextHop));
            Assert.Equal(2, (await PathsAsync(first, "192.168.0.0/16")).Count);
        }

        await using var restarted = Connect();
        var (again, source, againStore) = Agent(restarted, View());
        using var __ = again;
        try
        {
            Assert.Empty(await again.ReconcileOnceAsync(Token));
            var binding = Assert.Single(againStore.Current.Inventory.Policies);
            Assert.Equal(["default/my-policy"], binding.Policies);

            source.View = View(withSecond: false);
            await again.ReconcileOnceAsync(Token);
            var sample = (await PathsAsync(restarted, "10.0.0.0/8")).Single();
            Assert.Equal(IPAddress.Parse("172.19.0.1"), sample.NextHop);
            Assert.Single(await PathsAsync(restarted, "192.168.0.0/16"));
            Assert.Empty(await again.ReconcileOnceAsync(Token));
        }
        finally
        {
            source.View = View() with { Networks = [], Nads = [], Pods = [], Services = [], Policies = [] };
            await again.ReconcileOnceAsync(Token);
        }

        Assert.Empty(await PathsAsync(restarted, "10.0.0.0/8"));
    }

    private sealed class ViewSource : IClusterViewSource
    {
        public required ClusterView View { get; set; }

        public bool IsSynced => true;

        public ClusterView Snapshot() => View;
    }
}
