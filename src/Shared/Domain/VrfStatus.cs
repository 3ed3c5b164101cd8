namespace Multinet.Shared.Domain;

/// <summary>A network's VRF on one node, as the agent reports it.</summary>
public sealed record VrfStatus(string Network, uint TableId, VrfState State, string? Error, long Generation, DateTime? AppliedAt) : IInventoryItem
{
    public string Key => Network;

    /// <summary>Routes in the VRF; 0 when not reported.</summary>
    public int RouteCount { get; init; }
}
