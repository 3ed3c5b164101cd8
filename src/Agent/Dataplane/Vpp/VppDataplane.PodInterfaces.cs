using System.Globalization;
using System.Net.NetworkInformation;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>Pod interfaces (memif or tap): created tagged, in the network's VRF, unnumbered to its loopback; deleted by tag.</summary>
internal sealed partial class VppDataplane
{
    private async Task AddPodInterfaceAsync(DataplaneOperation operation, PodInterfaceSpec spec, CancellationToken cancellationToken)
    {
        var isIp6 = ParseAddressFamily(operation, spec.Address);
        var mac = spec.Mac is null ? null
            : PhysicalAddress.TryParse(spec.Mac, out var parsed) && parsed.GetAddressBytes().Length == 6 ? parsed.GetAddressBytes()
            : throw Invalid(operation, "Mac", spec.Mac, "a MAC address (aa:bb:cc:dd:ee:ff)");
        var maxQueues = spec.Kind is PodInterfaceKind.Memif ? byte.MaxValue : ushort.MaxValue;
        if (spec.RxQueues is < 1 || spec.RxQueues > maxQueues)
        {
            throw Invalid(operation, "RxQueues", spec.RxQueues.ToString(CultureInfo.InvariantCulture), $"between 1 and {maxQueues}");
        }

        if (spec.TxQueues is < 1 || spec.TxQueues > maxQueues)
        {
            throw Invalid(operation, "TxQueues", spec.TxQueues.ToString(CultureInfo.InvariantCulture), $"between 1 and {maxQueues}");
        }

        var connection = await GetConnectionAsync(cancellationToken);

        // One interface per tag: one left over (a lost reply, a spec the dump could not rebuild) is replaced, not doubled.
        if ((await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From)
            .FirstOrDefault(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == spec.Tag) is { } stale)
        {
            await RemovePodInterfaceAsync(connection, stale.SwIfIndex, cancellationToken);
        }

        var (swIfIndex, undo, what) = spec.Kind switch
        {
            PodInterfaceKind.Memif => await CreateMemifAsync(operation, connection, spec, mac, cancellationToken),
            _ => await CreateTapAsync(operation, connection, spec, mac, cancellationToken),
        };

        try
        {
            if (spec.Kind is PodInterfaceKind.Memif || VppTags.PodVppTag(spec) != spec.Tag)
            {
                await connection.RequestAsync(new SwInterfaceTagAddDel(true, swIfIndex, VppTags.PodVppTag(spec)), cancellationToken);
            }

            if (connection.MessageTable.Offers("feature_cnat_enable_disable"))
            {
                // Service VIPs the pod sends to are translated as they enter, then looked up in the network's table. Enabled
                // before the interface joins its table: the cnat plugin sizes its per-table session counters when an interface
                // is bound to a table after its first use, and a packet in a table it never sized aborts VPP.
                await connection.RequestAsync(new FeatureCnatEnableDisable(swIfIndex, true), cancellationToken);
            }

            await AttachToVrfAsync(connection, swIfIndex, spec.TableId, isIp6, cancellationToken);
            if (isIp6)
            {
                // A link-local address: the pod's IPv6 gateway, and the source of neighbour discovery towards the pod.
                await connection.RequestAsync(new SwInterfaceIp6EnableDisable(swIfIndex, true), cancellationToken);
            }

            await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await RollbackAsync(connection, what, swIfIndex, undo);
            if (spec.Kind is PodInterfaceKind.Memif)
            {
                await ReleaseUnusedSocketsAsync(connection, spec.MemifSocket, CancellationToken.None);
            }

            throw;
        }

        _interfaces[spec.Tag] = spec;
    }

    private async Task DeletePodInterfaceAsync(ObservedPodInterface observed, CancellationToken cancellationToken)
    {
        var tag = observed.Spec.Tag;
        var connection = await GetConnectionAsync(cancellationToken);

        // The observed index may be stale (VPP restarted and renumbered): only delete the interface that carries the tag —
        // or, for a spec the dump rebuilt from a hashed tag (its Tag cannot be recomputed), our hashed-tag interface at that index.
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToList();
        var target = interfaces.FirstOrDefault(i => i.SwIfIndex == observed.SwIfIndex && (PodIdentity(i.Tag) == tag || IsHashedPodTag(PodIdentity(i.Tag))))
            ?? interfaces.FirstOrDefault(i => PodIdentity(i.Tag) == tag);
        await RemoveAclsAsync(connection, tag, cancellationToken); // an ACL outlives its interface in VPP
        if (target is not null)
        {
            await RemovePodInterfaceAsync(connection, target.SwIfIndex, cancellationToken);
        }

        if (observed.Spec.Kind is PodInterfaceKind.Memif)
        {
            await ReleaseUnusedSocketsAsync(connection, observed.Spec.MemifSocket, cancellationToken);
        }

        _interfaces.TryRemove(tag, out _);
    }

    /// <summary>
    /// Moves a pod interface into another table (a VNI edit) without recreating it: VPP refuses to rebind an interface that holds
    /// or borrows an address (VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE), so it is released from the old VRF's loopback
    /// (<c>sw_interface_set_unnumbered</c> is_add=0), bound to the new table (<c>sw_interface_set_table</c>) and made unnumbered
    /// to that VRF's loopback. Its sw_if_index, memif connection, cnat feature and ACLs stay.
    /// </summary>
    private async Task MovePodInterfaceAsync(DataplaneOperation operation, ObservedPodInterface observed, PodInterfaceSpec target,
        CancellationToken cancellationToken)
    {
        var isIp6 = ParseAddressFamily(operation, target.Address);
        var tag = observed.Spec.Tag;
        var connection = await GetConnectionAsync(cancellationToken);
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToList();
        var swIfIndex = (interfaces.FirstOrDefault(i => i.SwIfIndex == observed.SwIfIndex && PodIdentity(i.Tag) == tag)
                ?? interfaces.FirstOrDefault(i => PodIdentity(i.Tag) == tag))?.SwIfIndex
            ?? throw new DataplaneException($"{operation.Describe()}: no interface in VPP carries the tag \"{tag}\".", "VNET_API_ERROR_INVALID_SW_IF_INDEX");

        await ReleaseUnnumberedAsync(connection, swIfIndex, cancellationToken);
        await AttachToVrfAsync(connection, swIfIndex, target.TableId, isIp6, cancellationToken);
        _interfaces[target.Tag] = target;
    }

    /// <summary>A pod interface's identity from the tag VPP holds (without its queue counts); other tags as they are.</summary>
    private static string PodIdentity(string tag) => VppTags.IsPodTag(tag) ? VppTags.ParsePodVppTag(tag).Tag : tag;

    private static bool IsHashedPodTag(string tag) => VppTags.IsPodTag(tag) && VppTags.ParsePodTag(tag) == ("", "", "");
}
