using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Agent.Kubernetes;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Writes each Network's status subresource (by merge patch) from the nodes' published network state and the other
/// Networks: observedGeneration, nodesReady/nodesTotal, per-node errors, conditions Ready, Degraded, VniConflict and
/// RangeOverlap. Writes only what changed.
/// </summary>
internal sealed partial class NetworkStatusController(KubernetesClientProvider clients, TimeProvider timeProvider, ILogger<NetworkStatusController> logger)
    : IClusterController
{
    private readonly Dictionary<string, NetworkStatus> _written = new(StringComparer.Ordinal);

    public string Name => "Network status";

    public async Task SyncAsync(ClusterView view, bool resync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (resync)
        {
            _written.Clear();
        }

        var kubernetes = await clients.GetClientAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)); // conditions carry whole seconds
        foreach (var network in view.Networks.Where(n => n.Metadata?.DeletionTimestamp is null))
        {
            var name = network.Metadata.Name;
            var status = NetworkStatusCalculator.Compute(network, view, now);
            if (NetworkStatusCalculator.Equivalent(status, network.Status)
                || (_written.TryGetValue(KeyOf(network), out var written) && NetworkStatusCalculator.Equivalent(status, written)))
            {
                continue;
            }

            var patch = new JsonObject { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
            try
            {
                await kubernetes.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                    CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // deleted since the view was taken
            }

            _written[KeyOf(network)] = status;
            LogWrote(name, status.NodesReady ?? 0, status.NodesTotal ?? 0);
        }

        foreach (var gone in _written.Keys.Where(k => !view.Networks.Any(n => KeyOf(n) == k)).ToList())
        {
            _written.Remove(gone);
        }
    }

    private static string KeyOf(V3Network network) => $"{network.Metadata?.Name}/{network.Metadata?.Uid}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Network {Name} status written: {Ready}/{Total} nodes ready.")]
    private partial void LogWrote(string name, int ready, int total);
}
