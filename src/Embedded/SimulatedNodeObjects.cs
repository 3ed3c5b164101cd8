using System.Globalization;
using System.Net;
using k8s.Autorest;
using k8s.Models;
using k8s;

namespace Multinet.Embedded;

/// <summary>
/// The Node objects of the simulated nodes: node-1..node-N with underlay addresses 10.0.0.i and fd00::i, Ready, and
/// pod CIDR 10.244.i.0/24, so agents can plan tunnels between them. Simulated nodes beyond N that an earlier start
/// created (labelled <see cref="SimulatedLabel"/>) are removed.
/// </summary>
internal static class SimulatedNodeObjects
{
    public const string SimulatedLabel = "multinet.projectcalico.org/simulated";

    public static string NodeName(int index) => $"node-{index}";

    /// <summary>The index of a simulated node's name (node-3 → 3), or null for any other name.</summary>
    public static int? IndexOf(string? nodeName) =>
        nodeName is not null && nodeName.StartsWith("node-", StringComparison.Ordinal)
        && int.TryParse(nodeName.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
            ? index
            : null;

    public static string InternalIPv4(int index) => $"10.0.{index / 256}.{index % 256}";

    public static string InternalIPv6(int index) => $"fd00::{index:x}";

    public static string PodCidr(int index) => $"10.244.{index}.0/24";

    public static async Task SyncAsync(IKubernetes client, int count, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var existing = await client.CoreV1.ListNodeAsync(labelSelector: $"{SimulatedLabel}=true", cancellationToken: cancellationToken);
        foreach (var node in existing.Items.Where(n => IndexOf(n.Metadata.Name) is not { } i || i > count))
        {
            try
            {
                await client.CoreV1.DeleteNodeAsync(node.Metadata.Name, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        for (var i = 1; i <= count; i++)
        {
            var name = NodeName(i);
            var metadata = new
            {
                metadata = new
                {
                    labels = new Dictionary<string, string>
                    {
                        ["kubernetes.io/hostname"] = name,
                        ["kubernetes.io/os"] = "linux",
                        ["kubernetes.io/arch"] = "amd64",
                        [SimulatedLabel] = "true",
                    },
                },
                spec = new { podCIDR = PodCidr(i), podCIDRs = new[] { PodCidr(i) } },
            };
            try
            {
                await client.CoreV1.PatchNodeAsync(Merge(metadata), name, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await client.CoreV1.CreateNodeAsync(new V1Node
                {
                    Metadata = new V1ObjectMeta { Name = name, Labels = metadata.metadata.labels },
                    Spec = new V1NodeSpec { PodCIDR = PodCidr(i), PodCIDRs = [PodCidr(i)] },
                }, cancellationToken: cancellationToken);
            }

            var status = new
            {
                status = new
                {
                    addresses = new[]
                    {
                        new { type = "InternalIP", address = InternalIPv4(i) },
                        new { type = "InternalIP", address = InternalIPv6(i) },
                        new { type = "Hostname", address = name },
                    },
                    conditions = new[]
                    {
                        new
                        {
                            type = "Ready", status = "True", reason = "KubeletReady", message = "simulated node is ready",
                            lastHeartbeatTime = now, lastTransitionTime = now,
                        },
                    },
                    nodeInfo = new { kubeletVersion = "v1.32.0-multinet", operatingSystem = "linux", architecture = "amd64" },
                },
            };
            await client.CoreV1.PatchNodeStatusAsync(Merge(status), name, cancellationToken: cancellationToken);
        }
    }

    private static V1Patch Merge(object body) => new(KubernetesJson.Serialize(body), V1Patch.PatchType.MergePatch);
}
