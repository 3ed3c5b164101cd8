namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>What a VPP API type is on the wire.</summary>
internal enum VppTypeKind
{
    /// <summary>A fixed-size big-endian number or a one-byte bool (see <see cref="VppScalar"/>).</summary>
    Scalar,

    /// <summary>Fields in order, no padding (VPP's API structs are packed).</summary>
    Struct,

    /// <summary>As wide as its widest member; the members overlay each other; decoded as raw bytes.</summary>
    Union,

    /// <summary>An alias with a length, e.g. <c>ip4_address</c> = <c>u8[4]</c>.</summary>
    FixedArray,
}
