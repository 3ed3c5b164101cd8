using System.Collections.Immutable;
using System.Globalization;
using Multinet.Shared.Cluster;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

internal static partial class TopologyDetailsBuilder
{
    /// <summary>A node's pods and VMs on one network, counted, with links to the lists that show them.</summary>
    private static TopologyDetails? Group(LiveSnapshot snapshot, string network, string node)
    {
        if (!snapshot.Nodes.ContainsKey(node))
        {
            return null;
        }

        var nads = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        var vms = VmIndex.Of(snapshot.Objects);
        var members = snapshot.Objects.Pods.Values
            .Where(p => p.NodeName == node && !p.Terminating && p.Attachments.Any(a => nads.GetValueOrDefault(a.NadKey) == network)).ToArray();
        var vmCount = members.Count(p => vms.VmiOf(p.Key) is not null);
        return new($"{network} on {node}",
        [
            ("Pods", (members.Length - vmCount).ToString(CultureInfo.InvariantCulture)),
            ("VMs", vmCount.ToString(CultureInfo.InvariantCulture)),
        ],
        [
            ("Its pods", $"pods?network={Uri.EscapeDataString(network)}&node={Uri.EscapeDataString(node)}"),
            ($"Network {network}", $"networks/{Uri.EscapeDataString(network)}"),
            ($"Node {node}", $"nodes/{Uri.EscapeDataString(node)}"),
        ]);
    }

    /// <summary>A VMI: phase, node, launcher pod and guest interfaces, linked to the VMs view and its launcher pod.</summary>
    private static TopologyDetails? Vm(LiveSnapshot snapshot, string ns, string name)
    {
        if (!snapshot.Objects.Vmis.TryGetValue($"{ns}/{name}", out var vmi))
        {
            return null;
        }

        var nads = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        var launcher = VmIndex.Of(snapshot.Objects).LauncherOf(vmi.Key);
        var launcherName = launcher?[(launcher.IndexOf('/', StringComparison.Ordinal) + 1)..];
        ImmutableArray<(string, string)> rows =
        [
            ("Namespace", ns),
            ("Phase", vmi.Phase ?? "—"),
            ("Node", vmi.NodeName ?? "not scheduled"),
            ("VirtualMachine", vmi.VmName ?? "—"),
            ("Launcher pod", launcherName ?? "none yet"),
            .. vmi.Interfaces.Select(i => (i.GuestName ?? i.Name,
                $"{(i.NadKey is null ? "pod network" : nads.GetValueOrDefault(i.NadKey) ?? i.NadKey)}"
                + (i.Binding is { } binding ? $" ({binding})" : "") + (i.Ips.IsEmpty ? "" : $": {string.Join(", ", i.Ips)}"))),
        ];
        ImmutableArray<(string, string)> links =
        [
            ($"VM {name}", $"vms?q={Uri.EscapeDataString(name)}"),
            .. launcherName is null ? [] : new[] { ($"Launcher pod {launcherName}", $"pods?namespace={Uri.EscapeDataString(ns)}&q={Uri.EscapeDataString(launcherName)}") },
            .. vmi.NodeName is { } node ? new[] { ($"Node {node}", $"nodes/{Uri.EscapeDataString(node)}") } : [],
        ];
        return new($"VM {ns}/{name}", rows, links);
    }
}
