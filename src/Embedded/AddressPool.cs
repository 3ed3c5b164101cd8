using System.Net;
using System.Numerics;

namespace Multinet.Embedded;

/// <summary>One allocation of a Whereabouts IPPool: which pod (by UID and ns/name) holds the address on which interface.</summary>
internal sealed record PoolAllocation(string Id, string PodRef, string IfName);

/// <summary>
/// The in-memory state of one Whereabouts IPPool (kube-system/<see cref="Name"/>): the range of one Network (or of a
/// NAD's own whereabouts range) and its allocations by offset. The IPPool object is the durable copy.
/// </summary>
internal sealed class AddressPool(string name, string? network, IPNetwork range)
{
    public string Name { get; } = name;

    /// <summary>The Network the range belongs to; null for a NAD's own whereabouts range.</summary>
    public string? Network { get; } = network;

    public IPNetwork Range { get; } = range;

    public Dictionary<BigInteger, PoolAllocation> Allocations { get; } = [];

    public HashSet<BigInteger> Taken => [.. Allocations.Keys];

    public static string Key(string? network, IPNetwork range) => $"{network}|{range}";
}
