using k8s.Models;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>
/// What the simulated virt-controller and virt-handler report on a VMI, from its launcher pod: the phase (Pending
/// without a pod, Scheduling until it is bound, Scheduled until it runs, Running), the node, and once running each guest
/// interface in spec order as eth0, eth1... with the addresses and MAC Multus gave the pod interface behind it (the
/// pod's eth0 for the pod network, KubeVirt's hashed interface for a Multus network), as a guest agent reports them.
/// </summary>
internal static class VmiStatus
{
    public static VirtualMachineInstanceStatus Of(V1VirtualMachineInstance vmi, V1Pod? launcher)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        if (launcher is null)
        {
            return new VirtualMachineInstanceStatus { Phase = "Pending" };
        }

        if (launcher.Status?.Phase is "Failed" or "Succeeded")
        {
            return new VirtualMachineInstanceStatus { Phase = launcher.Status.Phase, NodeName = launcher.Spec?.NodeName, Reason = "PodTerminated" };
        }

        if (string.IsNullOrEmpty(launcher.Spec?.NodeName))
        {
            return new VirtualMachineInstanceStatus { Phase = "Scheduling" };
        }

        if (launcher.Status?.Phase != "Running" || string.IsNullOrEmpty(launcher.Status.PodIP))
        {
            return new VirtualMachineInstanceStatus { Phase = "Scheduled", NodeName = launcher.Spec.NodeName };
        }

        var entries = NetworkStatusEntry.Parse(launcher.Metadata.Annotations is { } annotations
            && annotations.TryGetValue(CniConstants.NetworkStatusAnnotation, out var written) ? written : null);
        var networks = vmi.Spec.Networks ?? [];
        var interfaces = vmi.Spec.Domain?.Devices?.Interfaces ?? [];
        var reported = new List<VmiInterfaceStatus>();
        for (var i = 0; i < interfaces.Count; i++)
        {
            var iface = interfaces[i];
            var network = networks.FirstOrDefault(n => n.Name == iface.Name);
            if (network is null)
            {
                continue;
            }

            NetworkStatusEntry? entry;
            string podInterface;
            if (network.Pod is not null)
            {
                podInterface = "eth0";
                entry = entries.FirstOrDefault(e => e.Default == true) ?? entries.FirstOrDefault(e => e.Interface == "eth0");
            }
            else
            {
                podInterface = VirtLauncherPod.PodInterfaceName(network.Name!);
                entry = entries.FirstOrDefault(e => e.Interface == podInterface);
            }

            var ips = entry?.Ips is { Count: > 0 } found ? found : network.Pod is not null ? [launcher.Status.PodIP] : [];
            reported.Add(new VmiInterfaceStatus
            {
                Name = iface.Name,
                InterfaceName = $"eth{i}",
                IpAddress = ips.FirstOrDefault(),
                IpAddresses = ips.Count == 0 ? null : [.. ips],
                Mac = iface.MacAddress ?? entry?.Mac,
                InfoSource = network.Multus is not null && entry is not null
                    ? $"{KubeVirtConstants.InfoSourceDomain}, {KubeVirtConstants.InfoSourceGuestAgent}, {KubeVirtConstants.InfoSourceMultusStatus}"
                    : $"{KubeVirtConstants.InfoSourceDomain}, {KubeVirtConstants.InfoSourceGuestAgent}",
                PodInterfaceName = podInterface,
            });
        }

        return new VirtualMachineInstanceStatus { Phase = "Running", NodeName = launcher.Spec.NodeName, Interfaces = reported };
    }
}
