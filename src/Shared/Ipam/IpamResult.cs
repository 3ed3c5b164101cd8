using System.Net;
using System.Numerics;

namespace Multinet.Shared.Ipam;

/// <summary>Why an address could not be handed out.</summary>
public enum IpamFailure
{
    None,

    /// <summary>The static request is not an address.</summary>
    InvalidRequest,

    /// <summary>The static request is outside the range, or is its network or broadcast address.</summary>
    OutOfRange,

    /// <summary>The static request is already allocated.</summary>
    Taken,

    /// <summary>Every usable address of the range (or of the requested pool) is allocated.</summary>
    Exhausted,

    /// <summary>The static request is one of the network's excluded addresses.</summary>
    Excluded,
}

/// <summary>The outcome of <see cref="AddressAllocator.Allocate"/>: an address and its offset, or a failure and why.</summary>
public sealed record IpamResult(IPAddress? Address, BigInteger Offset, IpamFailure Failure, string? Error)
{
    public bool Succeeded => Failure == IpamFailure.None;

    public static IpamResult Ok(IPAddress address, BigInteger offset) => new(address, offset, IpamFailure.None, null);

    public static IpamResult Fail(IpamFailure failure, string error) => new(null, BigInteger.Zero, failure, error);
}
