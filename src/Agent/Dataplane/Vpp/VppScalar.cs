namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>The scalar types of VPP's API language; enums and enumflags are carried as their underlying scalar.</summary>
internal enum VppScalar
{
    None,
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F64,
    Bool,
}
