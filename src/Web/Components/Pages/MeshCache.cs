using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// The last tunnel mesh built for each Network, shared by every page showing it: the prerendered HTML and the circuit
/// that follows it (and every other tab on the same Network) get the same view model until a node's tunnels or VRFs
/// change, instead of building it once each. A mesh is known by the reported arrays it was built from (heartbeats make
/// new snapshots but leave those arrays as they are). The cache holds its meshes weakly: a mesh, and the arrays it was
/// built from, live as long as a page shows it, and no longer. One cache per <see cref="LiveState"/>.
/// </summary>
internal sealed class MeshCache
{
    internal const int Capacity = 64;
    private static readonly ConditionalWeakTable<LiveState, MeshCache> s_caches = [];
    private readonly Dictionary<string, WeakReference<TunnelMeshViewModel>> _last = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<TunnelMeshViewModel, object?[]> _builtFrom = [];
    private readonly Lock _lock = new();

    /// <summary>The cache of the meshes of <paramref name="live"/>'s snapshots.</summary>
    public static MeshCache Of(LiveState live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return s_caches.GetValue(live, static _ => new MeshCache());
    }

    /// <summary>The mesh of <paramref name="network"/> in <paramref name="snapshot"/>: the one built last when nothing it shows changed.</summary>
    public TunnelMeshViewModel For(LiveSnapshot snapshot, string network)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var from = new object?[snapshot.Nodes.Count * 2];
        var i = 0;
        foreach (var node in snapshot.Nodes.Values)
        {
            from[i++] = ImmutableCollectionsMarshal.AsArray(node.Inventory.Tunnels);
            from[i++] = ImmutableCollectionsMarshal.AsArray(node.Inventory.Vrfs);
        }

        lock (_lock)
        {
            if (_last.TryGetValue(network, out var weak) && weak.TryGetTarget(out var last) && _builtFrom.TryGetValue(last, out var lastFrom)
                && lastFrom.AsSpan().SequenceEqual(from, ReferenceEqualityComparer.Instance))
            {
                return last;
            }
        }

        var mesh = TunnelMeshViewModel.From(snapshot, network);
        lock (_lock)
        {
            if (!_last.ContainsKey(network) && _last.Count >= Capacity)
            {
                foreach (var gone in _last.Where(e => !e.Value.TryGetTarget(out _)).Select(e => e.Key).ToList())
                {
                    _last.Remove(gone);
                }

                if (_last.Count >= Capacity)
                {
                    _last.Remove(_last.Keys.First());
                }
            }

            _builtFrom.AddOrUpdate(mesh, from);
            _last[network] = new WeakReference<TunnelMeshViewModel>(mesh);
        }

        return mesh;
    }
}
