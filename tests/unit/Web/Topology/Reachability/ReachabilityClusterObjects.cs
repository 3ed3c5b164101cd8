using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>Writes what reachability reads to a real (embedded) API: a NAD for a Network, pods with their network-status, Nodes with an underlay address.</summary>
internal static class ReachabilityClusterObjects
{
    public static async Task CreateNadAsync(IKubernetes client, string network, CancellationToken cancellationToken)
    {
        var nad = new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = new JsonObject { ["name"] = network, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["config"] = $$"""{ "cniVersion": "0.3.1", "type": "calico", "dataplane_options": { "network_name": "{{network}}" } }""" },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(nad, "k8s.cni.cncf.io", "v1", "default", "network-attachment-definitions", cancellationToken: cancellationToken);
    }

    /// <summary>A pod on <paramref name="node"/> attached to the Network's NAD (named like the Network) as eth1 with <paramref name="address"/>.</summary>
    public static async Task<string> CreatePodAsync(IKubernetes client, string node, string network, string address, CancellationToken cancellationToken)
    {
        var name = KubeApiServer.UniqueName("pod");
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                Annotations = new Dictionary<string, string>
                {
                    [CniConstants.NetworkStatusAnnotation] = $$"""[{ "name": "default/{{network}}", "interface": "eth1", "ips": ["{{address}}"] }]""",
                },
            },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "app", Image = "busybox" }] },
        };
        await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: cancellationToken);
        return name;
    }

    public static async Task CreateNodeAsync(IKubernetes client, string name, string internalIPv4, CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        var status = new { status = new { addresses = new[] { new { type = "InternalIP", address = internalIPv4 } } } };
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(KubernetesJson.Serialize(status), V1Patch.PatchType.MergePatch), name, cancellationToken: cancellationToken);
    }
}
