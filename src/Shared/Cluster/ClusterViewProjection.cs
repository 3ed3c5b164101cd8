using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

/// <summary>Turns watched Kubernetes objects into a <see cref="ClusterView"/>. Pure; bad annotations become errors on the record, never exceptions.</summary>
public static partial class ClusterViewProjection
{
    /// <summary>Projects every object and assembles the view, each list ordered by key so equal inputs give equal views.</summary>
    public static ClusterView Build(IEnumerable<V3Network> networks, IEnumerable<V1NetworkAttachmentDefinition> nads, IEnumerable<V1Pod> pods,
        IEnumerable<V1Node> nodes, IEnumerable<V1Service> services, IEnumerable<CalicoNetworkPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(nads);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(policies);
        return Assemble(networks, nads.Select(ToNad), pods.Select(ToPod), nodes.Select(ToNode), services.Select(ToService), policies.Select(ToPolicy));
    }

    /// <summary>Assembles a view from records already projected (the agent's cache keeps them so), ordered by key.</summary>
    public static ClusterView Assemble(IEnumerable<V3Network> networks, IEnumerable<ClusterNad> nads, IEnumerable<ClusterPod> pods,
        IEnumerable<ClusterNode> nodes, IEnumerable<ClusterService> services, IEnumerable<ClusterPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(nads);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(policies);
        return new ClusterView
        {
            Networks = [.. networks.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal)],
            Nads = [.. nads.OrderBy(n => n.Key, StringComparer.Ordinal)],
            Pods = [.. pods.OrderBy(p => p.Key, StringComparer.Ordinal)],
            Nodes = [.. nodes.OrderBy(n => n.Name, StringComparer.Ordinal)],
            Services = [.. services.OrderBy(s => s.Key, StringComparer.Ordinal)],
            Policies = [.. policies.OrderBy(p => p.Key, StringComparer.Ordinal)],
        };
    }

    /// <summary>A Node's first InternalIP of each family and the network state its agent publishes.</summary>
    public static ClusterNode ToNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? v4 = null;
        string? v6 = null;
        foreach (var address in node.Status?.Addresses ?? [])
        {
            if (address.Type != "InternalIP" || !IPAddress.TryParse(address.Address, out var ip))
            {
                continue;
            }

            if (ip.AddressFamily == AddressFamily.InterNetwork)
            {
                v4 ??= ip.ToString();
            }
            else if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                v6 ??= ip.ToString();
            }
        }

        var (states, error) = NodeNetworkStates.Parse(Annotation(node.Metadata, CniConstants.NodeNetworkStateAnnotation));
        return new ClusterNode(node.Metadata?.Name ?? "", v4, v6) { NetworkStates = states, NetworkStateError = error };
    }

    private static string? Annotation(V1ObjectMeta? metadata, string key) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static ImmutableDictionary<string, string> ToImmutable(IDictionary<string, string>? values) =>
        values is null ? ImmutableDictionary<string, string>.Empty : values.ToImmutableDictionary(StringComparer.Ordinal);
}
