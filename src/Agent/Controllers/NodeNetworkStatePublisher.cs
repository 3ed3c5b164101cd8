using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.Shared.Threading;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Publishes this node's per-Network applied state on its own Node as the annotation
/// <c>multinet.projectcalico.org/network-state</c> (merge patch), whenever the reconciler's statuses change and the Node
/// does not already say so. Every agent runs it; the leader's Network status controller aggregates the annotations.
/// </summary>
internal sealed partial class NodeNetworkStatePublisher(KubernetesClientProvider clients, NodeStatusStore store, ClusterCache cache,
    IOptions<AgentOptions> options, TimeProvider timeProvider, ILogger<NodeNetworkStatePublisher> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The states of a node's VRFs, keyed by Network.</summary>
    public static Dictionary<string, NodeNetworkState> StatesOf(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory.Vrfs.GroupBy(v => v.Network, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var vrf = g.First();
            return new NodeNetworkState(vrf.Generation, vrf.State.ToString(), vrf.State == VrfState.Error ? vrf.Error : null);
        }, StringComparer.Ordinal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nodeName = options.Value.NodeName;
        string? published = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var snapshot = store.Current;
                if (snapshot.Version > 0)
                {
                    var text = NodeNetworkStates.Serialize(StatesOf(snapshot.Inventory));
                    if (text != published && text != OnNode(nodeName))
                    {
                        try
                        {
                            await PatchAsync(nodeName, text, stoppingToken);
                            failures = 0;
                        }
                        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound && !InCache(nodeName))
                        {
                            LogNodeMissing(nodeName);
                            await WaitForNodeAsync(nodeName, stoppingToken);
                            continue;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                        {
                            LogPatchFailed(ex, nodeName, ++failures);
                            await Task.Delay(Backoff.Exponential(failures, s_maxBackoff), timeProvider, stoppingToken);
                            continue;
                        }

                        LogPublished(nodeName, text);
                    }

                    published = text;
                }

                await store.WaitForChangeAsync(snapshot.Version, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForNodeAsync(string nodeName, CancellationToken cancellationToken)
    {
        for (var version = cache.Version; !InCache(nodeName); version = cache.Version)
        {
            await cache.WaitForChangeAsync(version, cancellationToken);
        }
    }

    private bool InCache(string nodeName) => cache.IsSynced && cache.Snapshot().Nodes.Any(n => n.Name == nodeName);

    private string? OnNode(string nodeName)
    {
        if (!cache.IsSynced)
        {
            return null;
        }

        var node = cache.Snapshot().Nodes.FirstOrDefault(n => n.Name == nodeName);
        return node is null || node.NetworkStateError is not null ? null : NodeNetworkStates.Serialize(node.NetworkStates);
    }

    private async Task PatchAsync(string nodeName, string text, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [CniConstants.NodeNetworkStateAnnotation] = text } },
        };
        var kubernetes = await clients.GetClientAsync(cancellationToken);
        await kubernetes.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), nodeName,
            cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} does not exist; its network state is published once it does.")]
    private partial void LogNodeMissing(string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published the network state of node {Node}: {State}.")]
    private partial void LogPublished(string node, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the network state on Node {Node} ({Failures} in a row); retrying.")]
    private partial void LogPatchFailed(Exception exception, string node, int failures);
}
