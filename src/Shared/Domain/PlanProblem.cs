namespace Multinet.Shared.Domain;

/// <summary>
/// Something the planner could not turn into dataplane objects, and why. With <see cref="Object"/> null the Network
/// itself is unusable (no VRF); otherwise one object of it is left out, e.g. "interface default/samplepod/eth1".
/// <paramref name="Network"/> is empty for problems that belong to no one network (a node without an address).
/// </summary>
public sealed record PlanProblem(string Network, string Message)
{
    /// <summary>The object left out, as the inventory names it ("tunnel blue/node-2"); null when the whole Network is.</summary>
    public string? Object { get; init; }
}
