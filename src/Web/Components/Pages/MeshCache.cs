using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// The last tunnel mesh built for each Network, shared by every page showing it: the prerendered HTML and the circuit
/// that follows it (and every other tab on the same Network) get the same view model until a node's tunnels or VRFs
/// change, instead of building it once each. A mesh is known by the reported arrays it was built from (heartbeats make
/// new snapshots but leave those arrays as they are), which it holds weakly: a node's old inventory is not kept alive by
/// the cache, only the last mesh of each Network (its own tunnels). One cache per <see cref="LiveState"/>, at most
/// <see cref="Capacity"/> Networks in it.
/// </summary>
internal sealed class MeshCache
{
    internal const int Capacity = 16;
    private static readonly ConditionalWeakTable<LiveState, MeshCache> s_caches = [];
    private readonly Dictionary<string, (WeakReference[] From, Lazy<TunnelMeshViewModel> Mesh)> _last = new(StringComparer.Ordinal);
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

        // Pages on the same Network read each batch at the same moment: one of them builds the new mesh and the others
        // wait for that one (Lazy) instead of each building its own.
        Lazy<TunnelMeshViewModel> mesh;
        lock (_lock)
        {
            if (_last.TryGetValue(network, out var last) && Same(last.From, from))
            {
                mesh = last.Mesh;
            }
            else
            {
                if (!_last.ContainsKey(network) && _last.Count >= Capacity)
                {
                    _last.Remove(_last.Keys.First());
                }

                mesh = new Lazy<TunnelMeshViewModel>(() => TunnelMeshViewModel.From(snapshot, network), LazyThreadSafetyMode.ExecutionAndPublication);
                _last[network] = ([.. from.Select(a => new WeakReference(a))], mesh);
            }
        }

        return mesh.Value;
    }

    private static bool Same(WeakReference[] built, object?[] now)
    {
        if (built.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(built[i].Target, now[i]))
            {
                return false;
            }
        }

        return true;
    }
}
