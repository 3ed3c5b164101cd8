using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>
/// One guest interface of a virtual machine, as the VMs view lists it: the VM, the interface's guest name (its VMI name
/// until the guest reports one), the Network it is on (the pod network, or the Network its NAD names), its addresses,
/// MAC, binding, node, phase and launcher pod. A VirtualMachine without a VMI (stopped) is one row without interface.
/// </summary>
public sealed record VmInterfaceRow(string Namespace, string Vm, string Interface, string Network, string Phase)
{
    /// <summary>The Network's name when the interface is on one of ours (a link), null for the pod network or another NAD.</summary>
    public string? NetworkLink { get; init; }

    public IReadOnlyList<string> Ips { get; init; } = [];

    public string? Mac { get; init; }

    public string? Binding { get; init; }

    public string? Node { get; init; }

    /// <summary>The launcher pod's interface behind the guest interface (eth0, or KubeVirt's hashed name), once reported.</summary>
    public string? PodInterface { get; init; }

    /// <summary>The virt-launcher pod, <c>namespace/name</c>.</summary>
    public string? LauncherPod { get; init; }

    public string VmKey => $"{Namespace}/{Vm}";

    public const string PodNetwork = "pod network";

    public static IReadOnlyList<VmInterfaceRow> From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var objects = snapshot.Objects;
        var index = VmIndex.Of(objects);
        var rows = new List<VmInterfaceRow>();
        foreach (var vmi in objects.Vmis.Values)
        {
            var phase = vmi.Terminating ? "Terminating" : vmi.Phase ?? "Pending";
            var launcher = index.LauncherOf(vmi.Key);
            rows.AddRange(vmi.Interfaces.Select(i => Row(objects, vmi.Namespace, vmi.Name, i, phase) with { Node = vmi.NodeName, LauncherPod = launcher }));
            if (vmi.Interfaces.IsEmpty)
            {
                rows.Add(new VmInterfaceRow(vmi.Namespace, vmi.Name, "–", "–", phase) { Node = vmi.NodeName, LauncherPod = launcher });
            }
        }

        foreach (var vm in objects.Vms.Values.Where(v => !objects.Vmis.ContainsKey(v.Key)))
        {
            var phase = vm.PrintableStatus ?? "Stopped";
            rows.AddRange(vm.Interfaces.Select(i => Row(objects, vm.Namespace, vm.Name, i, phase)));
            if (vm.Interfaces.IsEmpty)
            {
                rows.Add(new VmInterfaceRow(vm.Namespace, vm.Name, "–", "–", phase));
            }
        }

        return [.. rows.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Vm, StringComparer.Ordinal)
            .ThenBy(r => r.Interface, StringComparer.Ordinal)];
    }

    /// <summary>Rows on <paramref name="network"/> (a Network's name) only.</summary>
    public static IReadOnlyList<VmInterfaceRow> OnNetwork(LiveSnapshot snapshot, string network) =>
        [.. From(snapshot).Where(r => r.NetworkLink == network)];

    private static VmInterfaceRow Row(ClusterObjects objects, string ns, string vm, VmiInterfaceView iface, string phase)
    {
        var network = iface.NadKey is null ? null : objects.Nads.GetValueOrDefault(iface.NadKey)?.NetworkName;
        return new VmInterfaceRow(ns, vm, iface.GuestName ?? iface.Name, iface.NadKey is null ? PodNetwork : network ?? iface.NadKey, phase)
        {
            NetworkLink = network,
            Ips = iface.Ips,
            Mac = iface.Mac,
            Binding = iface.Binding,
            PodInterface = iface.PodInterfaceName,
        };
    }
}
