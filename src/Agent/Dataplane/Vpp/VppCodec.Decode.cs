using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Multinet.Agent.Dataplane.Vpp;

internal static partial class VppCodec
{
    /// <summary>Decodes a whole message; a message shorter than its definition is an error, extra bytes are ignored.</summary>
    public static VppMessage Decode(VppMessageDefinition definition, ReadOnlyMemory<byte> message)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var position = 0;
        var fields = ReadStruct(message.Span, ref position, definition.Fields, definition.Name);
        return new VppMessage(definition.Name, fields);
    }

    /// <summary>The <c>_vl_msg_id</c> every message starts with.</summary>
    public static ushort ReadMessageId(ReadOnlySpan<byte> message) => message.Length >= 2
        ? BinaryPrimitives.ReadUInt16BigEndian(message)
        : throw new VppApiException($"A {message.Length}-byte message has no message id.");

    private static Dictionary<string, object?> ReadStruct(ReadOnlySpan<byte> data, ref int position, IReadOnlyList<VppField> fields, string path)
    {
        var values = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            values[field.Name] = ReadField(data, ref position, field, values, $"{path}.{field.Name}");
        }

        return values;
    }

    private static object? ReadField(ReadOnlySpan<byte> data, ref int position, VppField field, Dictionary<string, object?> siblings, string path)
    {
        if (field.IsString)
        {
            var length = field.IsVariableString ? (int)BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4, path)) : field.Length;
            var bytes = Take(data, ref position, length, path);
            var end = field.IsVariableString ? bytes.Length : bytes.IndexOf((byte)0) is var nul and >= 0 ? nul : bytes.Length;
            return Encoding.UTF8.GetString(bytes[..end]);
        }

        if (!field.IsArray)
        {
            return ReadValue(data, ref position, field.Type!, path);
        }

        int count;
        if (field.Length > 0)
        {
            count = field.Length;
        }
        else if (field.LengthField is not null)
        {
            count = Convert.ToInt32(siblings.GetValueOrDefault(field.LengthField)
                ?? throw new VppApiException($"{path}: count field \"{field.LengthField}\" comes later or not at all."), CultureInfo.InvariantCulture);
        }
        else
        {
            var elementSize = field.Type!.FixedSize ?? throw new VppApiException($"{path}: a trailing array needs fixed-size elements.");
            count = (data.Length - position) / elementSize;
        }

        return ReadArray(data, ref position, field.Type!, count, path);
    }

    private static object ReadArray(ReadOnlySpan<byte> data, ref int position, VppType element, int count, string path)
    {
        if (element is { Kind: VppTypeKind.Scalar, Scalar: VppScalar.U8 })
        {
            return Take(data, ref position, count, path).ToArray();
        }

        var items = new object?[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadValue(data, ref position, element, $"{path}[{i}]");
        }

        return items;
    }

    private static object? ReadValue(ReadOnlySpan<byte> data, ref int position, VppType type, string path) => type.Kind switch
    {
        VppTypeKind.Scalar => ReadScalar(Take(data, ref position, VppType.ScalarSize(type.Scalar), path), type.Scalar),
        VppTypeKind.FixedArray => ReadArray(data, ref position, type.Element!, type.Length, path),
        VppTypeKind.Struct => ReadStruct(data, ref position, type.Fields, path),
        VppTypeKind.Union => Take(data, ref position, type.FixedSize ?? throw new VppApiException($"{path}: {type.Name} has no fixed size."), path).ToArray(),
        _ => throw new VppApiException($"{path}: cannot decode {type.Name}."),
    };

    private static object ReadScalar(ReadOnlySpan<byte> bytes, VppScalar scalar) => scalar switch
    {
        VppScalar.U8 => bytes[0],
        VppScalar.I8 => unchecked((sbyte)bytes[0]),
        VppScalar.Bool => bytes[0] != 0,
        VppScalar.U16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
        VppScalar.I16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
        VppScalar.U32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        VppScalar.I32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
        VppScalar.U64 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        VppScalar.I64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
        VppScalar.F64 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
        _ => throw new VppApiException($"Unknown scalar {scalar}."),
    };

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int length, string path)
    {
        if (length < 0 || position + length > data.Length)
        {
            throw new VppApiException($"{path}: the message ends at byte {data.Length}; {length} more bytes were expected at {position}.");
        }

        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }
}
