using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// One pod interface's policy binding as one node reports it, with the rules the node enforces on it in enforcement
/// order. The Policies page and the node and network pages' policies tabs render these through <see cref="PolicyRulesTable"/>.
/// </summary>
public sealed record PolicyBindingRow(string Node, PolicyBindingStatus Binding)
{
    public string Key => Binding.Key;

    public string PodKey => $"{Binding.Namespace}/{Binding.Pod}";

    /// <summary>The Policies page showing this interface alone.</summary>
    public string Href => PoliciesHref(PodKey, Binding.Interface);

    /// <summary>Every binding the nodes report, ordered by interface then node; <paramref name="node"/> and <paramref name="network"/> filter when given.</summary>
    public static IReadOnlyList<PolicyBindingRow> From(LiveSnapshot snapshot, string? node = null, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Ordered(snapshot.Nodes.Values
            .Where(n => string.IsNullOrEmpty(node) || n.Name == node)
            .SelectMany(n => n.Inventory.Policies.Where(p => string.IsNullOrEmpty(network) || p.Network == network).Select(p => new PolicyBindingRow(n.Name, p))));
    }

    /// <summary>Rows of bindings already gathered with their node.</summary>
    public static IReadOnlyList<PolicyBindingRow> From(IEnumerable<(PolicyBindingStatus Binding, string Node)> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return Ordered(bindings.Select(b => new PolicyBindingRow(b.Node, b.Binding)));
    }

    /// <summary>The bindings one node reports.</summary>
    public static IReadOnlyList<PolicyBindingRow> From(string node, IEnumerable<PolicyBindingStatus> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return Ordered(bindings.Select(b => new PolicyBindingRow(node, b)));
    }

    /// <summary>The Policies page for one pod interface (<c>policies?pod=ns/name&amp;interface=eth1</c>).</summary>
    public static string PoliciesHref(string podKey, string iface) =>
        $"policies?pod={Uri.EscapeDataString(podKey)}&interface={Uri.EscapeDataString(iface)}";

    public static string Protocol(PolicyRuleStatus rule) => rule?.Protocol ?? "any";

    /// <summary>The peer nets (source for ingress, destination for egress), or "any".</summary>
    public static string Peers(PolicyRuleStatus rule) => rule is null || rule.Nets.IsEmpty ? "any" : string.Join(", ", rule.Nets);

    public static string Ports(PolicyRuleStatus rule) => rule is null || rule.Ports.IsEmpty ? "any" : string.Join(", ", rule.Ports);

    private static List<PolicyBindingRow> Ordered(IEnumerable<PolicyBindingRow> rows) =>
        [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Node, StringComparer.Ordinal)];
}
