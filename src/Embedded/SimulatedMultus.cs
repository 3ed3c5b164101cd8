using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Threading.Channels;
using k8s.Models;
using k8s;
using Multinet.Kube;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>
/// The simulated scheduler, Multus and Whereabouts of the embedded mode, in one controller on the embedded API:
/// binds unscheduled pods to the simulated node with the fewest pods (lowest index on a tie), gives them a pod IP
/// from the node's 10.244.i.0/24, attaches the NADs their <c>k8s.v1.cni.cncf.io/networks</c> annotation names with
/// addresses from the Networks' ranges (recorded in Whereabouts IPPools, so they survive a restart), writes
/// <c>k8s.v1.cni.cncf.io/network-status</c> as Multus does, and reports what it cannot attach as Events on the pod.
/// Pods, NADs and Networks are watched; every change is handled on one loop, so no state is shared between threads.
/// </summary>
internal sealed partial class SimulatedMultus(IKubernetes client, int nodeCount, TimeProvider timeProvider, ILogger logger)
{
    public const string PoolNamespace = "kube-system";

    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);

    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _nadConfigs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _networkRanges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _networkExcludes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AddressPool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Node, BigInteger Offset)> _podIps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>Lists everything, rebuilds the allocations, attaches what is pending, then follows the watches until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nads = await WatchedKinds.Nads.ListAsync(client, cancellationToken);
        var networks = await WatchedKinds.Networks.ListAsync(client, cancellationToken);
        var pods = await WatchedKinds.Pods.ListAsync(client, cancellationToken);
        ReplaceNads(nads.Items);
        ReplaceNetworks(networks.Items);
        await LoadPoolsAsync(cancellationToken);
        await ReplacePodsAsync(pods.Items, cancellationToken);
        LogStarted(_pods.Count, _pools.Count, nodeCount);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = new[]
        {
            Watch(WatchedKinds.Nads, nads.ResourceVersion,
                (items, ct) => { ReplaceNads(items); return RetryAllAsync(ct); },
                (type, item, ct) => { ApplyNad(type, item); return RetryAllAsync(ct); }, stop.Token),
            Watch(WatchedKinds.Networks, networks.ResourceVersion,
                (items, ct) => { ReplaceNetworks(items); return RetryAllAsync(ct); },
                (type, item, ct) => { ApplyNetwork(type, item); return RetryAllAsync(ct); }, stop.Token),
            Watch(WatchedKinds.Pods, pods.ResourceVersion, ReplacePodsAsync, ApplyPodAsync, stop.Token),
        };

        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await work(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogWorkFailed(ex);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(watches).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>The shared list/watch loop from the list already read, each list and event handled on the one work loop.</summary>
    private Task Watch<T>(WatchedKind<T> kind, string? resourceVersion, Func<IReadOnlyList<T>, CancellationToken, Task> replace,
        Func<WatchEventType, T, CancellationToken, Task> apply, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new KindWatchLoop<T>(kind, new PostingSink<T>(_work.Writer, replace, apply), _ => Task.FromResult(client), timeProvider, logger,
            s_missingKindRetry).RunAsync(resourceVersion, cancellationToken);

    /// <summary>Hands each list and event to the work loop, in order.</summary>
    private sealed class PostingSink<T>(ChannelWriter<Func<CancellationToken, Task>> work, Func<IReadOnlyList<T>, CancellationToken, Task> replace,
        Func<WatchEventType, T, CancellationToken, Task> apply) : IKindSink<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public void Replace(IEnumerable<T> items)
        {
            IReadOnlyList<T> list = [.. items];
            work.TryWrite(ct => replace(list, ct));
        }

        public void Upsert(T item) => work.TryWrite(ct => apply(WatchEventType.Modified, item, ct));

        public void Delete(T item) => work.TryWrite(ct => apply(WatchEventType.Deleted, item, ct));
    }

    private static string? Metadata(JsonElement item, string field) =>
        item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private void ReplaceNads(IReadOnlyList<V1NetworkAttachmentDefinition> items)
    {
        _nadConfigs.Clear();
        foreach (var item in items)
        {
            ApplyNad(WatchEventType.Added, item);
        }
    }

    private void ApplyNad(WatchEventType type, V1NetworkAttachmentDefinition item)
    {
        var key = $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";
        if (type == WatchEventType.Deleted)
        {
            _nadConfigs.Remove(key);
            return;
        }

        _nadConfigs[key] = item.Spec?.Config;
    }

    private void ReplaceNetworks(IReadOnlyList<V3Network> items)
    {
        _networkRanges.Clear();
        _networkExcludes.Clear();
        foreach (var item in items)
        {
            ApplyNetwork(WatchEventType.Added, item);
        }
    }

    private void ApplyNetwork(WatchEventType type, V3Network item)
    {
        var name = item.Metadata?.Name ?? "";
        if (type == WatchEventType.Deleted)
        {
            _networkRanges.Remove(name);
            _networkExcludes.Remove(name);
            return;
        }

        _networkRanges[name] = item.Spec?.Range;
        RecordExcludes(item);
    }

    private static string Key(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    /// <summary>A fresh list (start, or a 410 re-list): pods gone meanwhile free their addresses, the rest are reconciled.</summary>
    private async Task ReplacePodsAsync(IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
    {
        var gone = _pods.Values.Where(old => !pods.Any(p => p.Metadata.Uid == old.Metadata.Uid)).ToList();
        _pods.Clear();
        foreach (var pod in pods)
        {
            _pods[Key(pod)] = pod;
            RecordPodIp(pod);
        }

        foreach (var pod in gone)
        {
            await ReleaseAsync(pod, cancellationToken);
        }

        await RebuildFromPodsAsync(cancellationToken);
        await RetryAllAsync(cancellationToken);
    }

    private async Task ApplyPodAsync(WatchEventType type, V1Pod pod, CancellationToken cancellationToken)
    {
        var key = Key(pod);
        if (type == WatchEventType.Deleted)
        {
            _pods.Remove(key);
            await ReleaseAsync(pod, cancellationToken);
            return;
        }

        if (_pods.TryGetValue(key, out var known) && known.Metadata.Uid == pod.Metadata.Uid && IsOlder(pod, known))
        {
            return;
        }

        _pods[key] = pod;
        RecordPodIp(pod);
        await ReconcileAsync(pod, cancellationToken);
    }

    /// <summary>The embedded API's resourceVersions are increasing integers; anything else is treated as newer.</summary>
    private static bool IsOlder(V1Pod candidate, V1Pod known) =>
        long.TryParse(candidate.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(known.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
        && a < b;

    private async Task RetryAllAsync(CancellationToken cancellationToken)
    {
        foreach (var pod in _pods.Values.ToList())
        {
            try
            {
                await ReconcileAsync(pod, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogWorkFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated scheduler and Multus started: {Pods} pods, {Pools} IP pools, {Nodes} nodes.")]
    private partial void LogStarted(int pods, int pools, int nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated Multus: handling a change failed; it is retried on the next change.")]
    private partial void LogWorkFailed(Exception exception);
}
