using System.Diagnostics.CodeAnalysis;

namespace Multinet.Shared.Domain;

/// <summary>
/// An item reported again with moved counters keeps the strings of the item it replaces where they are equal. A node's
/// reports replace its items every second: the item then lives about a second, long enough for the collector to promote it
/// to the old generation, where it waits as garbage for the next full collection. Decoded afresh, each item brings a copy of
/// every name and address it holds; sharing the held ones leaves the new item with its counters alone to promote.
/// </summary>
internal static class InventoryItemSharing
{
    /// <summary><paramref name="next"/>, or an equal item that holds <paramref name="held"/>'s instance of every string equal in both.</summary>
    public static T Sharing<T>(T held, T next)
        where T : IInventoryItem =>
        (held, next) switch
        {
            (TunnelStatus h, TunnelStatus n) => (T)(object)Tunnel(h, n),
            (MemifStatus h, MemifStatus n) => (T)(object)Memif(h, n),
            (TapStatus h, TapStatus n) => (T)(object)Tap(h, n),
            (VrfStatus h, VrfStatus n) => (T)(object)(n with { Network = Same(h.Network, n.Network), Error = Same(h.Error, n.Error) }),
            _ => next,
        };

    private static TunnelStatus Tunnel(TunnelStatus h, TunnelStatus n) => n with
    {
        Network = Same(h.Network, n.Network),
        PeerNode = Same(h.PeerNode, n.PeerNode),
        Src = Same(h.Src, n.Src),
        Dst = Same(h.Dst, n.Dst),
        Error = Same(h.Error, n.Error),
    };

    private static MemifStatus Memif(MemifStatus h, MemifStatus n) => n with
    {
        Namespace = Same(h.Namespace, n.Namespace),
        Pod = Same(h.Pod, n.Pod),
        Interface = Same(h.Interface, n.Interface),
        Network = Same(h.Network, n.Network),
        Socket = Same(h.Socket, n.Socket),
        Role = Same(h.Role, n.Role),
        Mode = Same(h.Mode, n.Mode),
        Address = Same(h.Address, n.Address),
        Mac = Same(h.Mac, n.Mac),
        Error = Same(h.Error, n.Error),
    };

    private static TapStatus Tap(TapStatus h, TapStatus n) => n with
    {
        Namespace = Same(h.Namespace, n.Namespace),
        Pod = Same(h.Pod, n.Pod),
        Interface = Same(h.Interface, n.Interface),
        Network = Same(h.Network, n.Network),
        Address = Same(h.Address, n.Address),
        HostInterface = Same(h.HostInterface, n.HostInterface),
        Mac = Same(h.Mac, n.Mac),
        Error = Same(h.Error, n.Error),
    };

    [return: NotNullIfNotNull(nameof(next))]
    private static string? Same(string? held, string? next) => string.Equals(held, next, StringComparison.Ordinal) ? held : next;
}
