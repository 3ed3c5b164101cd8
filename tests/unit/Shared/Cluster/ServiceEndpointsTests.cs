using System.Collections.Immutable;
using System.Net.Sockets;
using Multinet.Shared.Cluster;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class ServiceEndpointsTests
{
    private static readonly ClusterService s_web = new("apps", "web", "blue")
    {
        Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("tier", "front"),
    };

    private static ClusterPod Pod(string ns, string name, bool terminating = false, params string[] ips) => new(ns, name, "node-1")
    {
        Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("tier", "front"),
        Attachments = [new PodAttachment("apps", "blue-conf", "eth1", [.. ips], null)],
        Terminating = terminating,
    };

    [Fact]
    public void For_SkipsOtherNamespacesTerminatingPodsAndNadsOfOtherNetworks()
    {
        var view = new ClusterView
        {
            Nads = [new ClusterNad("apps", "blue-conf", "blue", "calico", "whereabouts", null), new ClusterNad("apps", "red-conf", "red", "calico", null, null)],
            Pods =
            [
                Pod("apps", "web-1", false, "172.19.0.5", "fd00:19::5/64"),
                Pod("other", "web-2", false, "172.19.0.6"),
                Pod("apps", "web-3", true, "172.19.0.7"),
                Pod("apps", "web-4") with { Attachments = [new PodAttachment("apps", "red-conf", "eth1", ["172.20.0.8"], null)] },
            ],
        };

        var endpoints = ServiceEndpoints.For(view, s_web);

        Assert.Equal([("web-1", "172.19.0.5", AddressFamily.InterNetwork), ("web-1", "fd00:19::5", AddressFamily.InterNetworkV6)],
            endpoints.Select(e => (e.Pod.Name, e.Address, e.Family)));
    }

    [Fact]
    public void Matches_RequiresEveryTerm()
    {
        var pod = Pod("apps", "web-1") with { Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web") };

        Assert.False(ServiceEndpoints.Matches(pod, s_web));
        Assert.True(ServiceEndpoints.Matches(Pod("apps", "web-1"), s_web));
        Assert.False(ServiceEndpoints.Matches(Pod("apps", "web-1"), s_web with { Selector = ImmutableDictionary<string, string>.Empty }));
    }

    [Fact]
    public void MatchedOffNetwork_PodsTheSelectorMatchesWithoutAnAttachmentOnTheNetwork_ByName()
    {
        var nads = ServiceEndpoints.NadNetworks([new ClusterNad("apps", "blue-conf", "blue", "calico", null, null), new ClusterNad("apps", "red-conf", "red", "calico", null, null)]);
        ClusterPod[] pods =
        [
            Pod("apps", "web-1", false, "172.19.0.5"),
            Pod("apps", "web-9") with { Attachments = [new PodAttachment("apps", "red-conf", "eth1", ["172.20.0.8"], null)] },
            Pod("apps", "web-2") with { Attachments = [] },
            Pod("apps", "web-3", true) with { Attachments = [] },
            Pod("other", "web-4") with { Attachments = [] },
            Pod("apps", "db-1") with { Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web"), Attachments = [] },
        ];

        var off = ServiceEndpoints.MatchedOffNetwork(pods, s_web, nads);

        Assert.Equal(["web-2", "web-9"], off.Select(p => p.Name));
        Assert.Empty(ServiceEndpoints.MatchedOffNetwork(pods, s_web with { Network = null }, nads));
    }
}
