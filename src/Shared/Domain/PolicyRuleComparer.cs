namespace Multinet.Shared.Domain;

/// <summary>Compares policy rules by value, including their nets and ports (which record equality compares by reference).</summary>
internal sealed class PolicyRuleComparer : IEqualityComparer<PolicyRuleSpec>
{
    public static PolicyRuleComparer Instance { get; } = new();

    public bool Equals(PolicyRuleSpec? x, PolicyRuleSpec? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null
            && x.Policy == y.Policy && x.Direction == y.Direction && x.Action == y.Action && x.Protocol == y.Protocol
            && x.Nets.SequenceEqual(y.Nets, StringComparer.Ordinal) && x.Ports.SequenceEqual(y.Ports, StringComparer.Ordinal));

    public int GetHashCode(PolicyRuleSpec obj) => HashCode.Combine(obj.Policy, obj.Direction, obj.Action, obj.Protocol);
}
