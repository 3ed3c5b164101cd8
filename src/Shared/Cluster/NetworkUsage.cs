using System.Collections.Immutable;

namespace Multinet.Shared.Cluster;

/// <summary>What uses a Network: the NADs that name it, the pods attached through them, the services on it and the policies with rules scoped to it.</summary>
public sealed record NetworkUsage(string Network)
{
    public ImmutableArray<string> Nads { get; init; } = [];

    /// <summary><c>ns/pod</c> of every pod with an attachment (or a request) through one of <see cref="Nads"/>.</summary>
    public ImmutableArray<string> Pods { get; init; } = [];

    public ImmutableArray<string> Services { get; init; } = [];

    public ImmutableArray<string> Policies { get; init; } = [];

    /// <summary>Addresses the network's pods hold on it.</summary>
    public int AddressesUsed { get; init; }

    public bool InUse => !Pods.IsEmpty || !Services.IsEmpty;

    public static NetworkUsage Of(ClusterView view, string network)
    {
        ArgumentException.ThrowIfNullOrEmpty(network);
        return OfAll(view, [network])[network];
    }

    /// <summary>
    /// The usage of each of <paramref name="networks"/> in one pass over the view's NADs, pods, services and policies:
    /// for each name what <see cref="Of"/> gives (an unused Network has an empty usage).
    /// </summary>
    public static ImmutableDictionary<string, NetworkUsage> OfAll(ClusterView view, IEnumerable<string> networks)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(networks);
        var usages = networks.Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => new Accumulator(), StringComparer.Ordinal);
        var nadNetworks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var nad in view.Nads)
        {
            if (nad.NetworkName is { } network && usages.TryGetValue(network, out var usage))
            {
                nadNetworks[nad.Key] = network;
                usage.Nads.Add(nad.Key);
            }
        }

        var podNetworks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in view.Pods)
        {
            podNetworks.Clear();
            foreach (var attachment in pod.Attachments)
            {
                if (nadNetworks.TryGetValue(attachment.NadKey, out var network))
                {
                    podNetworks.Add(network);
                    usages[network].AddressesUsed += attachment.Ips.Length;
                }
            }

            foreach (var request in pod.Requested)
            {
                if (nadNetworks.TryGetValue($"{request.NadNamespace}/{request.NadName}", out var network))
                {
                    podNetworks.Add(network);
                }
            }

            foreach (var network in podNetworks)
            {
                usages[network].Pods.Add(pod.Key);
            }
        }

        foreach (var service in view.Services)
        {
            if (service.Network is { } network && usages.TryGetValue(network, out var usage))
            {
                usage.Services.Add(service.Key);
            }
        }

        foreach (var policy in view.Policies)
        {
            foreach (var network in policy.Ingress.Concat(policy.Egress).Select(r => r.Network).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (usages.TryGetValue(network, out var usage))
                {
                    usage.Policies.Add(policy.Key);
                }
            }
        }

        return usages.ToImmutableDictionary(u => u.Key, u => new NetworkUsage(u.Key)
        {
            Nads = [.. u.Value.Nads.Order(StringComparer.Ordinal)],
            Pods = [.. u.Value.Pods.Order(StringComparer.Ordinal)],
            Services = [.. u.Value.Services.Order(StringComparer.Ordinal)],
            Policies = [.. u.Value.Policies.Order(StringComparer.Ordinal)],
            AddressesUsed = u.Value.AddressesUsed,
        }, StringComparer.Ordinal);
    }

    private sealed class Accumulator
    {
        public List<string> Nads { get; } = [];

        public List<string> Pods { get; } = [];

        public List<string> Services { get; } = [];

        public List<string> Policies { get; } = [];

        public int AddressesUsed { get; set; }
    }
}
