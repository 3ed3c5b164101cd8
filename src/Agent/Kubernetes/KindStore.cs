using k8s;
using k8s.Models;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// The cached objects of one kind, as projected records keyed by <c>namespace/name</c>, each with the fingerprints that
/// decide who must hear of a change: what the planner reads, and what only the controllers read.
/// Not thread-safe: <see cref="ClusterCache"/> serialises access.
/// </summary>
internal sealed class KindStore<TObject, TRecord>(Func<TObject, TRecord> project, Func<TRecord, string> plannerKey, Func<TObject, TRecord, string> controllerKey)
    where TObject : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);

    public bool Synced { get; private set; }

    public IEnumerable<TRecord> Records => _items.Values.Select(e => e.Record);

    public ChangeLevel Replace(IEnumerable<TObject> items)
    {
        var fresh = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            fresh[Key(item)] = Project(item);
        }

        var level = Synced ? ChangeLevel.None : ChangeLevel.Planner;
        foreach (var (key, entry) in fresh)
        {
            level = Max(level, Compare(_items.GetValueOrDefault(key), entry));
        }

        if (_items.Keys.Any(k => !fresh.ContainsKey(k)))
        {
            level = ChangeLevel.Planner;
        }

        _items.Clear();
        foreach (var (key, entry) in fresh)
        {
            _items[key] = entry;
        }

        Synced = true;
        return level;
    }

    public ChangeLevel Upsert(TObject item)
    {
        var key = Key(item);
        var entry = Project(item);
        var level = Compare(_items.GetValueOrDefault(key), entry);
        _items[key] = entry;
        return level;
    }

    public ChangeLevel Delete(TObject item) => _items.Remove(Key(item)) ? ChangeLevel.Planner : ChangeLevel.None;

    private Entry Project(TObject item)
    {
        var record = project(item);
        return new Entry(record, plannerKey(record), controllerKey(item, record));
    }

    private static ChangeLevel Compare(Entry? old, Entry fresh) =>
        old is null || old.PlannerKey != fresh.PlannerKey ? ChangeLevel.Planner
        : old.ControllerKey != fresh.ControllerKey ? ChangeLevel.Controllers
        : ChangeLevel.None;

    private static ChangeLevel Max(ChangeLevel a, ChangeLevel b) => a > b ? a : b;

    private static string Key(TObject item) => $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";

    private sealed record Entry(TRecord Record, string PlannerKey, string ControllerKey);
}
