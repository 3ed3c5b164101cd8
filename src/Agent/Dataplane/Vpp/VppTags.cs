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

    public static string TunnelTag(string network, string peerNode)
    {
        var full = $"{TunnelPrefix}{network}/{peerNode}";
        return full.Length <= DataplaneNames.MaxTagLength ? full : TunnelPrefix + "#" + Hash(network + "/" + peerNode, 32);
    }

    public static bool IsTunnelTag(string? tag) => tag is not null && tag.StartsWith(TunnelPrefix, StringComparison.Ordinal);

    /// <summary>True for a pod interface tag this product wrote (ours, and not a tunnel's).</summary>
    public static bool IsPodTag(string? tag) => DataplaneNames.IsOurInterfaceTag(tag) && !IsTunnelTag(tag);

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
