using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// One secondary interface of a pod as the nodes report it: a tap or a memif, its network, address and node.
/// Built from every node's inventory, so it shows what the dataplane holds, not only what was asked for.
/// </summary>
public sealed record PodInterfaceRow(string Namespace, string Pod, string Interface, string Network, string Address, string Kind, string Node, bool LinkUp)
{
    /// <summary>The memif's socket or the tap's host interface.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The interface's MAC as the node's VPP reports it (the pod's end of a tap, VPP's end of a memif); null when unknown.</summary>
    public string? Mac { get; init; }

    /// <summary>The NAD's routes (ipam.routes) the node's dataplane holds through this interface: <c>10.0.0.0/8 via 172.19.0.1</c>.</summary>
    public IReadOnlyList<string> Routes { get; init; } = [];

    public string PodKey => $"{Namespace}/{Pod}";

    /// <summary>The address without its prefix length, as people type it.</summary>
    public string Ip => Address.Split('/')[0];

    /// <summary>Every interface the nodes report (on <paramref name="network"/> only, when given), by namespace, pod and interface.</summary>
    public static IReadOnlyList<PodInterfaceRow> From(LiveSnapshot snapshot, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = new List<PodInterfaceRow>();
        foreach (var node in snapshot.Nodes.Values)
        {
            var routes = AttachmentRoutes(node.Inventory);
            rows.AddRange(node.Inventory.Taps.Where(t => network is null || t.Network == network).Select(t => Of(t, node.Name, routes)));
            rows.AddRange(node.Inventory.Memifs.Where(m => network is null || m.Network == network).Select(m => Of(m, node.Name, routes)));
        }

        return [.. rows.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Pod, StringComparer.Ordinal).ThenBy(r => r.Interface, StringComparer.Ordinal)];
    }

    /// <summary>Rows matching every filter given; <paramref name="text"/> matches the pod name, the address or the MAC.</summary>
    public static IReadOnlyList<PodInterfaceRow> Filter(IEnumerable<PodInterfaceRow> rows, string? network, string? node, string? ns, string? text) =>
        [.. rows.Where(r => (string.IsNullOrEmpty(network) || r.Network == network)
            && (string.IsNullOrEmpty(node) || r.Node == node)
            && (string.IsNullOrEmpty(ns) || r.Namespace == ns)
            && (string.IsNullOrWhiteSpace(text) || r.Pod.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || r.Ip == text.Trim()
                || (r.Mac is not null && r.Mac.Equals(text.Trim().Replace('-', ':'), StringComparison.OrdinalIgnoreCase))))];

    /// <summary>The row of a tap on <paramref name="node"/>, with the NAD routes through it (<see cref="AttachmentRoutes"/>).</summary>
    public static PodInterfaceRow Of(TapStatus tap, string node, ILookup<string, string> routes)
    {
        ArgumentNullException.ThrowIfNull(tap);
        ArgumentNullException.ThrowIfNull(routes);
        return new(tap.Namespace, tap.Pod, tap.Interface, tap.Network, tap.Address, "tap", node, tap.LinkUp)
        {
            Detail = tap.HostInterface ?? "", Mac = tap.Mac, Routes = [.. routes[$"{tap.Namespace}/{tap.Pod}/{tap.Interface}"]],
        };
    }

    /// <summary>The row of a memif on <paramref name="node"/>, with the NAD routes through it (<see cref="AttachmentRoutes"/>).</summary>
    public static PodInterfaceRow Of(MemifStatus memif, string node, ILookup<string, string> routes)
    {
        ArgumentNullException.ThrowIfNull(memif);
        ArgumentNullException.ThrowIfNull(routes);
        return new(memif.Namespace, memif.Pod, memif.Interface, memif.Network, memif.Address ?? "", "memif", node, memif.LinkUp)
        {
            Detail = memif.Socket, Mac = memif.Mac, Routes = [.. routes[$"{memif.Namespace}/{memif.Pod}/{memif.Interface}"]],
        };
    }

    /// <summary>The NAD routes a node's dataplane holds, by the interface (<c>ns/pod/interface</c>) they go through.</summary>
    public static ILookup<string, string> AttachmentRoutes(Shared.Domain.NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory.Routes.Where(r => r.Via.Contains(' ', StringComparison.Ordinal))
            .ToLookup(r => r.Via[..r.Via.IndexOf(' ', StringComparison.Ordinal)], r => $"{r.Prefix} {r.Via[(r.Via.IndexOf(' ', StringComparison.Ordinal) + 1)..]}",
                StringComparer.Ordinal);
    }
}
