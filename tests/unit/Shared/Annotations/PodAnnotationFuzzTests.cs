using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using CsCheck;
using Multinet.Shared.Annotations;
using Multinet.Shared.Ipam;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Annotations;

/// <summary>
/// Generated pod annotations: Multus' <c>k8s.v1.cni.cncf.io/networks</c> (short form, JSON form, anything) and Kube-OVN's
/// <c>&lt;nad&gt;.&lt;ns&gt;.kubernetes.io/ip_address</c> (the static address asked of the IPAM). No input throws; each
/// problem is a field-precise error under the annotation's path, and an entry with a problem is never selected.
/// </summary>
public sealed class PodAnnotationFuzzTests
{
    private const string AnnotationPath = "metadata.annotations[" + NetworkSelectionParser.AnnotationKey + "]";

    private static readonly Gen<string> s_shortEntry = Gen.Select(
        Gen.Frequency((3, Gen.Const("")), (1, FuzzInputs.Text.Select(t => t + "/"))),
        FuzzInputs.Text,
        Gen.Frequency((2, Gen.Const("")), (1, FuzzInputs.Text.Select(t => "@" + t))),
        (ns, name, iface) => ns + name + iface);

    private static readonly Gen<string> s_shortForm = Gen.Select(s_shortEntry.Array[1, 5], Gen.Bool, (entries, spaced) => string.Join(spaced ? ", " : ",", entries));

    private static readonly Gen<string> s_jsonForm = Gen.Frequency(
        (3, FuzzInputs.Object(FuzzInputs.Json(2)).Array[0, 4].Select(items => new JsonArray(items.Select(i => i?.DeepClone()).ToArray()).ToJsonString())),
        (1, FuzzInputs.Json(3).Select(node => node?.ToJsonString() ?? "null")),
        (1, FuzzInputs.Text.Select(t => "[" + t)));

    [Fact]
    public void Multus_NetworkSelection_GeneratedAnnotations_NeverThrow_EveryRejectionNamesItsEntryAndField()
    {
        Gen.OneOf(s_shortForm, s_jsonForm, FuzzInputs.Text).Fuzz(annotation =>
        {
            var (selections, errors) = NetworkSelectionParser.Parse(annotation);
            foreach (var error in errors)
            {
                Assert.StartsWith(AnnotationPath, error.Field, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(error.Message), $"no message for {error.Field}");
                Assert.False(string.IsNullOrWhiteSpace(error.Reason), $"no reason for {error.Field}");
            }

            foreach (var selection in selections)
            {
                Assert.False(string.IsNullOrEmpty(selection.Name));
                Assert.All(selection.Ips, ip => Assert.True(IPAddress.TryParse(ip.Split('/')[0], out _), ip));
            }
        });
    }

    [Fact]
    public void KubeOvn_IpAddressAnnotation_GeneratedValues_NeverThrow_AnyRefusalSaysWhy()
    {
        var ranges = Gen.OneOf("10.20.0.0/24", "10.20.0.0/31", "10.20.0.1/32", "fd00:20::/120", "fd00:20::/128")
            .Select(r => IPNetwork.Parse(r));
        var values = Gen.Frequency(
            (2, FuzzInputs.Text),
            (1, Gen.Int[0, 300].Array[4].Select(parts => string.Join('.', parts))),
            (1, Gen.Select(Gen.Int[0, 300].Array[4], Gen.Int[0, 40], (parts, prefix) => $"{string.Join('.', parts)}/{prefix}")),
            (1, Gen.UShort.Array[1, 9].Select(parts => string.Join(':', parts.Select(p => p.ToString("x", null))))));
        Gen.Select(ranges, values.Array[1, 3].Select(v => string.Join(',', v)), Gen.Int[0, 255].Array[0, 5]).Fuzz((range, annotation, taken) =>
        {
            // As the IPAM reads the annotation: comma-separated addresses, one of the range's family preferred.
            var requested = annotation.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            var result = AddressAllocator.Allocate(range, taken.Select(t => new BigInteger(t)).ToHashSet(), requested);
            if (result.Address is null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error), $"refused \"{requested}\" without saying why");
            }
            else
            {
                Assert.True(range.Contains(result.Address), $"{result.Address} handed out of {range}");
            }
        });
    }
}
