using System.Net;
using System.Numerics;

namespace Multinet.Shared.Ipam;

/// <summary>
/// Kube-OVN's <c>ip_pool</c> for workloads: each replica gets the first address of the pool, in the order written,
/// that no other pod holds. Nothing is handed out when the pool names an address the network cannot give (outside
/// its range, its network or broadcast address, an excluded address): the pool is wrong, not merely full.
/// </summary>
public static class IpPoolAllocator
{
    public static IpamResult Allocate(IPNetwork range, IReadOnlySet<BigInteger> taken, IReadOnlyList<IPAddress> pool, ExcludedAddresses? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(taken);
        ArgumentNullException.ThrowIfNull(pool);
        excluded ??= ExcludedAddresses.None;
        if (pool.Count == 0)
        {
            return IpamResult.Fail(IpamFailure.InvalidRequest, "the ip_pool lists no address.");
        }

        var (first, last) = AddressAllocator.UsableOffsets(range);
        var offsets = new List<(IPAddress Address, BigInteger Offset)>(pool.Count);
        foreach (var address in pool)
        {
            if (address.AddressFamily != range.BaseAddress.AddressFamily || !range.Contains(address))
            {
                return IpamResult.Fail(IpamFailure.OutOfRange, $"ip_pool address {address} is outside the range {range}: nothing allocated.");
            }

            var offset = AddressAllocator.OffsetOf(range, address);
            if (offset < first || offset > last)
            {
                return IpamResult.Fail(IpamFailure.OutOfRange,
                    $"ip_pool address {address} is the {(offset == 0 ? "network" : "broadcast")} address of {range}: nothing allocated.");
            }

            if (excluded.Contains(offset))
            {
                return IpamResult.Fail(IpamFailure.Excluded, $"ip_pool address {address} is excluded from {range} (excludeIps): nothing allocated.");
            }

            offsets.Add((address, offset));
        }

        foreach (var (address, offset) in offsets)
        {
            if (!taken.Contains(offset))
            {
                return IpamResult.Ok(address, offset);
            }
        }

        return IpamResult.Fail(IpamFailure.Exhausted,
            $"ip_pool exhausted: all {offsets.Count} addresses ({string.Join(", ", offsets.Select(o => o.Address))}) are allocated.");
    }
}
