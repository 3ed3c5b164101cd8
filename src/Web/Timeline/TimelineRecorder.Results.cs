using System.Globalization;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;
using Multinet.Web.Telemetry;

namespace Multinet.Web.Timeline;

/// <summary>
/// Each node's result for a change. A change awaits a result from every connected node whose dataplane it affects (for a
/// Network, every connected node). The result comes from what the node reports: for a Network, its VRF at the changed
/// generation and any error of the network's objects (tunnels, interfaces, routes); for a Service, its service entries;
/// for a policy, the pod interfaces' bindings; for a NAD, the pod interfaces attached through it — applied once the
/// report matches what the planner intends for the node, failed when the node reports an error for the object. A newer
/// change of the same object replaces the awaited results of the older one; what is still awaited after the timeout is
/// recorded as not applied. Awaited results live in memory only: bounded, and never recorded twice across a restart.
/// A node that connects while a change's results are still awaited (within the timeout) is awaited too: its result joins
/// the change's entry, marked as from a node that joined after the change.
/// </summary>
internal sealed partial class TimelineRecorder
{
    private readonly Dictionary<(string Kind, string Name, string Node), PendingResult> _pending = [];
    private LiveSnapshot? _previous;

    /// <summary>How many node results are awaited (for tests and bounds).</summary>
    internal int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    private TimeSpan ResultTimeout => TimeSpan.FromSeconds(options.Value.ResultTimeoutSeconds);

    /// <summary>Starts awaiting each affected node's result for a change seen at <paramref name="now"/>.</summary>
    private void Expect(string kind, string name, long? generation, LiveSnapshot snapshot, NodePlans? plans, DateTime now)
    {
        foreach (var superseded in _pending.Keys.Where(k => k.Kind == kind && k.Name == name).ToList())
        {
            _pending.Remove(superseded);
        }

        var open = new OpenChange(now, generation, new HashSet<string>(StringComparer.Ordinal));
        _open[(kind, name)] = open;
        foreach (var node in snapshot.Nodes.Values.Where(n => n.Connected))
        {
            open.Awaited.Add(node.Name);
            // Every node holds every Network's VRF; other objects concern the nodes whose intended state they change.
            if (kind != NetworkKind && plans is not null && !plans.Affects(node.Name, kind, name))
            {
                continue; // nothing changes on this node's dataplane
            }

            // What the node reported before this batch: an apply in this very batch already counts as the change's.
            var baseline = _previous?.Nodes.GetValueOrDefault(node.Name)?.Inventory ?? node.Inventory;
            var errors = Describe(ErrorsOf(baseline, kind, name, node.Name, plans?.After));
            // A node watches the API itself and can apply a change before this console's watch delivers it. If its report
            // already holds what the change intends (and the change did alter that), its last apply is the one that did it.
            var appliedAlready = kind != NetworkKind && plans is not null
                && Actual(node.Inventory, kind, name, node.Name, plans.After) == Expected(plans.After, kind, name, node.Name);
            _pending[(kind, name, node.Name)] = new PendingResult(now, generation, appliedAlready ? null : baseline.LastApply, errors);
        }
    }

    /// <summary>Records the results the nodes' reports now show; <paramref name="nodes"/>, when given, limits the check to those nodes.</summary>
    private void Resolve(LiveSnapshot snapshot, NodePlans plans, DateTime now, List<TimelineEntry> entries, HashSet<string>? nodes)
    {
        foreach (var (key, pending) in _pending.ToList())
        {
            if (nodes is not null && !nodes.Contains(key.Node))
            {
                continue;
            }

            if (!snapshot.Nodes.TryGetValue(key.Node, out var node))
            {
                _pending.Remove(key); // the node left the cluster
                continue;
            }

            var result = key.Kind == NetworkKind ? NetworkResult(key.Name, pending, node, now) : ObjectResult(key.Kind, key.Name, pending, node, plans.After, now);
            if (result is not null)
            {
                result.ObjectKind = key.Kind;
                result.Name = key.Name;
                result.Node = node.Name;
                result.Generation ??= pending.Generation;
                if (pending.Late)
                {
                    result.Summary += LateNote;
                }

                _pending.Remove(key);
                entries.Add(result);
                if (result.Kind == TimelineEntryKind.Applied && !_pending.Keys.Any(k => k.Kind == key.Kind && k.Name == key.Name))
                {
                    ConsoleMetrics.Propagated(key.Kind, now - pending.SeenAt); // the last awaited node applied it
                }
            }
        }
    }

    /// <summary>Results still awaited after the timeout: recorded as not applied, and no longer awaited.</summary>
    internal List<TimelineEntry> Expire()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var timeout = ResultTimeout;
            var entries = new List<TimelineEntry>();
            foreach (var closed in _open.Where(o => now - o.Value.SeenAt >= timeout).Select(o => o.Key).ToList())
            {
                _open.Remove(closed); // a node joining later is no longer awaited for it
            }

            foreach (var (key, pending) in _pending.Where(p => now - p.Value.SeenAt >= timeout).OrderBy(p => p.Value.SeenAt).ToList())
            {
                _pending.Remove(key);
                var seconds = timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                entries.Add(new TimelineEntry
                {
                    At = now, Kind = TimelineEntryKind.NotApplied, ObjectKind = key.Kind, Name = key.Name, Node = key.Node, Generation = pending.Generation,
                    Error = $"not applied within {seconds} s", Summary = $"Not applied on {key.Node} within {seconds} s" + (pending.Late ? LateNote : ""),
                });
            }

            return entries;
        }
    }

    private static TimelineEntry? NetworkResult(string network, PendingResult pending, NodeView node, DateTime now)
    {
        var errors = node.Inventory.Errors.Where(e => e.Network == network).ToList();
        var vrf = node.Vrfs.FirstOrDefault(v => v.Network == network);
        if (pending.Generation is not { } generation)
        {
            // Deleted: done when the node no longer holds the VRF.
            return vrf is null ? Applied(node, pending, now, null) : null;
        }

        if (vrf is null || !AppliedGeneration.IsCurrent(vrf.Generation, generation))
        {
            return null;
        }

        if (vrf.State == VrfState.Error)
        {
            return Failed(node, now, vrf.Error ?? "the VRF is in error", generation);
        }

        if (vrf.State != VrfState.Applied)
        {
            return null;
        }

        if (errors.Count > 0)
        {
            return Failed(node, now, Describe(errors), generation);
        }

        // A node can apply before this console's own watch delivers the change: then there is no honest duration.
        var duration = vrf.AppliedAt is { } appliedAt && appliedAt >= pending.SeenAt ? (appliedAt - pending.SeenAt).TotalMilliseconds : (double?)null;
        return new TimelineEntry
        {
            At = vrf.AppliedAt ?? now, Kind = TimelineEntryKind.Applied, DurationMs = duration,
            Summary = duration is { } ms
                ? string.Create(CultureInfo.InvariantCulture, $"Applied on {node.Name} in {ms:0} ms (generation {generation})")
                : $"Applied on {node.Name} (generation {generation})",
        };
    }

    private static TimelineEntry? ObjectResult(string kind, string name, PendingResult pending, NodeView node, ClusterIntent intent, DateTime now)
    {
        var applied = node.Inventory.LastApply is { } last && last != pending.Baseline;
        var errors = Describe(ErrorsOf(node.Inventory, kind, name, node.Name, intent));
        if (errors.Length > 0 && (applied || errors != pending.BaselineErrors))
        {
            return Failed(node, now, errors, null);
        }

        return Actual(node.Inventory, kind, name, node.Name, intent) == Expected(intent, kind, name, node.Name)
            ? Applied(node, pending, now, null)
            : null;
    }

    /// <summary>Applied: with the duration of the node's apply pass after the change, when there was one since it was seen.</summary>
    private static TimelineEntry Applied(NodeView node, PendingResult pending, DateTime now, long? generation)
    {
        var apply = node.Inventory.LastApply is { } last && last != pending.Baseline ? last : null;
        return new TimelineEntry
        {
            At = now, Kind = TimelineEntryKind.Applied, DurationMs = apply?.DurationMs, Generation = generation,
            Summary = apply is null
                ? $"Applied on {node.Name}"
                : $"Applied on {node.Name} in {apply.DurationMs.ToString(apply.DurationMs < 10 ? "0.#" : "0", CultureInfo.InvariantCulture)} ms",
        };
    }

    private static TimelineEntry Failed(NodeView node, DateTime now, string error, long? generation) => new()
    {
        At = now, Kind = TimelineEntryKind.Failed, Error = error, Generation = generation, Summary = $"Failed on {node.Name}: {error}",
    };

    /// <summary>"tunnel blue/node-2: message; interface default/pod/eth1: message": the failing objects, named.</summary>
    private static string Describe(IEnumerable<ObjectError> errors) =>
        string.Join("; ", errors.OrderBy(e => e.Object, StringComparer.Ordinal).Select(e => e.Message.StartsWith(e.Object, StringComparison.OrdinalIgnoreCase)
            ? e.Message
            : $"{e.Object}: {e.Message}"));

    /// <summary>The errors a node reports for the object (the agent names objects as in <c>OperationObjects</c> and plan problems).</summary>
    private static IEnumerable<ObjectError> ErrorsOf(NodeInventory inventory, string kind, string name, string node, ClusterIntent? intent)
    {
        switch (kind)
        {
            case NetworkKind:
                return inventory.Errors.Where(e => e.Network == name);
            case ServiceKind:
                return inventory.Errors.Where(e => e.Object == $"service {name}" || e.Object.StartsWith($"service {name}/", StringComparison.Ordinal));
            case PolicyKind:
                var bindings = inventory.Policies.Where(b => b.Policies.Contains(name)).Select(b => b.Key)
                    .Concat(intent is not null && intent.MayHold(node, PolicyKind, name)
                        ? intent.Local(node).Policies.Where(b => b.Policies.Contains(name)).Select(b => $"{b.Namespace}/{b.Pod}/{b.Interface}")
                        : [])
                    .Select(k => $"policy binding {k}").ToHashSet(StringComparer.Ordinal);
                return inventory.Errors.Where(e => e.Object == $"policy {name}" || bindings.Contains(e.Object));
            case NadKind:
                var interfaces = (intent?.NadInterfaces(node, name) ?? []).Select(k => $"interface {k}").ToHashSet(StringComparer.Ordinal);
                return inventory.Errors.Where(e => interfaces.Contains(e.Object));
            default:
                return [];
        }
    }

    /// <summary>What the node reports for the object, as the same text.</summary>
    private static string Actual(NodeInventory inventory, string kind, string name, string node, ClusterIntent intent) => kind switch
    {
        ServiceKind => Lines(inventory.Services.Where(s => $"{s.Namespace}/{s.Name}" == name).Select(s => ServiceLine(s.Key, s.Backends))),
        PolicyKind => Lines(inventory.Policies.Where(b => b.Policies.Contains(name)).Select(b => BindingLine(b.Key, b.Network, b.Policies, b.RuleCount))),
        NadKind => Lines(inventory.Taps.Select(t => (t.Key, t.Network)).Concat(inventory.Memifs.Select(m => (m.Key, m.Network)))
            .Where(i => intent.NadInterfaces(node, name).Contains(i.Key)).Select(i => $"{i.Key} {i.Network}")),
        _ => "",
    };

    private static string ServiceLine(string key, IEnumerable<string> backends) => $"{key} {string.Join(",", backends.Order(StringComparer.Ordinal))}";

    private static string BindingLine(string key, string network, IEnumerable<string> policies, int rules) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} {network} {string.Join(",", policies)} {rules}");

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));

    /// <summary>
    /// A change awaiting one node's result: when it was seen (for a node that joined later, when it joined), and what the
    /// node had reported before it.
    /// </summary>
    private sealed record PendingResult(DateTime SeenAt, long? Generation, ApplyStats? Baseline, string BaselineErrors, bool Late = false);

}
