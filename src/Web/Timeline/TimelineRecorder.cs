using System.Globalization;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.Web.State;
using Multinet.Web.Yaml;

namespace Multinet.Web.Timeline;

/// <summary>
/// Writes the audit timeline from the live state: every Network created, edited (with the spec diff and the field
/// manager that wrote it) or deleted, then each node's result for it — applied, with the time from the console
/// seeing the change to the node reporting it, or failed with the node's error. One subscriber, one batch per
/// live batch; a restart picks up from the stored specs so nothing is recorded twice.
/// </summary>
internal sealed partial class TimelineRecorder(LiveState live, TimelineStore store, TimeProvider timeProvider, ILogger<TimelineRecorder> logger)
    : BackgroundService
{
    private const string NetworkKind = "Network";
    private readonly Dictionary<(string Kind, string Name), TimelineEntry> _specs = [];
    private readonly Dictionary<(string Network, long Generation), DateTime> _seen = [];
    private readonly Dictionary<(string Node, string Network), VrfStatus> _vrfs = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var (key, entry) in await store.LatestSpecsAsync(stoppingToken))
            {
                _specs[key] = entry;
            }

            var subscription = live.Subscribe(stoppingToken);
            await RecordAsync(Observe(subscription.Snapshot, null), stoppingToken);
            await foreach (var batch in subscription.Batches.WithCancellation(stoppingToken))
            {
                await RecordAsync(Observe(batch.Snapshot, batch.Overflowed ? null : batch.Changes), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordAsync(List<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync(entries, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAppendFailed(ex, entries.Count);
        }
    }

    /// <summary>The entries a batch produces. <paramref name="changes"/> null means "compare everything".</summary>
    internal List<TimelineEntry> Observe(LiveSnapshot snapshot, IReadOnlyList<LiveChange>? changes)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var entries = new List<TimelineEntry>();
        var networks = changes is null
            ? snapshot.Networks.Keys.Concat(_specs.Keys.Where(k => k.Kind == NetworkKind).Select(k => k.Name)).Distinct(StringComparer.Ordinal).ToList()
            : changes.Where(c => c.Kind is LiveChangeKind.NetworkUpserted or LiveChangeKind.NetworkRemoved).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in networks)
        {
            if (snapshot.Networks.TryGetValue(name, out var network))
            {
                ObserveNetwork(network, now, entries);
            }
            else if (_specs.Remove((NetworkKind, name), out var last))
            {
                entries.Add(new TimelineEntry
                {
                    At = now, Kind = TimelineEntryKind.Deleted, Name = name, Generation = last.Generation,
                    Summary = $"Network {name} deleted",
                });
            }
        }

        if (snapshot.Objects.Synced && (changes is null || changes.Any(c => c.Kind == LiveChangeKind.ClusterObjectsChanged)))
        {
            ObserveObjects("NetworkAttachmentDefinition", snapshot.Objects.Nads.ToDictionary(p => p.Key, p => NadText(p.Value), StringComparer.Ordinal), now, entries);
            ObserveObjects("Service", snapshot.Objects.Services.Where(p => p.Value.Network is not null)
                .ToDictionary(p => p.Key, p => ServiceText(p.Value), StringComparer.Ordinal), now, entries);
            ObserveObjects("NetworkPolicy", snapshot.Objects.Policies.ToDictionary(p => p.Key, p => PolicyText(p.Value), StringComparer.Ordinal), now, entries);
        }

        var nodes = changes is null
            ? snapshot.Nodes.Keys.ToList()
            : changes.Where(c => c.Kind == LiveChangeKind.NodeUpserted).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in nodes)
        {
            if (snapshot.Nodes.TryGetValue(name, out var node))
            {
                ObserveNode(node, entries);
            }
        }

        return entries;
    }

    private void ObserveNetwork(V3Network network, DateTime now, List<TimelineEntry> entries)
    {
        var name = network.Metadata.Name;
        var generation = network.Metadata.Generation ?? 0;
        var spec = SpecText(network);
        _seen.TryAdd((name, generation), now);
        if (_specs.TryGetValue((NetworkKind, name), out var last) && last.SpecText == spec)
        {
            return; // status, label or annotation changes are not edits of the network
        }

        var entry = new TimelineEntry
        {
            At = now,
            Kind = last is null ? TimelineEntryKind.Created : TimelineEntryKind.Updated,
            Name = name,
            Actor = LastManager(network),
            Generation = generation,
            ResourceVersion = network.Metadata.ResourceVersion,
            SpecText = spec,
            Diff = last is null ? null : TextDiff.Unified(last.SpecText ?? "", spec),
            Summary = last is null
                ? $"Network {name} created: VNI {network.Spec?.Vni}, range {network.Spec?.Range}"
                : $"Network {name} edited: {ChangedFields(last.SpecText ?? "", spec)}",
        };
        _specs[(NetworkKind, name)] = entry;
        entries.Add(entry);
    }

    private void ObserveNode(NodeView node, List<TimelineEntry> entries)
    {
        foreach (var vrf in node.Vrfs)
        {
            var key = (node.Name, vrf.Network);
            _vrfs.TryGetValue(key, out var before);
            _vrfs[key] = vrf;
            if (vrf.State == VrfState.Applied && (before is null || before.State != VrfState.Applied || before.Generation != vrf.Generation)
                && _seen.TryGetValue((vrf.Network, vrf.Generation), out var seenAt))
            {
                // Only generations this console saw change: a restart does not replay old applies.
                // A node can apply before this console's own watch delivers the change: then there is no honest duration.
                var duration = vrf.AppliedAt is { } appliedAt && appliedAt >= seenAt ? (appliedAt - seenAt).TotalMilliseconds : (double?)null;
                entries.Add(new TimelineEntry
                {
                    At = vrf.AppliedAt ?? timeProvider.GetUtcNow().UtcDateTime, Kind = TimelineEntryKind.Applied, Name = vrf.Network,
                    Node = node.Name, Generation = vrf.Generation, DurationMs = duration,
                    Summary = duration is { } ms
                        ? string.Create(CultureInfo.InvariantCulture, $"Applied on {node.Name} in {ms:0} ms (generation {vrf.Generation})")
                        : $"Applied on {node.Name} (generation {vrf.Generation})",
                });
            }
            else if (vrf.State == VrfState.Error && (before?.State != VrfState.Error || before.Error != vrf.Error))
            {
                entries.Add(new TimelineEntry
                {
                    At = timeProvider.GetUtcNow().UtcDateTime, Kind = TimelineEntryKind.Failed, Name = vrf.Network, Node = node.Name,
                    Generation = vrf.Generation, Error = vrf.Error, Summary = $"Failed on {node.Name}: {vrf.Error}",
                });
            }
        }
    }

    /// <summary>Records NADs, network-aware Services and Calico policies that appeared, changed (as the console reads them) or went away.</summary>
    private void ObserveObjects(string kind, Dictionary<string, string> current, DateTime now, List<TimelineEntry> entries)
    {
        foreach (var (name, text) in current.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (_specs.TryGetValue((kind, name), out var last) && last.SpecText == text)
            {
                continue;
            }

            var entry = new TimelineEntry
            {
                At = now, Kind = last is null ? TimelineEntryKind.Created : TimelineEntryKind.Updated, ObjectKind = kind, Name = name, SpecText = text,
                Diff = last is null ? null : TextDiff.Unified(last.SpecText ?? "", text),
                Summary = last is null ? $"{kind} {name} created" : $"{kind} {name} edited: {ChangedFields(last.SpecText ?? "", text)}",
            };
            _specs[(kind, name)] = entry;
            entries.Add(entry);
        }

        foreach (var gone in _specs.Keys.Where(k => k.Kind == kind && !current.ContainsKey(k.Name)).ToList())
        {
            _specs.Remove(gone);
            entries.Add(new TimelineEntry { At = now, Kind = TimelineEntryKind.Deleted, ObjectKind = kind, Name = gone.Name, Summary = $"{kind} {gone.Name} deleted" });
        }
    }

    private static string NadText(Shared.Cluster.ClusterNad nad) =>
        $"network: {nad.NetworkName ?? "(none)"}\ntype: {nad.PluginType ?? "(none)"}\nipam: {nad.IpamType ?? "(none)"}" + (nad.ConfigError is null ? "" : $"\nconfigError: {nad.ConfigError}");

    private static string ServiceText(Shared.Cluster.ClusterService service) =>
        $"network: {service.Network}\nselector: {string.Join(",", service.Selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}" +
        $"\nclusterIPs: {string.Join(",", service.ClusterIps)}\nports: {string.Join(",", service.Ports.Select(p => $"{p.Port}/{p.Protocol}->{p.TargetPort}"))}";

    private static string PolicyText(Shared.Cluster.ClusterPolicy policy) =>
        $"selector: {policy.Selector}\n" + string.Join('\n', policy.Ingress.Select(r => ("ingress", r)).Concat(policy.Egress.Select(r => ("egress", r)))
            .Select((r, i) => $"rule{i}: {r.Item1} {r.r.Action} {r.r.Protocol} ports {string.Join(",", r.r.DestinationPorts)} on {r.r.Network ?? "default network"}"));

    internal static string SpecText(V3Network network) => KubernetesYaml.Serialize(network.Spec ?? new NetworkSpec()).TrimEnd();

    /// <summary>The field manager of the newest managedFields entry: who wrote the object last, as the API knows it.</summary>
    private static string? LastManager(V3Network network) =>
        network.Metadata.ManagedFields?.Where(f => f.Operation is "Update" or "Apply")
            .OrderByDescending(f => f.Time ?? DateTime.MinValue).FirstOrDefault()?.Manager;

    private static string ChangedFields(string before, string after)
    {
        var old = Fields(before);
        var now = Fields(after);
        var changed = now.Where(f => !old.TryGetValue(f.Key, out var was) || was != f.Value).Select(f => $"{f.Key} {Show(old.GetValueOrDefault(f.Key))} → {Show(f.Value)}")
            .Concat(old.Keys.Where(k => !now.ContainsKey(k)).Select(k => $"{k} removed"));
        var text = string.Join(", ", changed);
        return text.Length == 0 ? "spec changed" : text;
    }

    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "(none)" : value;

    private static Dictionary<string, string> Fields(string yaml) =>
        yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim().Trim('"', '\''), StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} timeline entries.")]
    private partial void LogAppendFailed(Exception exception, int count);
}
