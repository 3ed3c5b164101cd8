using System.Collections;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using Multinet.Contracts.Agent.V1;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Grpc;

/// <summary>
/// Generated agent messages, as a misbehaving or hostile agent could send them on its gRPC stream: every field of every
/// message type set from a value pool of edge cases (empty and malformed keys, addresses and MACs, unknown enum values,
/// out-of-range numbers and timestamps), nested and repeated; and arbitrary bytes on the wire. The console maps each one
/// (and takes it into its live state) or refuses it with a <see cref="FormatException"/> naming the field, which the
/// gateway turns into a refused Ack; nothing else may escape. Malformed bytes are refused by the protobuf parser.
/// </summary>
public sealed class AgentMessageFuzzTests
{
    private static readonly string[] s_strings =
    [
        "", "blue", "red", "node-1", "default/pod-a/eth1", "default/pod-a/memif1", "ns/pod", "10.0.0.1", "10.0.0.0/16", "fd00::1", "fd00::/64",
        "10.0.0.1:80", "[fd00::1]:80", "999.1.1.1", "02:00:00:00:00:01", "zz:00:00:00:00:01", "tcp", "udp", "allow", "deny", " ", "\u0000", "🙂",
    ];

    [Fact]
    public void AgentMessages_GeneratedFields_MapOrAreRefusedNamingTheField_NothingElseEscapes()
    {
        var mapped = 0;
        var refused = 0;
        Gen.ULong.Fuzz(seed =>
        {
            var message = (AgentMessage)Build(AgentMessage.Descriptor, new Random((int)(seed ^ (seed >> 32))), depth: 4);
            var live = new LiveState(new FakeTimeProvider());
            try
            {
                switch (message.BodyCase)
                {
                    case AgentMessage.BodyOneofCase.Snapshot:
                        live.NodeSnapshot("node-1", message.Snapshot.ToInventory());
                        break;
                    case AgentMessage.BodyOneofCase.Delta:
                        live.NodeSnapshot("node-1", new NodeSnapshot().ToInventory());
                        live.NodeDelta("node-1", message.Delta.ToDomain());
                        break;
                }

                Interlocked.Increment(ref mapped);
            }
            catch (FormatException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                Interlocked.Increment(ref refused);
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"agent messages: {mapped} mapped, {refused} refused with a field-naming error");
        Assert.True(mapped > 0 && refused > 0, $"the generator reached both outcomes ({mapped} mapped, {refused} refused)");
    }

    [Fact]
    public void AgentMessages_ArbitraryOrCorruptedBytes_ParseOrAreRefusedByTheParser()
    {
        var valid = new AgentMessage { Snapshot = new NodeSnapshot { Sequence = 3, Vrfs = { new Vrf { Network = "blue", TableId = 7 } } } }.ToByteArray();
        var corrupted = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, (at, value) =>
        {
            var bytes = (byte[])valid.Clone();
            bytes[at] = value;
            return bytes;
        });
        Gen.OneOf(Gen.Byte.Array[0, 200], corrupted).Fuzz(bytes =>
        {
            try
            {
                AgentMessage.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                // the parser's own refusal: gRPC answers the stream with an error
            }
        });
    }

    /// <summary>A message of the descriptor's type with every field set (or left unset) from the value pools.</summary>
    private static IMessage Build(MessageDescriptor descriptor, Random random, int depth)
    {
        if (descriptor.FullName == Timestamp.Descriptor.FullName)
        {
            return new Timestamp { Seconds = Pick(random, 0L, 1_700_000_000L, -62_135_596_801L, 253_402_300_800L, long.MaxValue, random.NextInt64()),
                Nanos = Pick(random, 0, 999_999_999, 1_000_000_000, -1, random.Next()) };
        }

        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        var oneofs = new HashSet<OneofDescriptor>();
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (random.Next(4) == 0 || (field.ContainingOneof is { } oneof && !oneofs.Add(oneof)))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = random.Next(depth > 0 ? 4 : 1); i > 0; i--)
                {
                    list.Add(Value(field, random, depth));
                }
            }
            else if (Value(field, random, depth) is { } value)
            {
                field.Accessor.SetValue(message, value);
            }
        }

        return message;
    }

    private static object? Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.String => Pick(random, s_strings) + (random.Next(5) == 0 ? Pick(random, s_strings) : ""),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Pick(random, 0, 1, -1, 65535, 65536, int.MaxValue, int.MinValue, random.Next()),
        FieldType.UInt32 or FieldType.Fixed32 => Pick(random, 0u, 1u, 4095u, 16_777_216u, uint.MaxValue, (uint)random.Next()),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Pick(random, 0L, 1L, -1L, long.MaxValue, long.MinValue, random.NextInt64()),
        FieldType.UInt64 or FieldType.Fixed64 => Pick(random, 0UL, 1UL, ulong.MaxValue, (ulong)random.NextInt64()),
        FieldType.Double => Pick(random, 0d, -1d, double.NaN, double.PositiveInfinity, random.NextDouble() * 1e6),
        FieldType.Float => Pick(random, 0f, -1f, float.NaN, float.MaxValue),
        FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, Pick(random, 0, 1, 2, 3, 7, -1)),
        FieldType.Bytes => ByteString.CopyFrom([.. Enumerable.Range(0, random.Next(8)).Select(_ => (byte)random.Next(256))]),
        FieldType.Message when depth > 0 => Build(field.MessageType, random, depth - 1),
        _ => null,
    };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
