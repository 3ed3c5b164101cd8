using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>What saving an edit to a Network will do, told before it is saved.</summary>
public sealed record NetworkImpact(ImmutableArray<string> Changes, ImmutableArray<string> AffectedNodes)
{
    public bool HasChanges => !Changes.IsEmpty;

    /// <summary>The pods, NADs, services and policies on the Network, when the console has listed them.</summary>
    public NetworkUsage? Usage { get; init; }

    /// <summary>For a range edit: pods holding addresses the new range does not contain (<c>ns/pod ip</c>).</summary>
    public ImmutableArray<string> OutsideNewRange { get; init; } = [];

    public static NetworkImpact Of(V3Network existing, NetworkSpec edited, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(snapshot);
        var name = existing.Metadata.Name;
        var before = existing.Spec ?? new NetworkSpec();
        var nodes = snapshot.Nodes.Values.Where(n => n.Vrfs.Any(v => v.Network == name && v.State == VrfState.Applied))
            .Select(n => n.Name).ToImmutableArray();
        var changes = ImmutableArray.CreateBuilder<string>();
        if (before.Vni != edited.Vni)
        {
            changes.Add($"VNI {before.Vni} → {edited.Vni}: each node replaces VRF table {before.Vni} with table {edited.Vni}, and traffic between nodes on {name} uses the new VNI. Expect a brief interruption on {name}.");
        }

        if (!string.Equals(before.Range, edited.Range, StringComparison.Ordinal))
        {
            changes.Add($"Range {before.Range} → {edited.Range}: new attachments get addresses from {edited.Range}; pods attached now keep their addresses until they re-attach.");
        }

        if (!string.Equals(before.PhysicalNetworkName ?? "", edited.PhysicalNetworkName ?? "", StringComparison.Ordinal))
        {
            changes.Add($"Uplink {Uplink(before.PhysicalNetworkName)} → {Uplink(edited.PhysicalNetworkName)}: tunnels for {name} move to the new uplink.");
        }

        if (changes.Count == 0 || !snapshot.Objects.Synced)
        {
            return new NetworkImpact(changes.ToImmutable(), changes.Count == 0 ? [] : nodes);
        }

        var view = LiveState.ViewOf(snapshot);
        var usage = LiveState.UsageOf(snapshot).GetValueOrDefault(name) ?? NetworkUsage.Of(view, name);
        var outside = ImmutableArray<string>.Empty;
        if (!string.Equals(before.Range, edited.Range, StringComparison.Ordinal)
            && Multinet.Shared.Validation.NetworkValidator.TryParseRange(edited.Range, out var newRange, out _))
        {
            var nads = usage.Nads.ToHashSet(StringComparer.Ordinal);
            outside = [.. view.Pods.SelectMany(p => p.Attachments.Where(a => nads.Contains(a.NadKey))
                    .SelectMany(a => a.Ips).Where(ip => System.Net.IPAddress.TryParse(ip, out var address) && !newRange.Contains(address))
                    .Select(ip => $"{p.Key} {ip}"))];
        }

        return new NetworkImpact(changes.ToImmutable(), nodes) { Usage = usage, OutsideNewRange = outside };
    }

    private static string Uplink(string? name) => string.IsNullOrEmpty(name) ? "default" : name;
}
