using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>What every kind of operation shares: undoing a half-made object, keys, and parsing the fields of an operation.</summary>
internal sealed partial class VppDataplane
{
    private async Task RollbackAsync(VppApiConnection connection, string what, uint swIfIndex, IVppRequest undo)
    {
        try
        {
            await connection.RequestAsync(undo, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DataplaneException or VppApiException)
        {
            LogRollbackFailed(ex, what, swIfIndex);
        }
    }

    internal static string TunnelKey(VxlanTunnelV2Details tunnel) => $"{tunnel.Source}>{tunnel.Destination}#{tunnel.Vni}";

    private static IPAddress ParseAddress(DataplaneOperation operation, string field, string value) =>
        IPAddress.TryParse(value, out var address) ? address : throw Invalid(operation, field, value, "an IP address");

    /// <summary>True for IPv6. The address is a host prefix or a bare address; an empty one means IPv4.</summary>
    private static bool ParseAddressFamily(DataplaneOperation operation, string address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        var text = address.Split('/')[0];
        return IPAddress.TryParse(text, out var parsed)
            ? parsed.AddressFamily is AddressFamily.InterNetworkV6
            : throw Invalid(operation, "Address", address, "an IP address or host prefix");
    }

    private static IPNetwork HostPrefix(IPAddress address) => new(address, address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32);

    private static IPNetwork ParsePrefix(DataplaneOperation operation, string prefix)
    {
        if (IPNetwork.TryParse(prefix, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(prefix, out var address)
            ? new IPNetwork(address, address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32)
            : throw Invalid(operation, "Prefix", prefix, "an IP prefix (address/length) whose host bits are zero");
    }
}
