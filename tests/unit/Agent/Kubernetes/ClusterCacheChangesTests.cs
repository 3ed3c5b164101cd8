using k8s.Models;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

/// <summary>What the cache tells the reconciler changed: some Networks by name, or everything (a first list, any other kind).</summary>
public sealed class ClusterCacheChangesTests
{
    private readonly ClusterCache _cache = new(new ReconcileTrigger());

    public ClusterCacheChangesTests()
    {
        _cache.Networks.Replace([TestNetworks.Blue()]);
        _cache.Nads.Replace([]);
        _cache.Pods.Replace([]);
        _cache.Nodes.Replace([]);
        _cache.Services.Replace([]);
        _cache.Policies.Replace([]);
    }

    [Fact]
    public void TakeSnapshot_AfterTheFirstLists_SaysEverything()
    {
        Assert.True(_cache.TakeSnapshot().Changes.Everything);
        Assert.True(_cache.TakeSnapshot().Changes.IsEmpty);
    }

    [Fact]
    public void TakeSnapshot_NetworksUpsertedAndDeleted_NamesThemAndHoldsTheirState()
    {
        _cache.TakeSnapshot();
        _cache.Networks.Upsert(TestNetworks.Red());
        _cache.Networks.Upsert(TestNetworks.Blue(vni: 57, generation: 2));
        _cache.Networks.Delete(TestNetworks.Red());

        var (view, changes) = _cache.TakeSnapshot();

        Assert.False(changes.Everything);
        Assert.Equal(["blue", "red"], changes.Networks.Order(StringComparer.Ordinal));
        Assert.Equal(57, Assert.Single(view.Networks).Spec!.Vni);
        Assert.True(_cache.TakeSnapshot().Changes.IsEmpty);
    }

    [Fact]
    public void TakeSnapshot_NetworkStatusOnly_IsNoChange()
    {
        _cache.TakeSnapshot();
        var blue = TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "2");
        _cache.Networks.Upsert(blue);

        Assert.True(_cache.TakeSnapshot().Changes.IsEmpty);
    }

    [Fact]
    public void TakeSnapshot_ANodeOrARelistOfNetworks_SaysEverything()
    {
        _cache.TakeSnapshot();
        _cache.Networks.Upsert(TestNetworks.Red());
        _cache.Nodes.Upsert(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "node-2" },
            Status = new V1NodeStatus { Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "10.0.0.2" }] },
        });
        Assert.True(_cache.TakeSnapshot().Changes.Everything);

        _cache.Networks.Replace([TestNetworks.Blue()]);
        Assert.True(_cache.TakeSnapshot().Changes.Everything);
    }
}
