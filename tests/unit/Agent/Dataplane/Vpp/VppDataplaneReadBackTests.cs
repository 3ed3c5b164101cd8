using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Shared.Ipam;
using Multinet.UnitTests.TestSupport;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// What a restarted agent reads back from VPP (the fake VPP, multipath as VPP's FIB): a NAD's routes through two pods are
/// two paths of one prefix, and a policy binding carries the digest of its rules in its ACLs' tag, so an in-sync restart
/// issues no operation; a changed policy is bound again, and a pod leaving takes only its own path.
/// </summary>
public sealed class VppDataplaneReadBackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>samplepod (policy my-policy selects it) and second on node-1, both on blue through a NAD routing 10.0.0.0/8 via 172.19.0.1 and 192.168.0.0/16 on link.</summary>
    private static ClusterView View(bool withSecond = true, string port = "3434")
    {
        var view = ExampleView();
        var routes = new NadRoute[] { new(IPNetwork.Parse("10.0.0.0/8"), IPAddress.Parse("172.19.0.1")), new(IPNetwork.Parse("192.168.0.0/16"), null) };
        return view with
        {
            Nads = [.. view.Nads.Select(n => n.Name == "network-blue-conf" ? n with { Routes = [.. routes] } : n)],
            Pods = withSecond ? [.. view.Pods, Pod("second", "node-1", Labels(), Blue("172.19.0.6"))] : view.Pods,
            Policies = [.. view.Policies.Select(p => p with { Ingress = [new ClusterPolicyRule("Allow", "TCP", "blue") { DestinationPorts = [port] }] })],
        };
    }

    private static ClusterView ExampleView() => Multinet.UnitTests.Shared.Domain.ExampleCluster.View();

    private static (NodeReconciler Reconciler, ViewSource Source, NodeStatusStore Store) Agent(VppDataplane dataplane, ClusterView view)
    {
        var source = new ViewSource { View = view };
        var store = new NodeStatusStore();
        return (new NodeReconciler(dataplane, source, new ReconcileTrigger(), store, Options.Create(new AgentOptions { NodeName = "node-1" }),
            new FakeTimeProvider(), NullLogger<NodeReconciler>.Instance), source, store);
    }

    private static VppDataplane Connect(FakeVppServer vpp) => new(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);

    private static async Task FirstAgentAsync(FakeVppServer vpp)
    {
        await using var first = Connect(vpp);
        var (reconciler, _, store) = Agent(first, View());
        using var _ = reconciler;
        Assert.NotEmpty(await reconciler.ReconcileOnceAsync(Token));
        Assert.Empty(store.Current.Inventory.Errors);
    }

    [Fact]
    public async Task AgentRestart_WithNadRoutesAndAPolicy_ReadsBothBack_AndIssuesNoOperation()
    {
        await using var vpp = new FakeVppServer();
        await FirstAgentAsync(vpp);
        var paths = vpp.RoutePaths.Where(r => r.Prefix == IPNetwork.Parse("10.0.0.0/8")).ToList();
        Assert.Equal(2, paths.Count); // one prefix, a path through each pod's interface
        Assert.All(paths, p => Assert.Equal(IPAddress.Parse("172.19.0.1"), p.NextHop));

        await using var restarted = Connect(vpp);
        var (again, _, store) = Agent(restarted, View());
        using var _1 = again;
        var ops = await again.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        var binding = Assert.Single(store.Current.Inventory.Policies);
        Assert.Equal(["default/my-policy"], binding.Policies); // shown with its rules, as planned, though VPP holds only their digest
        Assert.NotEmpty(binding.Rules);
        Assert.Equal(4, store.Current.Inventory.Routes.Count(r => r.Prefix is "10.0.0.0/8" or "192.168.0.0/16"));
    }

    [Fact]
    public async Task AgentRestart_AfterThePolicyChanged_BindsItAgainInPlace_Only()
    {
        await using var vpp = new FakeVppServer();
        await FirstAgentAsync(vpp);

        await using var restarted = Connect(vpp);
        var (again, _, _) = Agent(restarted, View(port: "8443"));
        using var _1 = again;
        var ops = await again.ReconcileOnceAsync(Token);

        var bind = Assert.IsType<DataplaneOperation.BindPolicy>(Assert.Single(ops));
        Assert.Equal("8443", Assert.Single(bind.Binding.Rules).Ports.Single());
        Assert.Empty(await again.ReconcileOnceAsync(Token));
    }

    [Fact]
    public async Task PodLeaving_RemovesOnlyItsPaths()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var (reconciler, source, _) = Agent(dataplane, View());
        using var _ = reconciler;
        await reconciler.ReconcileOnceAsync(Token);
        var sample = vpp.Interfaces.Single(i => i.Tag.Contains("samplepod/eth1", StringComparison.Ordinal)).SwIfIndex;

        source.View = View(withSecond: false);
        await reconciler.ReconcileOnceAsync(Token);

        Assert.Equal([sample], vpp.RoutePaths.Where(r => r.Prefix == IPNetwork.Parse("10.0.0.0/8")).Select(r => r.SwIfIndex));
        Assert.Equal([sample], vpp.RoutePaths.Where(r => r.Prefix == IPNetwork.Parse("192.168.0.0/16")).Select(r => r.SwIfIndex));
        Assert.Empty(await reconciler.ReconcileOnceAsync(Token));
    }

    private sealed class ViewSource : IClusterViewSource
    {
        public required ClusterView View { get; set; }

        public bool IsSynced => true;

        public ClusterView Snapshot() => View;
    }
}
