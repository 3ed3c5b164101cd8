using Multinet.Agent.Kubernetes;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

public sealed class NetworkCacheTests
{
    [Fact]
    public void Upsert_StatusOnlyUpdate_IsNotAChange()
    {
        var cache = new NetworkCache();
        cache.Replace([TestNetworks.Blue()]);
        var statusOnly = TestNetworks.Blue();
        statusOnly.Status = new NetworkStatus { NodesReady = 3, NodesTotal = 3 };

        Assert.False(cache.Upsert(statusOnly));
        Assert.True(cache.Upsert(TestNetworks.Blue(vni: 57, generation: 2)));
        Assert.Equal(57, cache.Get("blue")?.Spec.Vni);
    }

    [Fact]
    public void Upsert_WithoutGeneration_ComparesTheSpec()
    {
        var cache = new NetworkCache();
        var blue = V3Network.Create("blue", 56, "172.19.0.0/16");
        cache.Replace([blue]);

        Assert.False(cache.Upsert(V3Network.Create("blue", 56, "172.19.0.0/16")));
        Assert.True(cache.Upsert(V3Network.Create("blue", 56, "172.29.0.0/16")));
    }

    [Fact]
    public void Replace_DropsNetworksThatVanishedAndReportsChangeOnlyWhenThereIsOne()
    {
        var cache = new NetworkCache();
        Assert.False(cache.IsSynced);
        Assert.True(cache.Replace([])); // the first list is always news: the view goes from unknown to known

        Assert.True(cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]));
        Assert.False(cache.Replace([TestNetworks.Red(), TestNetworks.Blue()]));
        Assert.True(cache.Replace([TestNetworks.Blue()]));

        Assert.True(cache.IsSynced);
        Assert.Equal(["blue"], cache.Snapshot().Select(n => n.Metadata.Name));
    }
}
