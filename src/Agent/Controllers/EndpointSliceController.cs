using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Agent.Kubernetes;
using Multinet.Shared.Cluster;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Keeps the EndpointSlices of network-aware Services exact: creates the missing, updates the stale, deletes those of
/// families that emptied and of Services that are gone or lost their network annotation. Reads the slices it manages
/// (by label) on the first pass, after a failure and on resync; in between it trusts what it wrote.
/// </summary>
internal sealed partial class EndpointSliceController(KubernetesClientProvider clients, ILogger<EndpointSliceController> logger) : IClusterController
{
    private Dictionary<string, V1EndpointSlice>? _actual;

    public string Name => "EndpointSlice";

    public async Task SyncAsync(ClusterView view, bool resync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var kubernetes = await clients.GetClientAsync(cancellationToken);
        var desired = EndpointSliceBuilder.Build(view);
        if (resync || _actual is null)
        {
            _actual = null;
            var list = await kubernetes.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(labelSelector: EndpointSliceBuilder.ManagedSelector,
                cancellationToken: cancellationToken);
            _actual = list.Items.ToDictionary(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}", StringComparer.Ordinal);
        }

        var actual = _actual;
        try
        {
            foreach (var (key, slice) in desired)
            {
                if (!actual.TryGetValue(key, out var existing))
                {
                    actual[key] = await CreateAsync(kubernetes, slice, cancellationToken);
                    LogWrote(slice.Metadata.NamespaceProperty, slice.Metadata.Name, "created", slice.Endpoints.Count);
                }
                else if (!EndpointSliceBuilder.Matches(slice, existing))
                {
                    slice.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                    actual[key] = await kubernetes.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, slice.Metadata.NamespaceProperty,
                        cancellationToken: cancellationToken);
                    LogWrote(slice.Metadata.NamespaceProperty, slice.Metadata.Name, "updated", slice.Endpoints.Count);
                }
            }

            foreach (var (key, stale) in actual.Where(a => !desired.ContainsKey(a.Key)).ToList())
            {
                try
                {
                    await kubernetes.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(stale.Metadata.Name, stale.Metadata.NamespaceProperty,
                        cancellationToken: cancellationToken);
                }
                catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
                {
                    // already gone, e.g. collected with its Service
                }

                actual.Remove(key);
                LogWrote(stale.Metadata.NamespaceProperty, stale.Metadata.Name, "deleted", 0);
            }
        }
        catch
        {
            _actual = null; // read the truth again on the next pass
            throw;
        }
    }

    private static async Task<V1EndpointSlice> CreateAsync(IKubernetes kubernetes, V1EndpointSlice slice, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, slice.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // A slice of that name exists without our label (or appeared since the list): take it over.
            var existing = await kubernetes.DiscoveryV1.ReadNamespacedEndpointSliceAsync(slice.Metadata.Name, slice.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
            slice.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            return await kubernetes.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, slice.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EndpointSlice {Namespace}/{Name} {Action} ({Endpoints} endpoints).")]
    private partial void LogWrote(string @namespace, string name, string action, int endpoints);
}
