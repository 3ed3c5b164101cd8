namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// One hop of a path: <paramref name="Id"/> is a <see cref="TopologyIds"/> id, <paramref name="Node"/> the node it sits on
/// (null for cluster-wide elements), <paramref name="Ok"/> true when the reported state lets traffic through, false when
/// it stops it, null when it cannot tell; <paramref name="Reason"/> says why in a sentence. Every hop of a path has its own
/// id; <see cref="Element"/> is the drawn element the graph marks for it (an interface's rules mark the interface).
/// </summary>
public sealed record ReachabilityHop(string Id, HopKind Kind, string? Node, bool? Ok, string Reason)
{
    public string Element { get; init; } = Id;
}
