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
        ArgumentNullException.ThrowIfNull(view);
        ArgumentException.ThrowIfNullOrEmpty(network);
        var nads = view.Nads.Where(n => n.NetworkName == network).Select(n => n.Key).ToImmutableHashSet(StringComparer.Ordinal);
        var pods = view.Pods
            .Where(p => p.Attachments.Any(a => nads.Contains(a.NadKey)) || p.Requested.Any(r => nads.Contains($"{r.NadNamespace}/{r.NadName}")))
            .ToList();
        return new NetworkUsage(network)
        {
            Nads = [.. nads.Order(StringComparer.Ordinal)],
            Pods = [.. pods.Select(p => p.Key).Order(StringComparer.Ordinal)],
            Services = [.. view.Services.Where(s => s.Network == network).Select(s => s.Key).Order(StringComparer.Ordinal)],
            Policies = [.. view.Policies.Where(p => p.Ingress.Concat(p.Egress).Any(r => r.Network == network)).Select(p => p.Key).Order(StringComparer.Ordinal)],
            AddressesUsed = pods.SelectMany(p => p.Attachments.Where(a => nads.Contains(a.NadKey))).Sum(a => a.Ips.Length),
        };
    }
}
