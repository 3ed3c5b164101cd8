using k8s;
using Microsoft.Extensions.Options;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Web.Cluster;
using Multinet.Web.State;
using Multinet.Web.Yaml;

namespace Multinet.Web.Timeline;

/// <summary>
/// Writes the audit timeline from the live state: every Network, NAD, network-aware Service and Calico policy created,
/// edited (with the diff and the field manager that wrote it) or deleted, then each connected node's result for it —
/// applied (in N ms), failed with the node's error naming the object, or not applied within
/// <see cref="TimelineOptions.ResultTimeoutSeconds"/>. One subscriber, one batch per live batch; a restart picks up from
/// the stored specs so nothing is recorded twice, and results wait in memory only, so none is recorded twice either.
/// </summary>
internal sealed partial class TimelineRecorder(LiveState live, TimelineStore store, IOptions<TimelineOptions> options, TimeProvider timeProvider,
    ILogger<TimelineRecorder> logger, DeletionAuthors? deletions = null) : BackgroundService
{
    internal const string NetworkKind = "Network";
    internal const string NadKind = "NetworkAttachmentDefinition";
    internal const string ServiceKind = "Service";
    internal const string PolicyKind = "NetworkPolicy";
    internal const string UserKind = "User";
    /// <summary>The kinds of object the timeline records: the cluster objects it follows, and the console's users (changed on the Users page).</summary>
    internal static readonly string[] ObjectKinds = [NetworkKind, NadKind, ServiceKind, PolicyKind, UserKind];
    private static readonly TimeSpan s_expiryTick = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Kind, string Name), TimelineEntry> _specs = [];
    private bool _networksListed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var (key, entry) in await store.LatestSpecsAsync(stoppingToken))
            {
                _specs[key] = entry;
            }

            var subscription = live.Subscribe(stoppingToken);
            var expiry = ExpireLoopAsync(stoppingToken);
            await RecordAsync(Observe(subscription.Snapshot, null), stoppingToken);
            await foreach (var batch in subscription.Batches.WithCancellation(stoppingToken))
            {
                await RecordAsync(Observe(batch.Snapshot, batch.Overflowed ? null : batch.Changes), stoppingToken);
            }

            await expiry;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Once a second: node results still missing after the timeout become "not applied within N s".</summary>
    private async Task ExpireLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_expiryTick, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RecordAsync(Expire(), stoppingToken);
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
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var entries = new List<TimelineEntry>();
            var intent = IntentOf(snapshot);
            var plans = new NodePlans(_previousIntent, intent);
            // At start the live state holds no Network until the first list, so a Network missing from it counts as deleted
            // only once the console has been connected (listed) or a change says so: a restart, after a crash too, must not
            // record every Network deleted. The first batch after that list compares everything, so what changed while the
            // console was down (created, edited or deleted) is recorded then, and no acknowledged write leaves a gap.
            var listedNow = snapshot.Cluster.Connected && !_networksListed;
            _networksListed |= snapshot.Cluster.Connected;
            var absentMeansDeleted = _networksListed || changes is not null;
            var networks = changes is null || listedNow
                ? snapshot.Networks.Keys.Concat(_specs.Keys.Where(k => k.Kind == NetworkKind).Select(k => k.Name)).Distinct(StringComparer.Ordinal).ToList()
                : changes.Where(c => c.Kind is LiveChangeKind.NetworkUpserted or LiveChangeKind.NetworkRemoved).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
            foreach (var name in networks)
            {
                if (snapshot.Networks.TryGetValue(name, out var network))
                {
                    ObserveNetwork(network, snapshot, now, entries);
                }
                else if (absentMeansDeleted && _specs.Remove((NetworkKind, name), out var last))
                {
                    entries.Add(new TimelineEntry
                    {
                        At = now, Kind = TimelineEntryKind.Deleted, Name = name, Generation = last.Generation, Actor = deletions?.Take(NetworkKind, name),
                        Summary = $"Network {name} deleted",
                    });
                    Expect(NetworkKind, name, null, snapshot, plans, now);
                }
            }

            if (snapshot.Objects.Synced && (changes is null || changes.Any(c => c.Kind == LiveChangeKind.ClusterObjectsChanged)))
            {
                ObserveObjects(NadKind, snapshot.Objects.Nads.Values.Select(n => (n.Key, NadText(n), n.LastManager)), snapshot, plans, now, entries);
                ObserveObjects(ServiceKind, snapshot.Objects.Services.Values.Where(s => s.Network is not null).Select(s => (s.Key, ServiceText(s), s.LastManager)),
                    snapshot, plans, now, entries);
                ObserveObjects(PolicyKind, snapshot.Objects.Policies.Values.Select(p => (p.Key, PolicyText(p), p.LastManager)), snapshot, plans, now, entries);
            }

            // A batch of node reports only can settle only those nodes' results; anything else may settle any.
            ExpectLateNodes(snapshot, plans, now);
            var nodesOnly = changes is not null && changes.All(c => c.Kind is LiveChangeKind.NodeUpserted or LiveChangeKind.NodeRemoved);
            Resolve(snapshot, plans, now, entries, nodesOnly ? changes!.Select(c => c.Name).ToHashSet(StringComparer.Ordinal) : null);
            _previous = snapshot;
            _previousIntent = intent;
            return entries;
        }
    }

    private void ObserveNetwork(V3Network network, LiveSnapshot snapshot, DateTime now, List<TimelineEntry> entries)
    {
        var name = network.Metadata.Name;
        var generation = network.Metadata.Generation ?? 0;
        var spec = SpecText(network);
        if (_specs.TryGetValue((NetworkKind, name), out var last) && last.SpecText == spec)
        {
            return; // status, label or annotation changes are not edits of the network
        }

        var entry = new TimelineEntry
        {
            At = now,
            Kind = last is null ? TimelineEntryKind.Created : TimelineEntryKind.Updated,
            Name = name,
            Actor = FieldManagers.LastWriter(network.Metadata) ?? FieldManagers.Unknown,
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
        Expect(NetworkKind, name, generation, snapshot, null, now);
    }

    /// <summary>
    /// Records NADs, network-aware Services and Calico policies that appeared, changed (as the console reads them) or went
    /// away, with who wrote them; then waits for the result of each node whose dataplane the change affects.
    /// </summary>
    private void ObserveObjects(string kind, IEnumerable<(string Name, string Text, string? Manager)> objects, LiveSnapshot snapshot, NodePlans plans,
        DateTime now, List<TimelineEntry> entries)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text, manager) in objects.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            current.Add(name);
            if (_specs.TryGetValue((kind, name), out var last) && last.SpecText == text)
            {
                continue;
            }

            var entry = new TimelineEntry
            {
                At = now, Kind = last is null ? TimelineEntryKind.Created : TimelineEntryKind.Updated, ObjectKind = kind, Name = name, SpecText = text,
                Actor = manager ?? FieldManagers.Unknown,
                Diff = last is null ? null : TextDiff.Unified(last.SpecText ?? "", text),
                Summary = last is null ? $"{kind} {name} created" : $"{kind} {name} edited: {ChangedFields(last.SpecText ?? "", text)}",
            };
            _specs[(kind, name)] = entry;
            entries.Add(entry);
            Expect(kind, name, null, snapshot, plans, now);
        }

        foreach (var gone in _specs.Keys.Where(k => k.Kind == kind && !current.Contains(k.Name)).ToList())
        {
            _specs.Remove(gone);
            entries.Add(new TimelineEntry { At = now, Kind = TimelineEntryKind.Deleted, ObjectKind = kind, Name = gone.Name, Summary = $"{kind} {gone.Name} deleted" });
            Expect(kind, gone.Name, null, snapshot, plans, now);
        }
    }

    private static string NadText(ClusterNad nad) =>
        $"network: {nad.NetworkName ?? "(none)"}\ntype: {nad.PluginType ?? "(none)"}\nipam: {nad.IpamType ?? "(none)"}" + (nad.ConfigError is null ? "" : $"\nconfigError: {nad.ConfigError}");

    private static string ServiceText(ClusterService service) =>
        $"network: {service.Network}\nselector: {string.Join(",", service.Selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}" +
        $"\nclusterIPs: {string.Join(",", service.ClusterIps)}\nports: {string.Join(",", service.Ports.Select(p => $"{p.Port}/{p.Protocol}->{p.TargetPort}"))}";

    private static string PolicyText(ClusterPolicy policy) =>
        $"selector: {policy.Selector}\n" + string.Join('\n', policy.Ingress.Select(r => ("ingress", r)).Concat(policy.Egress.Select(r => ("egress", r)))
            .Select((r, i) => $"rule{i}: {r.Item1} {r.r.Action} {r.r.Protocol} ports {string.Join(",", r.r.DestinationPorts)} on {r.r.Network ?? "default network"}"));

    internal static string SpecText(V3Network network) => KubernetesYaml.Serialize(network.Spec ?? new NetworkSpec()).TrimEnd();

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
