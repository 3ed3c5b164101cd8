using System.Runtime.InteropServices;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// The last tunnel mesh built for each Network, shared by every page showing it: the prerendered HTML and the circuit
/// that follows it (and every other tab on the same Network) get the same view model until a node's tunnels or VRFs
/// change, instead of building it once each. An entry is known by the reported arrays it was built from (heartbeats make
/// new snapshots but leave those arrays as they are). At most <see cref="Capacity"/> Networks are kept.
/// </summary>
internal static class MeshCache
{
    internal const int Capacity = 16;
    private static readonly Dictionary<string, (object?[] From, TunnelMeshViewModel Mesh)> s_last = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>The mesh of <paramref name="network"/> in <paramref name="snapshot"/>: the one built last when nothing it shows changed.</summary>
    public static TunnelMeshViewModel For(LiveSnapshot snapshot, string network)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var from = new object?[snapshot.Nodes.Count * 2];
        var i = 0;
        foreach (var node in snapshot.Nodes.Values)
        {
            from[i++] = ImmutableCollectionsMarshal.AsArray(node.Inventory.Tunnels);
            from[i++] = ImmutableCollectionsMarshal.AsArray(node.Inventory.Vrfs);
        }

        lock (s_lock)
        {
            if (s_last.TryGetValue(network, out var last) && last.From.AsSpan().SequenceEqual(from, ReferenceEqualityComparer.Instance))
            {
                return last.Mesh;
            }
        }

        var mesh = TunnelMeshViewModel.From(snapshot, network);
        lock (s_lock)
        {
            if (!s_last.ContainsKey(network) && s_last.Count >= Capacity)
            {
                s_last.Remove(s_last.Keys.First());
            }

            s_last[network] = (from, mesh);
        }

        return mesh;
    }
}
