namespace Multinet.Shared.Domain;

/// <summary>
/// One VRF a node should have: the routing table isolating <paramref name="Network"/>.
/// <paramref name="TableId"/> is the network's VNI, which admission keeps unique, so every node derives the same id.
/// </summary>
public sealed record VrfPlan(string Network, uint TableId, bool IsIpv6, long Vni, string Range, long Generation)
{
    /// <summary>The name VPP stores with the table; the prefix marks tables this product owns.</summary>
    public string TableName => DataplaneNames.TableName(Network);
}
