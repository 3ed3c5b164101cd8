namespace Multinet.Web.Topology.Reachability;

/// <summary>The answer to "can A reach B?", as far as the reported state tells.</summary>
public enum ReachabilityVerdict
{
    Reachable,
    NotReachable,

    /// <summary>A hop could not be judged: its node is not reporting, or reports nothing about it.</summary>
    Unknown,
}
