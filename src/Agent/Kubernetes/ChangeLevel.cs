namespace Multinet.Agent.Kubernetes;

/// <summary>Who cares about a change to the cache.</summary>
internal enum ChangeLevel
{
    /// <summary>Nothing anyone reads changed (status churn, heartbeats).</summary>
    None,

    /// <summary>Only the cluster controllers read what changed (e.g. a Network's status, a Node's network-state annotation).</summary>
    Controllers,

    /// <summary>The planner reads what changed: the node must reconcile.</summary>
    Planner,
}
