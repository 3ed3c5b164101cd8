using Multinet.Shared.Crds;

namespace Multinet.Web.Api;

/// <summary>A Network's spec for scripts and the live hub.</summary>
public sealed record NetworkDto(string Name, long? Vni, string? Range, string? PhysicalNetworkName, string? ResourceVersion)
{
    public static NetworkDto From(V3Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new(network.Metadata.Name, network.Spec?.Vni, network.Spec?.Range, network.Spec?.PhysicalNetworkName, network.Metadata.ResourceVersion);
    }
}
