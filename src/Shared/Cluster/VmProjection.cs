using System.Collections.Immutable;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

/// <summary>KubeVirt's objects parsed once for the console: a VMI's spec joined with its reported status, a VM's template.</summary>
public static class VmProjection
{
    public static ClusterVmi ToVmi(V1VirtualMachineInstance vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        var ns = vmi.Metadata?.NamespaceProperty ?? "default";
        var reported = vmi.Status?.Interfaces ?? [];
        var interfaces = Interfaces(vmi.Spec, ns).Select(i => reported.FirstOrDefault(r => r.Name == i.Name) is { } status
            ? i with
            {
                GuestName = status.InterfaceName,
                Ips = Addresses(status),
                Mac = status.Mac ?? i.Mac,
                InfoSource = status.InfoSource,
                PodInterfaceName = status.PodInterfaceName,
            }
            : i);
        return new ClusterVmi(ns, vmi.Metadata?.Name ?? "")
        {
            Uid = vmi.Metadata?.Uid,
            Phase = vmi.Status?.Phase,
            NodeName = vmi.Status?.NodeName,
            VmName = vmi.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == KubeVirtConstants.VmKind)?.Name,
            Labels = (vmi.Metadata?.Labels ?? new Dictionary<string, string>()).ToImmutableDictionary(StringComparer.Ordinal),
            Interfaces = [.. interfaces],
            Terminating = vmi.Metadata?.DeletionTimestamp is not null,
        };
    }

    public static ClusterVm ToVm(V1VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var ns = vm.Metadata?.NamespaceProperty ?? "default";
        return new ClusterVm(ns, vm.Metadata?.Name ?? "", vm.Spec.EffectiveRunStrategy)
        {
            PrintableStatus = vm.Status?.PrintableStatus,
            Ready = vm.Status?.Ready == true,
            Interfaces = [.. Interfaces(vm.Spec.Template?.Spec, ns)],
        };
    }

    private static ImmutableArray<string> Addresses(VmiInterfaceStatus status) =>
        status.IpAddresses is { Count: > 0 } all ? [.. all] : status.IpAddress is { Length: > 0 } one ? [one] : [];

    /// <summary>Each interface of the spec with its network's source; an interface naming no network has neither source nor NAD.</summary>
    private static IEnumerable<VmiInterfaceView> Interfaces(VirtualMachineInstanceSpec? spec, string ns)
    {
        var networks = spec?.Networks ?? [];
        foreach (var iface in spec?.Domain?.Devices?.Interfaces ?? [])
        {
            var network = networks.FirstOrDefault(n => n.Name == iface.Name);
            var nad = network?.Multus?.NetworkName is { Length: > 0 } name ? (name.Contains('/', StringComparison.Ordinal) ? name : $"{ns}/{name}") : null;
            yield return new VmiInterfaceView(iface.Name ?? "", nad, iface.Binding) { Mac = iface.MacAddress };
        }
    }
}
