using Multinet.Shared.Domain;

namespace Multinet.Web.Topology;

/// <summary>A network's tunnel between two nodes as each end reports it (null: that end has none).</summary>
internal sealed record TunnelPair(string NodeA, string NodeB, TunnelStatus? FromA, TunnelStatus? FromB)
{
    public TunnelState State => StateOf(FromA, FromB);

    public static TunnelState StateOf(TunnelStatus? fromA, TunnelStatus? fromB) =>
        fromA is null || fromB is null ? TunnelState.Missing : fromA.Up && fromB.Up ? TunnelState.Up : TunnelState.Down;

    public string Describe(string network) =>
        $"{network} tunnel {NodeA} ⇄ {NodeB}: {State.ToString().ToLowerInvariant()}; {End(NodeA, NodeB, FromA)}; {End(NodeB, NodeA, FromB)}";

    private static string End(string node, string peer, TunnelStatus? tunnel) => tunnel is null
        ? $"{node} has no tunnel to {peer}"
        : $"{node}→{peer} vni {tunnel.Vni} {(tunnel.Up ? "up" : "down")}, rx {tunnel.RxPackets:N0} pkts / {tunnel.RxBytes:N0} B, tx {tunnel.TxPackets:N0} pkts / {tunnel.TxBytes:N0} B"
            + (tunnel.Error is { } error ? $" ({error})" : "");
}
