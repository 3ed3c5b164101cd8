using Multinet.Shared.Crds;

namespace Multinet.Web.State;

public sealed partial class LiveState
{
    public void UpsertNetwork(V3Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var name = network.Metadata.Name;
        Mutate((snapshot, version) =>
            snapshot.Networks.TryGetValue(name, out var existing) && SameVersion(existing, network)
                ? null
                : Changed(snapshot with { Networks = snapshot.Networks.SetItem(name, network) }, LiveChangeKind.NetworkUpserted, name, version, urgent: true));
    }

    public void RemoveNetwork(string name) =>
        Mutate((snapshot, version) => snapshot.Networks.ContainsKey(name)
            ? Changed(snapshot with { Networks = snapshot.Networks.Remove(name) }, LiveChangeKind.NetworkRemoved, name, version, urgent: true)
            : null);

    /// <summary>Replaces the whole set after a re-list: vanished Networks are removed, the rest upserted.</summary>
    public void ReplaceNetworks(IReadOnlyCollection<V3Network> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var names = networks.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in Current.Networks.Keys.Where(k => !names.Contains(k)).ToList())
        {
            RemoveNetwork(gone);
        }

        foreach (var network in networks)
        {
            UpsertNetwork(network);
        }
    }

    public void SetClusterConnection(bool connected, string? error) =>
        Mutate((snapshot, version) => snapshot.Cluster.Connected == connected && snapshot.Cluster.Error == error
            ? null
            : Changed(snapshot with { Cluster = new ClusterConnection(connected, error, timeProvider.GetUtcNow().UtcDateTime) },
                LiveChangeKind.ClusterConnectionChanged, "cluster", version, urgent: true));
}
