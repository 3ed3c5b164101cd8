using k8s.Models;
using Multinet.Shared.Annotations;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class PodProjectionTests
{
    private static V1Pod Pod(string? networks = null, string? status = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web-1",
            NamespaceProperty = "apps",
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            Annotations = new Dictionary<string, string?>
            {
                [NetworkSelectionParser.AnnotationKey] = networks,
                [CniConstants.NetworkStatusAnnotation] = status,
            }.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!),
        },
        Spec = new V1PodSpec { NodeName = "node-1" },
    };

    [Fact]
    public void ToPod_ShortForm_ResolvesNamespacesAndNamesMultusInterfaces()
    {
        var pod = ClusterViewProjection.ToPod(Pod("network-blue-conf@eth1, other/network-red-conf@memif-eth2, network-green-conf"));

        Assert.Null(pod.AnnotationError);
        Assert.Equal("apps/web-1", pod.Key);
        Assert.Equal("node-1", pod.NodeName);
        Assert.Equal("web", pod.Labels["app"]);
        Assert.Equal(
            [("apps", "network-blue-conf", "eth1"), ("other", "network-red-conf", "memif-eth2"), ("apps", "network-green-conf", "net3")],
            pod.Requested.Select(r => (r.NadNamespace, r.NadName, r.Interface)));
    }

    [Fact]
    public void ToPod_JsonForm_KeepsStaticRequests()
    {
        var pod = ClusterViewProjection.ToPod(Pod("""[{"name":"network-blue-conf","namespace":"x","interface":"eth1","ips":["172.19.0.9"],"mac":"02:00:00:00:00:01"}]"""));

        var request = Assert.Single(pod.Requested);
        Assert.Equal(("x", "network-blue-conf", "eth1"), (request.NadNamespace, request.NadName, request.Interface));
        Assert.Equal(["172.19.0.9"], request.Ips);
        Assert.Equal("02:00:00:00:00:01", request.Mac);
    }

    [Fact]
    public void ToPod_BadNetworksJson_IsAnErrorNotAnException()
    {
        var pod = ClusterViewProjection.ToPod(Pod("""[{"name": """));

        Assert.Empty(pod.Requested);
        Assert.StartsWith($"metadata.annotations[{NetworkSelectionParser.AnnotationKey}]: not valid JSON", pod.AnnotationError, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPod_NetworkStatus_SkipsDefaultAndUnnamedAndQualifiesNames()
    {
        var pod = ClusterViewProjection.ToPod(Pod(status: """
            [
              {"name": "k8s-pod-network", "interface": "eth0", "ips": ["10.244.1.5"], "default": true},
              {"name": "other/network-blue-conf", "interface": "eth1", "ips": ["172.19.0.5", "fd00:19::5"], "mac": "02:00:00:00:00:05"},
              {"name": "network-red-conf", "interface": "memif-eth2", "ips": ["172.20.0.5"]},
              {"interface": "eth3", "ips": ["192.168.0.1"]}
            ]
            """));

        Assert.Null(pod.AnnotationError);
        Assert.Equal(2, pod.Attachments.Length);
        var blue = pod.Attachments[0];
        Assert.Equal(("other/network-blue-conf", "eth1", "02:00:00:00:00:05"), (blue.NadKey, blue.Interface, blue.Mac));
        Assert.Equal(["172.19.0.5", "fd00:19::5"], blue.Ips);
        Assert.Equal("apps/network-red-conf", pod.Attachments[1].NadKey);
    }

    [Fact]
    public void ToPod_BadNetworkStatus_NamesTheField()
    {
        Assert.StartsWith($"metadata.annotations[{CniConstants.NetworkStatusAnnotation}]: not valid JSON",
            ClusterViewProjection.ToPod(Pod(status: "[{")).AnnotationError, StringComparison.Ordinal);
        Assert.Equal($"metadata.annotations[{CniConstants.NetworkStatusAnnotation}][0].ips: must be a list of address strings.",
            ClusterViewProjection.ToPod(Pod(status: """[{"name":"a","ips":"172.19.0.5"}]""")).AnnotationError);
        Assert.Equal($"metadata.annotations[{CniConstants.NetworkStatusAnnotation}]: must be a JSON list of {{\"name\": \"ns/nad\", \"interface\": …, \"ips\": […]}} objects.",
            ClusterViewProjection.ToPod(Pod(status: """{"name":"a"}""")).AnnotationError);
    }

    [Fact]
    public void ToPod_GoodAndBadEntries_KeepsTheGoodOnes()
    {
        var pod = ClusterViewProjection.ToPod(Pod(status: """[7, {"name":"network-blue-conf","interface":"eth1","ips":["172.19.0.5"]}]"""));

        Assert.Equal("apps/network-blue-conf", Assert.Single(pod.Attachments).NadKey);
        Assert.Equal($"metadata.annotations[{CniConstants.NetworkStatusAnnotation}][0]: must be an object.", pod.AnnotationError);
    }

    [Fact]
    public void ToPod_DeletionTimestamp_IsTerminating()
    {
        var raw = Pod();
        raw.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.True(ClusterViewProjection.ToPod(raw).Terminating);
        Assert.False(ClusterViewProjection.ToPod(Pod()).Terminating);
    }
}
