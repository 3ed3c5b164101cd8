using System.Collections.Immutable;
using Multinet.Shared.Crds;
using Multinet.Shared.Ipam;
using Multinet.Shared.Validation;

namespace Multinet.Embedded;

/// <summary>
/// The Kube-OVN half: what a pod's per-attachment annotations and its NAD's IPAM options (excluded addresses, routes)
/// allow, checked before anything is allocated.
/// </summary>
internal sealed partial class SimulatedMultus
{
    /// <summary>The pod condition saying whether every requested attachment was made.</summary>
    public const string NetworksAttachedCondition = Shared.Annotations.PodConditions.NetworksAttached;

    /// <summary>Why the attachment cannot be made (every problem, field by field); null when it can.</summary>
    private string? AttachProblems(NadIpamConfig config, System.Net.IPNetwork range, string nadKey, ImmutableArray<FieldViolation> requestErrors)
    {
        var problems = new List<string>(requestErrors.Select(e => e.ToString()));
        problems.AddRange(config.Problems.Select(p => $"NetworkAttachmentDefinition {nadKey}: {p}"));
        for (var i = 0; i < config.Routes.Length; i++)
        {
            if (config.Routes[i].Check(range) is { } routeError)
            {
                problems.Add($"NetworkAttachmentDefinition {nadKey}: {config.RoutesField}[{i}]: {routeError}");
            }
        }

        problems.AddRange(ExcludedAddresses.Parse(config.Exclude, range, config.ExcludeField).Errors
            .Select(e => $"NetworkAttachmentDefinition {nadKey}: {e}"));
        if (config.NetworkName is { } network && _networkExcludes.TryGetValue(network, out var excludes))
        {
            problems.AddRange(ExcludedAddresses.Parse(excludes, range, NetworkValidator.ExcludeIpsField).Errors
                .Select(e => $"Network \"{network}\": {e}"));
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>The addresses never handed out: the Network's <c>spec.excludeIps</c> and the NAD's own exclusions.</summary>
    private ExcludedAddresses Excluded(NadIpamConfig config, System.Net.IPNetwork range)
    {
        IEnumerable<string> entries = config.Exclude;
        if (config.NetworkName is { } network && _networkExcludes.TryGetValue(network, out var excludes))
        {
            entries = entries.Concat(excludes);
        }

        return ExcludedAddresses.Parse(entries, range, NetworkValidator.ExcludeIpsField).Excluded;
    }

    private void RecordExcludes(V3Network item)
    {
        var name = item.Metadata?.Name ?? "";
        if (item.Spec?.ExcludeIps is { Count: > 0 } excludes)
        {
            _networkExcludes[name] = [.. excludes];
        }
        else
        {
            _networkExcludes.Remove(name);
        }
    }
}
