namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>A resolved VPP API type: a scalar, a packed struct, a union, or a fixed array alias.</summary>
internal sealed class VppType
{
    private VppType(string name, VppTypeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public VppTypeKind Kind { get; }

    public VppScalar Scalar { get; private init; }

    /// <summary>Struct fields in wire order, or union members.</summary>
    public IReadOnlyList<VppField> Fields { get; private set; } = [];

    /// <summary>For <see cref="VppTypeKind.FixedArray"/>: the element type and count.</summary>
    public VppType? Element { get; private init; }

    public int Length { get; private init; }

    public static VppType ForScalar(string name, VppScalar scalar) => new(name, VppTypeKind.Scalar) { Scalar = scalar };

    public static VppType ForArray(string name, VppType element, int length) =>
        new(name, VppTypeKind.FixedArray) { Element = element, Length = length };

    /// <summary>A struct or union whose fields are filled in later, so types can refer to each other in any order.</summary>
    public static VppType ForComposite(string name, VppTypeKind kind) => new(name, kind);

    public void SetFields(IReadOnlyList<VppField> fields) => Fields = fields;

    /// <summary>The wire size when fixed; null when the type holds a variable array or string.</summary>
    public int? FixedSize => Kind switch
    {
        VppTypeKind.Scalar => ScalarSize(Scalar),
        VppTypeKind.FixedArray => Element!.FixedSize * Length,
        VppTypeKind.Union => Fields.Select(FieldSize).Max(),
        _ => Fields.Aggregate((int?)0, (sum, f) => sum + FieldSize(f)),
    };

    public static int ScalarSize(VppScalar scalar) => scalar switch
    {
        VppScalar.U8 or VppScalar.I8 or VppScalar.Bool => 1,
        VppScalar.U16 or VppScalar.I16 => 2,
        VppScalar.U32 or VppScalar.I32 => 4,
        VppScalar.U64 or VppScalar.I64 or VppScalar.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(scalar), scalar, "Not a scalar."),
    };

    private static int? FieldSize(VppField field) => field switch
    {
        { IsString: true } => field.Length > 0 ? field.Length : null,
        { IsArray: true } => field.Length > 0 ? field.Type!.FixedSize * field.Length : null,
        _ => field.Type!.FixedSize,
    };

    public override string ToString() => Name;
}
