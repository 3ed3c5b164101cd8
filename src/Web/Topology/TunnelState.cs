namespace Multinet.Web.Topology;

/// <summary>A network's tunnel between two nodes: both ends report it up, either end reports it down, or an end has none.</summary>
public enum TunnelState
{
    Up,
    Down,
    Missing,
}
