using System.Net;

namespace Multinet.Shared.Ipam;

/// <summary>
/// One entry of a NAD's <c>ipam.routes</c> (CNI's route type): traffic to <paramref name="Dst"/> leaves the pod's
/// interface on the network, through <paramref name="Gw"/> when given (else directly on the link).
/// </summary>
public sealed record NadRoute(IPNetwork Dst, IPAddress? Gw)
{
    /// <summary>Why this route cannot be used on a network with <paramref name="range"/>; null when it can.</summary>
    public string? Check(IPNetwork range)
    {
        if (Dst.BaseAddress.AddressFamily != range.BaseAddress.AddressFamily)
        {
            return $"dst {Dst} is not of the family of the range {range}.";
        }

        return Gw is { } gw && (gw.AddressFamily != range.BaseAddress.AddressFamily || !range.Contains(gw))
            ? $"gw {gw} is outside the range {range}: a gateway must be reachable on the network."
            : null;
    }

    public override string ToString() => Gw is null ? Dst.ToString() : $"{Dst} via {Gw}";
}
