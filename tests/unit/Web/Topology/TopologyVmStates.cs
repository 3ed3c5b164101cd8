using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Topology;

/// <summary>Live snapshots with KubeVirt VMIs: the VMI, and its virt-launcher pod attached to the VMI's networks.</summary>
internal static class TopologyVmStates
{
    /// <summary>Adds a running VMI on <paramref name="node"/> with a bridge interface on <paramref name="network"/> (its launcher <c>virt-launcher-NAME-abcde</c>).</summary>
    public static LiveSnapshot WithVm(this LiveSnapshot snapshot, string ns, string name, string node, string network)
    {
        var uid = $"uid-{name}";
        var vmi = new ClusterVmi(ns, name)
        {
            Uid = uid,
            Phase = "Running",
            NodeName = node,
            Interfaces =
            [
                new VmiInterfaceView("default", null, "masquerade") { GuestName = "eth0", Ips = ["10.244.0.9"] },
                new VmiInterfaceView(network, $"default/{network}-conf", "bridge") { GuestName = "eth1", Ips = ["10.0.0.77"], PodInterfaceName = "podabc123" },
            ],
        };
        var launcher = new ClusterPod(ns, $"virt-launcher-{name}-abcde", node)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add(KubeVirtConstants.AppLabel, KubeVirtConstants.LauncherLabelValue).Add(KubeVirtConstants.CreatedByLabel, uid),
            Attachments = [new PodAttachment("default", $"{network}-conf", "podabc123", ["10.0.0.77"], null)],
        };
        return snapshot with
        {
            Version = snapshot.Version + 1,
            Objects = snapshot.Objects with
            {
                Pods = snapshot.Objects.Pods.SetItem(launcher.Key, launcher),
                Vmis = snapshot.Objects.Vmis.SetItem(vmi.Key, vmi),
            },
        };
    }
}
