using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Multinet.Shared.Domain;

/// <summary>
/// Judges one direction of an interface's bound rules for traffic to or from a peer address, the way the dataplane
/// enforces them (VppDataplane's ACLs): rules in order, the first Allow or Deny whose peer nets hold the address decides;
/// Log and Pass decide nothing; a direction with rules ends in a deny, one without rules allows. A rule limited to some
/// protocols or ports decides only that traffic: an Allow of it means "reachable for that traffic", a Deny of it is
/// noted and passed over. The console's reachability answer and the simulated dataplane's probe both judge rules with it.
/// </summary>
public static class PolicyEvaluator
{
    public sealed record Outcome(bool Allowed, string Reason);

    public static Outcome Evaluate(ImmutableArray<PolicyRuleStatus> rules, string direction, IPAddress? peer)
    {
        var scoped = rules.IsDefault ? [] : rules.Where(r => r.Direction == direction).ToList();
        if (scoped.Count == 0)
        {
            return new(true, $"No {direction} rule is bound: {direction} traffic is allowed.");
        }

        var notes = new List<string>();
        for (var i = 0; i < scoped.Count; i++)
        {
            var rule = scoped[i];
            var action = rule.Action.ToUpperInvariant();
            if (action is not ("ALLOW" or "DENY") || !Holds(rule.Nets, peer))
            {
                continue;
            }

            var name = $"{direction} rule {i + 1} of policy {rule.Policy} ({rule.Action}{Limits(rule)})";
            var limited = rule.Protocol is not null || !rule.Ports.IsDefaultOrEmpty;
            if (action == "ALLOW")
            {
                return new(true, limited ? $"Allowed by {name}, for that traffic only." + Notes(notes) : $"Allowed by {name}." + Notes(notes));
            }

            if (!limited)
            {
                return new(false, $"Denied by {name}." + Notes(notes));
            }

            notes.Add($"{name} denies that traffic");
        }

        var policies = string.Join(", ", scoped.Select(r => r.Policy).Distinct(StringComparer.Ordinal));
        return new(false, $"No {direction} rule of {policies} allows {Peer(peer)}: the default deny applies." + Notes(notes));
    }

    /// <summary>Whether <paramref name="peer"/> is in the nets (empty = any); an unknown peer matches only "any".</summary>
    private static bool Holds(ImmutableArray<string> nets, IPAddress? peer)
    {
        if (nets.IsDefaultOrEmpty)
        {
            return true;
        }

        return peer is not null && nets.Any(net => IPNetwork.TryParse(net, out var network)
            ? network.Contains(peer)
            : IPAddress.TryParse(net, out var address) && address.Equals(peer));
    }

    private static string Limits(PolicyRuleStatus rule)
    {
        var parts = new List<string>();
        if (rule.Protocol is not null)
        {
            parts.Add(rule.Protocol);
        }

        if (!rule.Ports.IsDefaultOrEmpty)
        {
            parts.Add("ports " + string.Join(",", rule.Ports));
        }

        if (!rule.Nets.IsDefaultOrEmpty)
        {
            parts.Add("nets " + string.Join(",", rule.Nets));
        }

        return parts.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {string.Join(" ", parts)}");
    }

    private static string Peer(IPAddress? peer) => peer is null ? "the peer (address unknown)" : peer.ToString();

    private static string Notes(List<string> notes) => notes.Count == 0 ? "" : $" Earlier: {string.Join("; ", notes)}.";
}
