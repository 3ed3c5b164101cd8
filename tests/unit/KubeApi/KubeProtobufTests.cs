using System.Text;
using Multinet.KubeApi.Http;

namespace Multinet.UnitTests.KubeApi;

public sealed class KubeProtobufTests
{
    [Fact]
    public void Decode_NamespaceEnvelope_ReadsTypeMetaNameLabelsAndFinalizers()
    {
        // What kubectl create namespace sends: "k8s\0" + Unknown{typeMeta, raw = Namespace{metadata, spec}}.
        var metadata = Concat(Field(1, "team-a"), Field(11, Concat(Field(1, "tier"), Field(2, "gold"))));
        var ns = Concat(Field(1, metadata), Field(2, Field(1, "kubernetes")));
        var unknown = Concat(Field(1, Concat(Field(1, "v1"), Field(2, "Namespace"))), Field(2, ns));
        byte[] body = [0x6b, 0x38, 0x73, 0x00, .. unknown];

        var decoded = KubeProtobuf.Decode(body);

        Assert.Equal("v1", decoded["apiVersion"]?.GetValue<string>());
        Assert.Equal("Namespace", decoded["kind"]?.GetValue<string>());
        Assert.Equal("team-a", decoded["metadata"]?["name"]?.GetValue<string>());
        Assert.Equal("gold", decoded["metadata"]?["labels"]?["tier"]?.GetValue<string>());
        Assert.Equal("kubernetes", decoded["spec"]?["finalizers"]?[0]?.GetValue<string>());
    }

    [Fact]
    public void Decode_WithoutEnvelope_Is400()
    {
        Assert.Equal(400, Assert.Throws<KubeApiException>(() => KubeProtobuf.Decode("{}"u8)).Code);
    }

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Field(int number, byte[] value) => [(byte)((number << 3) | 2), (byte)value.Length, .. value];

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
