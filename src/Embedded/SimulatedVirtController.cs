using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Kube;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>
/// The simulated KubeVirt virt-controller (with the part of virt-handler that reports the guest's interfaces), on the
/// embedded API like any client: a VirtualMachine's run strategy creates and deletes its VirtualMachineInstance (from
/// the VM's template, owned by the VM); a VMI gets its virt-launcher pod (<see cref="VirtLauncherPod"/>), which the
/// simulated scheduler and Multus bind and attach like any pod; the VMI's phase, node and interfaces are written back
/// from that pod (<see cref="VmiStatus"/>). Deleting a VMI deletes its pod, deleting a VM its VMI, as the garbage
/// collector would. VMs, VMIs and launcher pods are watched; every change is handled on one loop. Without KubeVirt's
/// kinds on the API (404) it waits quietly, as the shared watch loop does.
/// </summary>
internal sealed partial class SimulatedVirtController(IKubernetes client, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);

    /// <summary>Launcher pods only, by KubeVirt's label.</summary>
    internal static WatchedKind<V1Pod> LauncherPods { get; } = new("virt-launcher Pods",
        async (k, ct) =>
        {
            var list = await k.CoreV1.ListPodForAllNamespacesAsync(labelSelector: Selector, cancellationToken: ct);
            return new ListResult<V1Pod>([.. list.Items], list.Metadata?.ResourceVersion);
        },
        (k, rv, onError, ct) => Typed(k.CoreV1.WatchListPodForAllNamespacesAsync(labelSelector: Selector, allowWatchBookmarks: true, resourceVersion: rv,
            onError: onError, cancellationToken: ct)));

    internal static WatchedKind<V1VirtualMachineInstance> Vmis { get; } =
        WatchedKinds.Custom<V1VirtualMachineInstance, V1VirtualMachineInstanceList>("VirtualMachineInstances");

    internal static WatchedKind<V1VirtualMachine> Vms { get; } = WatchedKinds.Custom<V1VirtualMachine, V1VirtualMachineList>("VirtualMachines");

    private const string Selector = KubeVirtConstants.AppLabel + "=" + KubeVirtConstants.LauncherLabelValue;

    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, V1VirtualMachine> _vms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1VirtualMachineInstance> _vmis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<object> _listed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether VMs, VMIs and launcher pods have each been listed: before that, an absent object proves nothing.</summary>
    private bool AllListed => _listed.Count == 3;

    /// <summary>Follows VMs, VMIs and launcher pods until cancelled, reconciling after every list and event.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = new[]
        {
            Watch(Vms, _vms, stop.Token),
            Watch(Vmis, _vmis, stop.Token),
            Watch(LauncherPods, _pods, stop.Token),
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

    private static string Key(IKubernetesObject<V1ObjectMeta> item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    private Task Watch<T>(WatchedKind<T> kind, Dictionary<string, T> cache, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new KindWatchLoop<T>(kind, new CacheSink<T>(this, cache), _ => Task.FromResult(client), timeProvider, logger, s_missingKindRetry)
            .RunAsync(cancellationToken);

    /// <summary>Applies each list and event to its cache on the work loop, then reconciles.</summary>
    private sealed class CacheSink<T>(SimulatedVirtController owner, Dictionary<string, T> cache) : IKindSink<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public void Replace(IEnumerable<T> items)
        {
            IReadOnlyList<T> list = [.. items];
            owner._work.Writer.TryWrite(ct =>
            {
                owner._listed.Add(cache);
                cache.Clear();
                foreach (var item in list)
                {
                    cache[Key(item)] = item;
                }

                return owner.ReconcileAllAsync(ct);
            });
        }

        // The controller puts what it creates in the cache at once; an event about an earlier object of the same name (a VMI
        // deleted and created again by a restart) must not replace or remove it.
        public void Upsert(T item) => owner._work.Writer.TryWrite(ct =>
        {
            if (!(cache.TryGetValue(Key(item), out var known) && known.Metadata.Uid != item.Metadata.Uid && Version(known) > Version(item)))
            {
                cache[Key(item)] = item;
            }

            return owner.ReconcileAllAsync(ct);
        });

        public void Delete(T item) => owner._work.Writer.TryWrite(ct =>
        {
            if (!cache.TryGetValue(Key(item), out var known) || known.Metadata.Uid == item.Metadata.Uid)
            {
                cache.Remove(Key(item));
            }

            return owner.ReconcileAllAsync(ct);
        });

        private static long Version(T item) => long.TryParse(item.Metadata.ResourceVersion, out var version) ? version : 0;
    }

    private async Task ReconcileAllAsync(CancellationToken cancellationToken)
    {
        foreach (var vm in _vms.Values.ToList())
        {
            await Guarded(() => ReconcileVmAsync(vm, cancellationToken), cancellationToken);
        }

        foreach (var vmi in _vmis.Values.ToList())
        {
            await Guarded(() => ReconcileVmiAsync(vmi, cancellationToken), cancellationToken);
        }

        if (!AllListed)
        {
            return;
        }

        // VMIs whose VM is gone, launcher pods whose VMI is gone: the garbage collector would delete them with their owner.
        var vms = _vms.Values.Select(v => v.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var vmi in _vmis.Values.Where(v => OwnerUid(v.Metadata, KubeVirtConstants.VmKind) is { } uid && !vms.Contains(uid)).ToList())
        {
            await Guarded(() => DeleteVmiAsync(vmi, cancellationToken), cancellationToken);
        }

        var live = _vmis.Values.Select(v => v.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in _pods.Values.Where(p => VirtLauncherPod.CreatedBy(p) is { } uid && !live.Contains(uid)).ToList())
        {
            await Guarded(() => IgnoreNotFound(client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken)), cancellationToken);
            _pods.Remove(Key(pod));
        }
    }

    private async Task Guarded(Func<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWorkFailed(ex);
        }
    }

    private static async Task IgnoreNotFound(Task call)
    {
        try
        {
            await call;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.NotFound)
        {
        }
    }

    private static V1Patch Merge(object body) => new(KubernetesJson.Serialize(body), V1Patch.PatchType.MergePatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated virt-controller: handling a change failed; it is retried on the next change.")]
    private partial void LogWorkFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated virt-controller: {Action} {Kind} {Key}.")]
    private partial void LogAction(string action, string kind, string key);

    private static async IAsyncEnumerable<(WatchEventType, V1Pod?)> Typed(IAsyncEnumerable<(WatchEventType, V1Pod)> events)
    {
        await foreach (var (type, item) in events)
        {
            yield return (type, item);
        }
    }

    private static JsonObject ToJsonObject(object body) =>
        JsonNode.Parse(body is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(body)) as JsonObject ?? [];
}
