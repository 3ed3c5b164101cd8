using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// What makes a VRF forward: every interface the agent puts in a network's table (tunnels, memifs, taps) is unnumbered to
/// one loopback in that table (tag <c>mn:l:4:TABLE</c> / <c>mn:l:6:TABLE</c>), which enables IPv4 and IPv6 on it and gives
/// it a source address for ARP and ICMP. The loopback holds the node's underlay address (see
/// <see cref="VppTags.LoopbackAddress"/>), so a peer routes to it through its tunnel and uses it as next hop.
/// </summary>
internal sealed partial class VppDataplane
{
    /// <summary>Used when the node's underlay address is unknown: ARP still needs a source address.</summary>
    private static readonly IPAddress s_fallbackLoopback4 = IPAddress.Parse("169.254.0.1");

    private volatile IPAddress? _underlay4;
    private volatile IPAddress? _underlay6;

    public void SetUnderlay(string? ipv4, string? ipv6)
    {
        _underlay4 = IPAddress.TryParse(ipv4, out var a4) && a4.AddressFamily is AddressFamily.InterNetwork ? a4 : null;
        _underlay6 = IPAddress.TryParse(ipv6, out var a6) && a6.AddressFamily is AddressFamily.InterNetworkV6 ? a6 : null;
    }

    /// <summary>This node's loopback address in a VRF of the given family; null for an IPv6 VRF without one (link-local suffices).</summary>
    private IPAddress? OwnLoopbackAddress(bool vrfIsIp6) =>
        VppTags.LoopbackAddress(vrfIsIp6 ? _underlay6 ?? _underlay4 : _underlay4 ?? _underlay6, vrfIsIp6) ?? (vrfIsIp6 ? null : s_fallbackLoopback4);

    /// <summary>
    /// Binds an interface to a VRF so it forwards: <c>sw_interface_set_table</c>, then <c>sw_interface_set_unnumbered</c> to the
    /// VRF's loopback (created first when missing).
    /// </summary>
    private async Task AttachToVrfAsync(VppApiConnection connection, uint swIfIndex, uint tableId, bool isIp6, CancellationToken cancellationToken)
    {
        await connection.RequestAsync(new SwInterfaceSetTable(swIfIndex, isIp6, tableId), cancellationToken);
        var loopback = await EnsureLoopbackAsync(connection, tableId, isIp6, cancellationToken);
        await connection.RequestAsync(new SwInterfaceSetUnnumbered(loopback, swIfIndex, true), cancellationToken);
    }

    /// <summary>
    /// The VRF's loopback: found by tag, else an untagged one with its MAC (an agent killed between its create and its tag)
    /// is taken over, else one is created (tag, table, up); its address is set, or corrected when it differs.
    /// </summary>
    private async Task<uint> EnsureLoopbackAsync(VppApiConnection connection, uint tableId, bool isIp6, CancellationToken cancellationToken)
    {
        var tag = VppTags.LoopbackTag(tableId, isIp6);
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToList();
        var existing = interfaces.FirstOrDefault(i => i.Tag == tag);
        uint swIfIndex;
        if (existing is null)
        {
            var orphan = interfaces.FirstOrDefault(i => IsOrphanLoopback(i, tableId, isIp6));
            swIfIndex = orphan?.SwIfIndex
                ?? (await connection.RequestAsync(new CreateLoopback(VppTags.LoopbackMac(tableId, isIp6)), cancellationToken)).Get<uint>("sw_if_index");
            try
            {
                await connection.RequestAsync(new SwInterfaceTagAddDel(true, swIfIndex, tag), cancellationToken);
                await connection.RequestAsync(new SwInterfaceSetTable(swIfIndex, isIp6, tableId), cancellationToken);
                await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await RollbackAsync(connection, "loopback", swIfIndex, new DeleteLoopback(swIfIndex));
                throw;
            }
        }
        else
        {
            swIfIndex = existing.SwIfIndex;
            if (!existing.IsAdminUp)
            {
                // Its create was interrupted before the last step.
                await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);
            }
        }

        if (OwnLoopbackAddress(isIp6) is { } wanted)
        {
            var prefix = new IPNetwork(wanted, isIp6 ? 128 : 32);
            var held = (await connection.DumpAsync(new IpAddressDump(swIfIndex, isIp6), cancellationToken))
                .Select(d => VppAddress.PrefixFrom(d.Get<IReadOnlyDictionary<string, object?>>("prefix"))).ToList();
            if (!held.Contains(prefix))
            {
                foreach (var stale in held)
                {
                    await connection.RequestAsync(new SwInterfaceAddDelAddress(swIfIndex, false, stale), cancellationToken);
                }

                await connection.RequestAsync(new SwInterfaceAddDelAddress(swIfIndex, true, prefix), cancellationToken);
            }
        }

        return swIfIndex;
    }

    /// <summary>Removes a VRF's loopback (before its table): interfaces still unnumbered to it are released first.</summary>
    private static async Task DeleteLoopbackAsync(VppApiConnection connection, uint tableId, bool isIp6, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("delete_loopback"))
        {
            return;
        }

        var tag = VppTags.LoopbackTag(tableId, isIp6);
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToList();
        foreach (var orphan in interfaces.Where(i => IsOrphanLoopback(i, tableId, isIp6)))
        {
            await RemoveLoopbackAsync(connection, orphan.SwIfIndex, cancellationToken);
        }

        var loopback = interfaces.FirstOrDefault(i => i.Tag == tag);
        if (loopback is null)
        {
            return;
        }

        foreach (var borrower in (await connection.DumpAsync(new IpUnnumberedDump(), cancellationToken))
                     .Where(d => d.Get<uint>("ip_sw_if_index") == loopback.SwIfIndex).Select(d => d.Get<uint>("sw_if_index")))
        {
            await connection.RequestAsync(new SwInterfaceSetUnnumbered(loopback.SwIfIndex, borrower, false), cancellationToken);
        }

        await RemoveLoopbackAsync(connection, loopback.SwIfIndex, cancellationToken);
    }

    private static async Task RemoveLoopbackAsync(VppApiConnection connection, uint swIfIndex, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RequestAsync(new DeleteLoopback(swIfIndex), cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // Already gone.
        }
    }

    /// <summary>A loopback this driver created for the VRF but could not tag (the agent was killed in between): untagged, with the VRF's MAC.</summary>
    private static bool IsOrphanLoopback(SwInterfaceDetails details, uint tableId, bool isIp6) =>
        details.Tag.Length == 0 && details.InterfaceName.StartsWith("loop", StringComparison.Ordinal)
        && details.L2Address.AsSpan().StartsWith(VppTags.LoopbackMac(tableId, isIp6));

    /// <summary>
    /// Releases an interface from the loopback it borrows its address from: VPP refuses to rebind an interface that holds or
    /// borrows an address (VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE).
    /// </summary>
    private static async Task ReleaseUnnumberedAsync(VppApiConnection connection, uint swIfIndex, CancellationToken cancellationToken)
    {
        foreach (var lender in (await connection.DumpAsync(new IpUnnumberedDump(), cancellationToken))
                     .Where(d => d.Get<uint>("sw_if_index") == swIfIndex).Select(d => d.Get<uint>("ip_sw_if_index")).ToList())
        {
            await connection.RequestAsync(new SwInterfaceSetUnnumbered(lender, swIfIndex, false), cancellationToken);
        }
    }

    /// <summary>Whether a table of ours is an IPv6 one (the family of the network it isolates): false unless only an ip6 table has the id.</summary>
    private static async Task<bool> VrfIsIp6Async(VppApiConnection connection, uint tableId, CancellationToken cancellationToken)
    {
        var tables = await DumpTablesAsync(connection, cancellationToken);
        return !tables.Any(t => t.TableId == tableId && !t.IsIpv6) && tables.Any(t => t.TableId == tableId && t.IsIpv6);
    }

    /// <summary>A peer's loopback in a VRF of the given family, from the tunnel's destination: the next hop of routes through that tunnel.</summary>
    internal static IPAddress PeerLoopbackAddress(IPAddress tunnelDestination, bool vrfIsIp6) =>
        VppTags.LoopbackAddress(tunnelDestination, vrfIsIp6) ?? s_fallbackLoopback4;
}
