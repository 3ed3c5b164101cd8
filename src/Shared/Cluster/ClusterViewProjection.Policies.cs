using System.Text.Json;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

public static partial class ClusterViewProjection
{
    /// <summary>A Calico NetworkPolicy; each rule keeps the network of its own <c>extensions.projectcalico.org/network</c> annotation.</summary>
    public static ClusterPolicy ToPolicy(CalicoNetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec ?? new CalicoPolicySpec();
        return new ClusterPolicy(policy.Metadata?.NamespaceProperty, policy.Metadata?.Name ?? "", spec.Selector ?? "")
        {
            Order = spec.Order,
            Ingress = [.. (spec.Ingress ?? []).Where(r => r is not null).Select(ToRule)],
            Egress = [.. (spec.Egress ?? []).Where(r => r is not null).Select(ToRule)],
            LastManager = FieldManagers.LastWriter(policy.Metadata),
        };
    }

    private static ClusterPolicyRule ToRule(CalicoPolicyRule rule)
    {
        var network = rule.Metadata?.Annotations is { } annotations && annotations.TryGetValue(CniConstants.NetworkAnnotation, out var n)
            && !string.IsNullOrWhiteSpace(n) ? n.Trim() : null;
        return new ClusterPolicyRule(rule.Action ?? "Allow", Scalar(rule.Protocol), network)
        {
            SourceNets = [.. rule.Source?.Nets ?? []],
            SourceSelector = rule.Source?.Selector,
            DestinationNets = [.. rule.Destination?.Nets ?? []],
            DestinationPorts = [.. (rule.Destination?.Ports ?? []).Select(p => Scalar(p)).OfType<string>()],
        };
    }

    private static string? Scalar(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };
}
