using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// Encodes and decodes messages by their definitions: fields packed in order without padding, every number
/// big-endian, fixed arrays always sent whole (missing elements are zeros), fixed strings NUL-padded to their
/// size, <c>string x[0]</c> as u32 length + bytes, counted arrays with their count field filled from the array.
/// </summary>
internal static partial class VppCodec
{
    /// <summary>Encodes a message; <c>_vl_msg_id</c> is <paramref name="messageId"/>, absent fields are their default or zero.</summary>
    public static byte[] Encode(VppMessageDefinition definition, ushort messageId, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(fields);
        var writer = new ArrayBufferWriter<byte>(64);
        var values = new Dictionary<string, object?>(fields, StringComparer.Ordinal) { ["_vl_msg_id"] = messageId };
        WriteStruct(writer, definition.Fields, values, definition.Name);
        return writer.WrittenSpan.ToArray();
    }

    private static void WriteStruct(ArrayBufferWriter<byte> writer, IReadOnlyList<VppField> fields, IReadOnlyDictionary<string, object?>? values, string path)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.LengthField is not null))
        {
            counts[field.LengthField!] = Count(values?.GetValueOrDefault(field.Name));
        }

        foreach (var field in fields)
        {
            var value = values is not null && values.TryGetValue(field.Name, out var v) ? v : field.Default;
            if (counts.TryGetValue(field.Name, out var count))
            {
                value = count;
            }

            WriteField(writer, field, value, $"{path}.{field.Name}");
        }
    }

    private static void WriteField(ArrayBufferWriter<byte> writer, VppField field, object? value, string path)
    {
        if (field.IsString)
        {
            var bytes = Encoding.UTF8.GetBytes(value as string ?? string.Empty);
            if (field.IsVariableString)
            {
                BinaryPrimitives.WriteUInt32BigEndian(writer.GetSpan(4), (uint)bytes.Length);
                writer.Advance(4);
                writer.Write(bytes);
                return;
            }

            if (bytes.Length >= field.Length)
            {
                throw new VppApiException($"{path}: \"{value}\" is {bytes.Length} bytes; the field holds at most {field.Length - 1} and a NUL.");
            }

            WritePadded(writer, bytes, field.Length);
            return;
        }

        if (field.IsArray)
        {
            WriteArray(writer, field.Type!, value, field.Length, path);
            return;
        }

        WriteValue(writer, field.Type!, value, path);
    }

    private static void WriteArray(ArrayBufferWriter<byte> writer, VppType element, object? value, int fixedLength, string path)
    {
        var items = value switch
        {
            null => [],
            byte[] bytes => bytes.Cast<object?>().ToList(),
            IEnumerable enumerable and not string => enumerable.Cast<object?>().ToList(),
            _ => throw new VppApiException($"{path}: expected an array, got {value.GetType().Name}."),
        };
        if (fixedLength > 0 && items.Count > fixedLength)
        {
            throw new VppApiException($"{path}: {items.Count} elements given; the array holds {fixedLength}.");
        }

        foreach (var item in items)
        {
            WriteValue(writer, element, item, path);
        }

        for (var i = items.Count; i < fixedLength; i++)
        {
            WriteValue(writer, element, null, path);
        }
    }

    private static void WriteValue(ArrayBufferWriter<byte> writer, VppType type, object? value, string path)
    {
        switch (type.Kind)
        {
            case VppTypeKind.Scalar:
                WriteScalar(writer, type.Scalar, value, path);
                break;
            case VppTypeKind.FixedArray:
                WriteArray(writer, type.Element!, value, type.Length, path);
                break;
            case VppTypeKind.Struct:
                WriteStruct(writer, type.Fields, value as IReadOnlyDictionary<string, object?>
                    ?? (value is null ? null : throw new VppApiException($"{path}: expected a {type.Name} (field dictionary).")), path);
                break;
            case VppTypeKind.Union:
                WriteUnion(writer, type, value, path);
                break;
            default:
                throw new VppApiException($"{path}: cannot encode {type.Name}.");
        }
    }

    private static void WriteUnion(ArrayBufferWriter<byte> writer, VppType union, object? value, string path)
    {
        var size = union.FixedSize ?? throw new VppApiException($"{path}: union {union.Name} has no fixed size.");
        var member = new ArrayBufferWriter<byte>(size);
        switch (value)
        {
            case null:
                break;
            case byte[] raw:
                member.Write(raw);
                break;
            case IReadOnlyDictionary<string, object?> { Count: 1 } one:
                var (name, memberValue) = one.Single();
                var field = union.Fields.FirstOrDefault(f => f.Name == name) ?? throw new VppApiException($"{path}: {union.Name} has no member \"{name}\".");
                WriteField(member, field, memberValue, $"{path}.{name}");
                break;
            default:
                throw new VppApiException($"{path}: a {union.Name} is raw bytes or one member.");
        }

        if (member.WrittenCount > size)
        {
            throw new VppApiException($"{path}: {member.WrittenCount} bytes do not fit {union.Name} ({size}).");
        }

        WritePadded(writer, member.WrittenSpan, size);
    }

    private static void WriteScalar(ArrayBufferWriter<byte> writer, VppScalar scalar, object? value, string path)
    {
        var size = VppType.ScalarSize(scalar);
        var span = writer.GetSpan(size)[..size];
        value ??= 0;
        try
        {
            var c = CultureInfo.InvariantCulture;
            switch (scalar)
            {
                case VppScalar.U8: span[0] = Convert.ToByte(value, c); break;
                case VppScalar.I8: span[0] = unchecked((byte)Convert.ToSByte(value, c)); break;
                case VppScalar.Bool: span[0] = Convert.ToBoolean(value, c) ? (byte)1 : (byte)0; break;
                case VppScalar.U16: BinaryPrimitives.WriteUInt16BigEndian(span, Convert.ToUInt16(value, c)); break;
                case VppScalar.I16: BinaryPrimitives.WriteInt16BigEndian(span, Convert.ToInt16(value, c)); break;
                case VppScalar.U32: BinaryPrimitives.WriteUInt32BigEndian(span, Convert.ToUInt32(value, c)); break;
                case VppScalar.I32: BinaryPrimitives.WriteInt32BigEndian(span, Convert.ToInt32(value, c)); break;
                case VppScalar.U64: BinaryPrimitives.WriteUInt64BigEndian(span, Convert.ToUInt64(value, c)); break;
                case VppScalar.I64: BinaryPrimitives.WriteInt64BigEndian(span, Convert.ToInt64(value, c)); break;
                case VppScalar.F64: BinaryPrimitives.WriteDoubleBigEndian(span, Convert.ToDouble(value, c)); break;
                default: throw new VppApiException($"{path}: unknown scalar {scalar}.");
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException)
        {
            throw new VppApiException($"{path}: {value} is not a valid {scalar}.", ex);
        }

        writer.Advance(size);
    }

    private static void WritePadded(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes, int size)
    {
        var span = writer.GetSpan(size)[..size];
        span.Clear();
        bytes.CopyTo(span);
        writer.Advance(size);
    }

    private static int Count(object? array) => array switch
    {
        null => 0,
        byte[] bytes => bytes.Length,
        ICollection collection => collection.Count,
        IEnumerable enumerable and not string => enumerable.Cast<object?>().Count(),
        _ => 0,
    };
}
