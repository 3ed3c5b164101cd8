using System.Net;
using System.Numerics;
using k8s.Models;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Ipam;

namespace Multinet.Embedded;

/// <summary>The scheduler half: binding, pod IPs and the pod's Running status.</summary>
internal sealed partial class SimulatedMultus
{
    /// <summary>Brings one pod to its goal: bound, attached as far as its NADs allow, Running with a pod IP.</summary>
    private async Task ReconcileAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return;
        }

        var nodeName = pod.Spec?.NodeName;
        var binding = string.IsNullOrEmpty(nodeName);
        if (binding)
        {
            nodeName = PickNode();
            if (nodeName is null)
            {
                return;
            }
        }

        if (SimulatedNodeObjects.IndexOf(nodeName) is not { } node || node > nodeCount)
        {
            return;
        }

        var podIp = EnsurePodIp(pod, node);
        var (networkStatus, failures) = await AttachAsync(pod, nodeName!, podIp, cancellationToken);
        var current = pod.Metadata.Annotations?.TryGetValue(CniConstants.NetworkStatusAnnotation, out var s) == true ? s : null;
        if (binding || networkStatus != current)
        {
            var patch = new Dictionary<string, object>
            {
                ["metadata"] = new { annotations = new Dictionary<string, string> { [CniConstants.NetworkStatusAnnotation] = networkStatus } },
            };
            if (binding)
            {
                patch["spec"] = new { nodeName };
            }

            pod = await client.CoreV1.PatchNamespacedPodAsync(Merge(patch), pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
            _pods[Key(pod)] = pod;
            if (binding)
            {
                LogBound(Key(pod), nodeName!);
            }
        }

        // A pod whose attachment failed never got its sandbox: kubelet keeps it Pending, its containers ContainerCreating, and
        // retries. A pod already Running keeps running (CNI runs once per sandbox) and only carries the False condition.
        var attached = AttachedCondition(pod, failures);
        var running = failures.Count == 0 || pod.Status?.Phase == "Running";
        if (pod.Status?.Phase != (running ? "Running" : "Pending") || (running && pod.Status?.PodIP != podIp) || !SameCondition(pod, attached))
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var hostIp = SimulatedNodeObjects.InternalIPv4(node);
            var status = running ? PodStatus.Running(pod, podIp, hostIp, now) : PodStatus.ContainerCreating(pod, hostIp, now);
            status["conditions"] = ((IEnumerable<object>)status["conditions"])
                .Concat(attached is null ? [] : [new { type = NetworksAttachedCondition, attached.Value.Status, attached.Value.Reason, attached.Value.Message,
                    lastTransitionTime = now }]).ToArray();
            pod = await client.CoreV1.PatchNamespacedPodStatusAsync(Merge(new { status }), pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
            _pods[Key(pod)] = pod;
        }
    }

    /// <summary>
    /// The pod condition saying whether every requested attachment was made (False with the first failure's reason and
    /// every failure's message); null for a pod that asks for no secondary network.
    /// </summary>
    private static (string Status, string Reason, string Message)? AttachedCondition(V1Pod pod, IReadOnlyList<AttachFailure> failures)
    {
        if (failures.Count > 0)
        {
            var reason = failures.Any(f => f.Reason == ReasonNoAddress) ? ReasonNoAddress : failures[0].Reason;
            return ("False", reason, string.Join(" | ", failures.Select(f => f.Message)));
        }

        return pod.Metadata.Annotations?.ContainsKey(Shared.Annotations.NetworkSelectionParser.AnnotationKey) == true
            ? ("True", "Attached", "Every requested network is attached.")
            : null;
    }

    private static bool SameCondition(V1Pod pod, (string Status, string Reason, string Message)? wanted)
    {
        var current = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == NetworksAttachedCondition);
        return wanted is null ? current is null
            : current is not null && current.Status == wanted.Value.Status && current.Reason == wanted.Value.Reason && current.Message == wanted.Value.Message;
    }

    /// <summary>The simulated node with the fewest pods; the lowest index on a tie.</summary>
    private string? PickNode()
    {
        if (nodeCount <= 0)
        {
            return null;
        }

        var load = new int[nodeCount + 1];
        foreach (var pod in _pods.Values)
        {
            if (SimulatedNodeObjects.IndexOf(pod.Spec?.NodeName) is { } i && i <= nodeCount)
            {
                load[i]++;
            }
        }

        var best = 1;
        for (var i = 2; i <= nodeCount; i++)
        {
            if (load[i] < load[best])
            {
                best = i;
            }
        }

        return SimulatedNodeObjects.NodeName(best);
    }

    /// <summary>Notes the pod IP a pod already has, so it is never handed out again.</summary>
    private void RecordPodIp(V1Pod pod)
    {
        if (pod.Metadata.Uid is not { } uid || _podIps.ContainsKey(uid) || SimulatedNodeObjects.IndexOf(pod.Spec?.NodeName) is not { } node
            || pod.Status?.PodIP is not { } ip || !IPAddress.TryParse(ip, out var address)
            || !AddressAllocator.TryParseRange(SimulatedNodeObjects.PodCidr(node), out var range, out _) || !range.Contains(address))
        {
            return;
        }

        _podIps[uid] = (node, AddressAllocator.OffsetOf(range, address));
    }

    private string EnsurePodIp(V1Pod pod, int node)
    {
        AddressAllocator.TryParseRange(SimulatedNodeObjects.PodCidr(node), out var range, out _);
        var uid = pod.Metadata.Uid ?? Key(pod);
        if (_podIps.TryGetValue(uid, out var known) && known.Node == node)
        {
            return AddressAllocator.AddressAt(range, known.Offset).ToString();
        }

        // .1 is the node's gateway, as on a real node.
        var taken = _podIps.Values.Where(p => p.Node == node).Select(p => p.Offset).Append(BigInteger.One).ToHashSet();
        var result = AddressAllocator.Allocate(range, taken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"node {SimulatedNodeObjects.NodeName(node)} has no pod IP left: {result.Error}");
        }

        _podIps[uid] = (node, result.Offset);
        return result.Address!.ToString();
    }

    private static V1Patch Merge(object body) => new(KubernetesJson.Serialize(body), V1Patch.PatchType.MergePatch);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated scheduler: bound pod {Pod} to {Node}.")]
    private partial void LogBound(string pod, string node);
}
