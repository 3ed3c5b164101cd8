using System.Text.Json;
using k8s.Models;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Embedded;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;

namespace Multinet.UnitTests.Embedded;

/// <summary>
/// The embedded API hosted in-process (no simulated nodes of its own) and a <see cref="SimulatedMultus"/> run against
/// it through KubernetesClient, which tests start (once the objects it must find in its first list exist) and stop (a restart loses everything but what is in the API), plus
/// helpers that create objects and await, through watches, the state the controller is expected to reach.
/// </summary>
internal sealed class SimulatedClusterApi : IAsyncDisposable
{
    private readonly KubeApiServer _server;
    private CancellationTokenSource? _stop;
    private Task? _run;

    private SimulatedClusterApi(KubeApiServer server) => _server = server;

    public IKubernetes Client => _server.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts the API only: tests create what must exist before the controller's first list, then start it.</summary>
    public static async Task<SimulatedClusterApi> StartAsync()
    {
        var server = new EmbeddedTestServer();
        await server.InitializeAsync();
        return new SimulatedClusterApi(server);
    }

    public void StartMultus(int nodes = 2)
    {
        _stop = new CancellationTokenSource();
        _run = new SimulatedMultus(Client, nodes, TimeProvider.System, NullLogger.Instance).RunAsync(_stop.Token);
    }

    public async Task StopMultusAsync()
    {
        await _stop!.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run!);
        Assert.True(_run!.IsCanceled || _run.IsFaulted, "the controller ends only when cancelled");
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is { IsCancellationRequested: false })
        {
            await _stop.CancelAsync();
        }

        try
        {
            await (_run ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }

        await _server.DisposeAsync();
    }

    public async Task CreateNetworkAsync(string name, string range) =>
        await Client.CustomObjects.CreateClusterCustomObjectAsync(new
        {
            apiVersion = "projectcalico.org/v3",
            kind = "Network",
            metadata = new { name },
            spec = new { vni = KubeApiServer.NextVni(), range },
        }, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);

    public static string CalicoConfig(string network) =>
        $$$"""{"name":"{{{network}}}","cniVersion":"0.3.0","plugins":[{"type":"calico","ipam":{"type":"whereabouts"},"dataplane_options":{"type":"grpc","network_name":"{{{network}}}"}}]}""";

    public async Task CreateNadAsync(string name, string config, string ns = "default") =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new
        {
            apiVersion = "k8s.cni.cncf.io/v1",
            kind = "NetworkAttachmentDefinition",
            metadata = new { name, @namespace = ns },
            spec = new { config },
        }, CniConstants.NadGroup, CniConstants.NadVersion, ns, CniConstants.NadPlural, cancellationToken: Token);

    public async Task<V1Pod> CreatePodAsync(string name, string? networks, Dictionary<string, string>? annotations = null)
    {
        annotations ??= [];
        if (networks is not null)
        {
            annotations["k8s.v1.cni.cncf.io/networks"] = networks;
        }

        return await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }] },
        }, "default", cancellationToken: Token);
    }

    /// <summary>Awaits (list, then watch) the first state of the pod that satisfies the predicate.</summary>
    public async Task<V1Pod> WaitForPodAsync(string name, Func<V1Pod, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var list = await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}", cancellationToken: timeout.Token);
        if (list.Items.FirstOrDefault(predicate) is { } ready)
        {
            return ready;
        }

        await foreach (var (type, pod) in Client.CoreV1.WatchListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}",
            resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            if (type != WatchEventType.Deleted && predicate(pod))
            {
                return pod;
            }
        }

        throw new InvalidOperationException($"the watch of pod {name} ended");
    }

    /// <summary>Awaits the pod's network-status (written once the pod is bound and attached).</summary>
    public async Task<IReadOnlyList<NetworkStatusEntry>> WaitForNetworkStatusAsync(string name, int entries)
    {
        // Running, or Pending with the status the simulated kubelet writes when an attachment failed (ContainerCreating).
        var pod = await WaitForPodAsync(name, p => NetworkStatus(p).Count >= entries && (p.Status?.Phase == "Running" || p.Status?.HostIP is not null));
        return NetworkStatus(pod);
    }

    public static IReadOnlyList<NetworkStatusEntry> NetworkStatus(V1Pod pod) =>
        NetworkStatusEntry.Parse(pod.Metadata.Annotations?.TryGetValue(CniConstants.NetworkStatusAnnotation, out var s) == true ? s : null);

    /// <summary>Awaits (list, then watch) the first state of the IPPool that satisfies the predicate on its allocations (offset → podref).</summary>
    public async Task<Dictionary<string, string>> WaitForPoolAsync(string name, Func<Dictionary<string, string>, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var list = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(CniConstants.IpPoolGroup,
            CniConstants.IpPoolVersion, SimulatedMultus.PoolNamespace, CniConstants.IpPoolPlural,
            fieldSelector: $"metadata.name={name}", cancellationToken: timeout.Token);
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            if (Allocations(item) is var allocations && predicate(allocations))
            {
                return allocations;
            }
        }

        await foreach (var (type, item) in Client.CustomObjects.WatchListNamespacedCustomObjectAsync(CniConstants.IpPoolGroup,
            CniConstants.IpPoolVersion, SimulatedMultus.PoolNamespace, CniConstants.IpPoolPlural, fieldSelector: $"metadata.name={name}",
            resourceVersion: list.GetProperty("metadata").GetProperty("resourceVersion").GetString(), cancellationToken: timeout.Token))
        {
            if (type != WatchEventType.Deleted && Allocations((JsonElement)item) is var allocations && predicate(allocations))
            {
                return allocations;
            }
        }

        throw new InvalidOperationException($"the watch of pool {name} ended");
    }

    private static Dictionary<string, string> Allocations(JsonElement pool) =>
        pool.GetProperty("spec").TryGetProperty("allocations", out var allocations) && allocations.ValueKind == JsonValueKind.Object
            ? allocations.EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetProperty("podref").GetString()!)
            : [];

    /// <summary>Awaits (list, then watch) a Warning event on the pod with that reason (and text in its message).</summary>
    public async Task<Corev1Event> WaitForEventAsync(string pod, string reason, string? contains = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        bool Matches(Corev1Event e) => e.InvolvedObject?.Name == pod && e.InvolvedObject.Kind == "Pod" && e.Reason == reason
            && (contains is null || e.Message.Contains(contains, StringComparison.Ordinal));
        var list = await Client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: timeout.Token);
        if (list.Items.FirstOrDefault(Matches) is { } found)
        {
            return found;
        }

        await foreach (var (_, ev) in Client.CoreV1.WatchListNamespacedEventAsync("default", resourceVersion: list.Metadata.ResourceVersion,
            cancellationToken: timeout.Token))
        {
            if (Matches(ev))
            {
                return ev;
            }
        }

        throw new InvalidOperationException($"the watch of events ended");
    }
}
