namespace Multinet.Shared.Domain;

/// <summary>Where a network's VRF stands on a node.</summary>
public enum VrfState
{
    Pending,
    Applied,
    Error,
}
