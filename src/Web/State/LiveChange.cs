namespace Multinet.Web.State;

/// <summary>What a change touched.</summary>
public enum LiveChangeKind
{
    NetworkUpserted,
    NetworkRemoved,
    NodeUpserted,
    NodeRemoved,
    ClusterConnectionChanged,
    ClusterObjectsChanged,
}

/// <summary>One change to the live state: its kind, the object's name, and the snapshot version it produced.</summary>
public sealed record LiveChange(LiveChangeKind Kind, string Name, long Version);
