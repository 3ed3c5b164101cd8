using System.Net;
using Multinet.Shared.Domain;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

public sealed partial class ServiceEntry
{
    public static ServiceEntry FromDomain(ServiceEntryStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var entry = new ServiceEntry
        {
            Namespace = status.Namespace,
            Name = status.Name,
            Network = status.Network,
            Vip = status.Vip,
            Port = status.Port,
            Protocol = status.Protocol,
        };
        entry.Backends.AddRange(status.Backends);
        return entry;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ServiceEntryStatus ToDomain()
    {
        ProtoValues.Required(Namespace, "service.namespace");
        ProtoValues.Required(Name, $"service[{Namespace}].name");
        var at = $"service[{Namespace}/{Name}]";
        ProtoValues.Required(Network, $"{at}.network");
        ProtoValues.Address(Vip, $"{at}.vip");
        if (Port is < 1 or > 65535)
        {
            throw new FormatException($"{at}.port {Port} is not a port (1..65535).");
        }

        ProtoValues.Required(Protocol, $"{at}.protocol");
        for (var i = 0; i < Backends.Count; i++)
        {
            if (!IPEndPoint.TryParse(Backends[i], out _))
            {
                throw new FormatException($"{at}.backends[{i}] \"{Backends[i]}\" is not an address with a port.");
            }
        }

        return new ServiceEntryStatus(Namespace, Name, Network, Vip, Port, Protocol) { Backends = [.. Backends] };
    }
}

public sealed partial class PolicyBinding
{
    public static PolicyBinding FromDomain(PolicyBindingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var binding = new PolicyBinding
        {
            Namespace = status.Namespace,
            Pod = status.Pod,
            Interface = status.Interface,
            Network = status.Network,
            RuleCount = status.RuleCount,
        };
        binding.Policies.AddRange(status.Policies);
        binding.Rules.AddRange(status.Rules.Select(PolicyRule.FromDomain));
        return binding;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public PolicyBindingStatus ToDomain()
    {
        ProtoValues.PodInterface("policy_binding", Namespace, Pod, Interface);
        var at = $"policy_binding[{Namespace}/{Pod}/{Interface}]";
        ProtoValues.Required(Network, $"{at}.network");
        ProtoValues.NotNegative(RuleCount, $"{at}.rule_count");
        if (Rules.Count > 0 && RuleCount != Rules.Count)
        {
            throw new FormatException($"{at}.rule_count {RuleCount} is not the number of rules ({Rules.Count}).");
        }

        // An agent that predates the rules sends only their count.
        return new PolicyBindingStatus(Namespace, Pod, Interface, Network)
        {
            RuleCount = RuleCount,
            Policies = [.. Policies],
            Rules = [.. Rules.Select((r, i) => r.ToDomain($"{at}.rules[{i}]"))],
        };
    }
}

public sealed partial class PolicyRule
{
    public static PolicyRule FromDomain(PolicyRuleStatus rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var message = new PolicyRule { Policy = rule.Policy, Direction = rule.Direction, Action = rule.Action, Protocol = rule.Protocol ?? string.Empty };
        message.Nets.AddRange(rule.Nets);
        message.Ports.AddRange(rule.Ports);
        return message;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send; <paramref name="at"/> names the rule in errors.</summary>
    public PolicyRuleStatus ToDomain(string at)
    {
        ProtoValues.Required(Policy, $"{at}.policy");
        var protocol = ProtoValues.Optional(Protocol);
        if (PolicyRuleSyntax.Problem(at, Direction, Action, protocol, Nets, Ports) is { } problem)
        {
            throw new FormatException(problem);
        }

        return new PolicyRuleStatus(Policy, Direction, Action, protocol) { Nets = [.. Nets], Ports = [.. Ports] };
    }
}
