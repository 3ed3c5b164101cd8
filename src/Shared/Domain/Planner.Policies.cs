using System.Collections.Immutable;
using Multinet.Shared.Cluster;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>
    /// For each local pod interface, the rules scoped to its Network of every policy that selects the pod (a namespaced
    /// policy only in its namespace). Rules without a network belong to the default network, never to ours. Policies
    /// apply in Calico order (order, then name); an interface no rule reaches gets no binding. A network-scoped rule whose
    /// action, protocol, nets or ports Calico would not accept is left out, as a problem naming its field.
    /// </summary>
    private static ImmutableArray<PolicyBindingSpec> PlanPolicies(PlanContext context, ImmutableArray<PodInterfaceSpec> interfaces)
    {
        if (interfaces.IsEmpty || context.View.Policies.IsEmpty)
        {
            return [];
        }

        var policies = new List<(ClusterPolicy Policy, CalicoSelector Selector)>();
        foreach (var policy in context.View.Policies.OrderBy(p => p.Order ?? double.MaxValue).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (CalicoSelector.TryParse(policy.Selector, out var selector, out var error))
            {
                policies.Add((policy with { Ingress = ValidRules(context, policy, "ingress"), Egress = ValidRules(context, policy, "egress") }, selector!));
            }
            else
            {
                context.Problem("", $"policy {policy.Key}", $"Policy {policy.Key}: spec.{error}");
            }
        }

        var pods = context.View.Pods.Where(p => p.NodeName == context.NodeName)
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bindings = ImmutableArray.CreateBuilder<PolicyBindingSpec>();
        foreach (var iface in interfaces)
        {
            var pod = pods[$"{iface.Namespace}/{iface.Pod}"];
            var names = ImmutableArray.CreateBuilder<string>();
            var rules = ImmutableArray.CreateBuilder<PolicyRuleSpec>();
            foreach (var (policy, selector) in policies)
            {
                if ((policy.Namespace is not null && policy.Namespace != pod.Namespace) || !selector.Matches(pod.Labels))
                {
                    continue;
                }

                var before = rules.Count;
                rules.AddRange(policy.Ingress.Where(r => r.Network == iface.Network)
                    .Select(r => new PolicyRuleSpec(policy.Key, "ingress", r.Action, r.Protocol) { Nets = r.SourceNets, Ports = r.DestinationPorts }));
                rules.AddRange(policy.Egress.Where(r => r.Network == iface.Network)
                    .Select(r => new PolicyRuleSpec(policy.Key, "egress", r.Action, r.Protocol) { Nets = r.DestinationNets, Ports = r.DestinationPorts }));
                if (rules.Count > before)
                {
                    names.Add(policy.Key);
                }
            }

            if (rules.Count > 0)
            {
                bindings.Add(new PolicyBindingSpec(iface.Tag, iface.Namespace, iface.Pod, iface.Interface, iface.Network)
                {
                    Policies = names.ToImmutable(),
                    Rules = rules.ToImmutable(),
                });
            }
        }

        return bindings.ToImmutable();
    }

    /// <summary>The policy's rules of one direction, without the network-scoped ones that are not valid (each a problem).</summary>
    private static ImmutableArray<ClusterPolicyRule> ValidRules(PlanContext context, ClusterPolicy policy, string direction)
    {
        var rules = direction == "ingress" ? policy.Ingress : policy.Egress;
        var valid = ImmutableArray.CreateBuilder<ClusterPolicyRule>(rules.Length);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var (nets, netsField) = direction == "ingress" ? (rule.SourceNets, "source.nets") : (rule.DestinationNets, "destination.nets");
            var problem = rule.Network is null ? null
                : PolicyRuleSyntax.Problem($"spec.{direction}[{i}]", null, rule.Action, rule.Protocol, nets, rule.DestinationPorts, netsField, "destination.ports");
            if (problem is null)
            {
                valid.Add(rule);
            }
            else
            {
                context.Problem(rule.Network!, $"policy {policy.Key}", $"Policy {policy.Key}: {problem} The rule is not enforced.");
            }
        }

        return valid.Count == rules.Length ? rules : valid.ToImmutable();
    }
}
