using System.Security.Cryptography;
using System.Text;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// What the driver writes into VPP's interface tags (at most 63 characters) and names, and how it reads them back.
/// Pod interfaces carry <see cref="PodInterfaceSpec.Tag"/> (<c>mn:ns/pod/iface</c>, or <c>mn:#hash</c> when too long);
/// tunnels carry <c>mn:t:network/peer</c>, or <c>mn:t:#hash</c> when too long (then only this agent's memory knows
/// the network and peer). Kubernetes names hold no ':' or '/', so the two never collide.
/// </summary>
internal static class VppTags
{
    public const string TunnelPrefix = DataplaneNames.InterfaceTagPrefix + "t:";

    /// <summary>Linux keeps 15 characters of an interface name (IFNAMSIZ 16 with the NUL).</summary>
    public const int MaxHostInterfaceName = 15;

    /// <summary>sun_path holds 108 bytes with the NUL; memif's socket_filename field is as long.</summary>
    public const int MaxSocketPath = 107;

    /// <summary>Marks the loopback that lends its address to a VRF's interfaces: <c>mn:l:4:TABLE</c> or <c>mn:l:6:TABLE</c>.</summary>
    public const string LoopbackPrefix = DataplaneNames.InterfaceTagPrefix + "l:";

    /// <summary>Separates a pod interface's identity from what VPP cannot report of it (its queue counts) in its tag.</summary>
    public const char QueuesSeparator = '@';

    public static string LoopbackTag(uint tableId, bool isIp6) =>
        LoopbackPrefix + (isIp6 ? "6:" : "4:") + tableId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The MAC a VRF's loopback is created with (02:6d:6e is locally administered, "mn"; then the family and the table id): a
    /// loopback left untagged by an agent killed between its create and its tag is still recognised as that VRF's.
    /// </summary>
    public static byte[] LoopbackMac(uint tableId, bool isIp6) =>
        [0x02, 0x6d, (byte)((isIp6 ? 0x60u : 0x40u) | ((tableId >> 24) & 0x0fu)), (byte)(tableId >> 16), (byte)(tableId >> 8), (byte)tableId];

    public static bool IsLoopbackTag(string? tag) => tag is not null && tag.StartsWith(LoopbackPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The tag VPP stores for a pod interface: <see cref="PodInterfaceSpec.Tag"/>, followed by <c>@RX.TX</c> when its queue
    /// counts are not 1 (memif_dump does not report them, so a restarted agent reads them here). When that does not fit
    /// 63 characters the tag is the identity alone, and a restarted agent reads 1 queue (it then recreates the interface).
    /// </summary>
    public static string PodVppTag(PodInterfaceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.RxQueues == 1 && spec.TxQueues == 1)
        {
            return spec.Tag;
        }

        var suffix = $"{QueuesSeparator}{spec.RxQueues.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{spec.TxQueues.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return spec.Tag.Length + suffix.Length <= DataplaneNames.MaxTagLength ? spec.Tag + suffix : spec.Tag;
    }

    /// <summary>A pod interface's identity (<see cref="PodInterfaceSpec.Tag"/>) and queue counts from the tag VPP holds.</summary>
    public static (string Tag, int RxQueues, int TxQueues) ParsePodVppTag(string vppTag)
    {
        ArgumentNullException.ThrowIfNull(vppTag);
        var at = vppTag.LastIndexOf(QueuesSeparator);
        if (at < 0)
        {
            return (vppTag, 1, 1);
        }

        var parts = vppTag[(at + 1)..].Split('.');
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var rx)
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var tx)
            ? (vppTag[..at], rx, tx)
            : (vppTag, 1, 1);
    }

    public static string TunnelTag(string network, string peerNode)
    {
        var full = $"{TunnelPrefix}{network}/{peerNode}";
        return full.Length <= DataplaneNames.MaxTagLength ? full : TunnelPrefix + "#" + Hash(network + "/" + peerNode, 32);
    }

    public static bool IsTunnelTag(string? tag) => tag is not null && tag.StartsWith(TunnelPrefix, StringComparison.Ordinal);

    /// <summary>True for a pod interface tag this product wrote (ours, and not a tunnel's).</summary>
    public static bool IsPodTag(string? tag) => DataplaneNames.IsOurInterfaceTag(tag) && !IsTunnelTag(tag) && !IsLoopbackTag(tag);

    /// <summary>
    /// The address a VRF's loopback holds on a node: the node's underlay address when it is of the VRF's family (so a peer
    /// knows it: the tunnel's destination), else one derived from it (fd6d:6e00::/96 holding an IPv4 address); null when
    /// neither can be derived.
    /// </summary>
    public static System.Net.IPAddress? LoopbackAddress(System.Net.IPAddress? underlay, bool vrfIsIp6)
    {
        if (underlay is null)
        {
            return null;
        }

        var isIp6 = underlay.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (isIp6 == vrfIsIp6)
        {
            return underlay;
        }

        if (vrfIsIp6)
        {
            var bytes = new byte[16];
            bytes[0] = 0xfd;
            bytes[1] = 0x6d;
            bytes[2] = 0x6e;
            underlay.GetAddressBytes().CopyTo(bytes, 12);
            return new System.Net.IPAddress(bytes);
        }

        return null;
    }

    /// <summary>The network and peer a tunnel tag names; empty strings for a hashed tag.</summary>
    public static (string Network, string PeerNode) ParseTunnelTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var rest = tag[TunnelPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return rest.StartsWith('#') || slash < 0 ? ("", "") : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>Namespace, pod and interface from a pod tag; empty strings for a hashed tag.</summary>
    public static (string Namespace, string Pod, string Interface) ParsePodTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var parts = tag[DataplaneNames.InterfaceTagPrefix.Length..].Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : ("", "", "");
    }

    /// <summary>The host side name of a pod's tap: <c>mn-</c> and 12 hex digits of the tag's hash (15 characters).</summary>
    public static string TapHostName(string tag) => "mn-" + Hash(tag, 12);

    /// <summary>The memif socket used when the plan names none: one per pod interface under /run/vpp/multinet.</summary>
    public static string DefaultMemifSocket(PodInterfaceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var readable = $"/run/vpp/multinet/memif-{spec.Namespace}-{spec.Pod}-{spec.Interface}.sock";
        return Encoding.UTF8.GetByteCount(readable) <= MaxSocketPath ? readable : $"/run/vpp/multinet/memif-{Hash(spec.Tag, 32)}.sock";
    }

    private static string Hash(string text, int hexDigits) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexDigits];
}
