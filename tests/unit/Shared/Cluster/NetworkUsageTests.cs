using Multinet.Shared.Cluster;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class NetworkUsageTests
{
    private static readonly ClusterView s_view = new()
    {
        Nads =
        [
            new ClusterNad("default", "blue-conf", "blue", "calico", "whereabouts", null),
            new ClusterNad("default", "red-conf", "red", "calico", "whereabouts", null),
            new ClusterNad("default", "other", null, "macvlan", null, null),
        ],
        Pods =
        [
            new ClusterPod("default", "both", "node-1")
            {
                Attachments = [new PodAttachment("default", "blue-conf", "eth1", ["10.1.0.4", "fd00::4"], null), new PodAttachment("default", "red-conf", "eth2", ["10.2.0.4"], null)],
            },
            new ClusterPod("default", "asking", "node-2") { Requested = [new PodAttachmentRequest("default", "blue-conf", "eth1")] },
            new ClusterPod("default", "macvlan-only", "node-2") { Attachments = [new PodAttachment("default", "other", "net1", ["192.168.0.9"], null)] },
        ],
        Services = [new ClusterService("default", "web", "blue"), new ClusterService("default", "plain", null)],
        Policies =
        [
            new ClusterPolicy("default", "both-ways", "all()")
            {
                Ingress = [new ClusterPolicyRule("Allow", "TCP", "blue")],
                Egress = [new ClusterPolicyRule("Allow", "TCP", "red"), new ClusterPolicyRule("Deny", null, "red")],
            },
        ],
    };

    [Fact]
    public void OfAll_PodOnTwoNetworks_CountsOnEachWithItsOwnAddresses()
    {
        var usages = NetworkUsage.OfAll(s_view, ["blue", "red", "green"]);

        Assert.Equal(["default/asking", "default/both"], usages["blue"].Pods);
        Assert.Equal(2, usages["blue"].AddressesUsed);
        Assert.Equal(["default/blue-conf"], usages["blue"].Nads);
        Assert.Equal(["default/web"], usages["blue"].Services);
        Assert.Equal(["default/both-ways"], usages["blue"].Policies);
        Assert.Equal(["default/both"], usages["red"].Pods);
        Assert.Equal(1, usages["red"].AddressesUsed);
        Assert.Equal(["default/both-ways"], usages["red"].Policies);
        Assert.Empty(usages["red"].Services);
        Assert.False(usages["green"].InUse);
        Assert.Empty(usages["green"].Nads);
    }

    [Fact]
    public void Of_OneNetwork_CountsOnlyItsPodsAndAddresses()
    {
        var red = NetworkUsage.Of(s_view, "red");

        Assert.Equal(["default/both"], red.Pods);
        Assert.Equal(1, red.AddressesUsed);
    }
}
