using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.KubeApi;

/// <summary>
/// Generated Network documents (and arbitrary text) sent to the embedded API as creates and as merge patches of an
/// existing Network. Each is stored (2xx) or refused with a Kubernetes Status (4xx, never 5xx) carrying a message, and
/// for a 422 the field of every cause; a refused write stores nothing: the store's revision does not move.
/// </summary>
public sealed class NetworkWriteFuzzTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private const string Networks = "apis/projectcalico.org/v3/networks";

    private static readonly Gen<JsonNode?> s_specValue = Gen.Frequency(
        (3, Gen.OneOf<JsonNode?>(1, 4095, 4096, 0, -1, 16_777_215, 16_777_216, "10.0.0.0/16", "10.0.0.1/16", "fd00::/64", "300.0.0.0/8",
            "10.0.0.0/33", "", "uplink", "Not_A_Label", 1.5, true)),
        (2, FuzzInputs.Json(2)));

    private static readonly Gen<JsonNode?> s_spec = Gen.Frequency(
        (4, Gen.Select(
            Gen.Frequency((2, Gen.Int[1, 16_777_215].Select(v => (JsonNode?)v)), (1, s_specValue)),
            Gen.Frequency((2, Gen.Int[0, 65_535].Select(r => (JsonNode?)$"10.{r / 256}.{r % 256}.0/24")), (1, s_specValue)),
            Gen.Frequency((2, Gen.Const<JsonNode?>((JsonNode?)null)), (1, s_specValue)),
            Gen.Frequency((2, Gen.Int[0, 0].Select(_ => (JsonNode?)new JsonObject())), (1, FuzzInputs.Object(FuzzInputs.Json(1)))),
            (vni, range, physical, extra) =>
        {
            var spec = extra!.AsObject();
            spec["vni"] = vni?.DeepClone();
            spec["range"] = range?.DeepClone();
            if (physical is not null)
            {
                spec["physicalNetworkName"] = physical.DeepClone();
            }

            return (JsonNode?)spec;
        })),
        (1, FuzzInputs.Json(2)));

    private static readonly Gen<string> s_network = Gen.Select(
        Gen.Frequency((5, Gen.Const<JsonNode?>(CrdConstants.NetworkApiVersion)), (1, FuzzInputs.Json(1))),
        Gen.Frequency((5, Gen.Const<JsonNode?>(CrdConstants.NetworkKind)), (1, FuzzInputs.Json(1))),
        Gen.Frequency((3, Gen.Int[0, 1_000_000].Select(i => (JsonNode?)$"fuzz-{i}")), (1, FuzzInputs.Json(1))),
        Gen.Frequency((2, Gen.Int[0, 0].Select(_ => (JsonNode?)new JsonObject())), (1, FuzzInputs.Object(FuzzInputs.Json(2)))),
        s_spec,
        (apiVersion, kind, name, metadata, spec) =>
        {
            var meta = metadata!.AsObject();
            meta["name"] = name?.DeepClone();
            return new JsonObject { ["apiVersion"] = apiVersion?.DeepClone(), ["kind"] = kind?.DeepClone(), ["metadata"] = meta, ["spec"] = spec?.DeepClone() }
                .ToJsonString();
        });

    private static readonly Gen<string> s_body = Gen.Frequency((6, s_network), (1, FuzzInputs.Json(3).Select(n => n?.ToJsonString() ?? "null")),
        (1, FuzzInputs.Text.Select(FuzzInputs.WellFormed)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_GeneratedNetworks_StoredOrRefusedWithAStatus_RefusalsStoreNothing()
    {
        var (stored, refused) = await SampleAsync(body => server.Http.PostAsync(Networks, new StringContent(body, Encoding.UTF8, "application/json"), Token));
        TestContext.Current.TestOutputHelper?.WriteLine($"network creates: {stored} stored, {refused} refused");
        Assert.True(stored > 0 && refused > 0, $"the generator reached both outcomes ({stored} stored, {refused} refused)");
    }

    [Fact]
    public async Task MergePatch_GeneratedPatches_StoredOrRefusedWithAStatus_RefusalsStoreNothing()
    {
        var name = KubeApiServer.UniqueName("fuzz-base");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.170.0.0/16"), Token);
        var (stored, refused) = await SampleAsync(body => server.Http.PatchAsync($"{Networks}/{name}",
            new StringContent(body, Encoding.UTF8, "application/merge-patch+json"), Token));
        TestContext.Current.TestOutputHelper?.WriteLine($"network merge patches: {stored} stored, {refused} refused");
        Assert.True(refused > 0);
    }

    private async Task<(int Stored, int Refused)> SampleAsync(Func<string, Task<HttpResponseMessage>> send)
    {
        var store = server.Services.GetRequiredService<ObjectStore>();
        await store.EnsureInitializedAsync(Token); // its first use seeds the namespaces: not a write of the samples
        var stored = 0;
        var refused = 0;
        await s_body.FuzzAsync(async body =>
        {
            var before = store.Revision;
            using var response = await send(body);
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body}: {text}");
            if (response.IsSuccessStatusCode)
            {
                stored++;
                return;
            }

            refused++;
            var status = JsonNode.Parse(text)!.AsObject();
            Assert.Equal("Status", status["kind"]?.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(status["message"]?.GetValue<string>()), text);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                var causes = status["details"]?["causes"] as JsonArray;
                Assert.NotNull(causes);
                Assert.All(causes, c => Assert.False(string.IsNullOrWhiteSpace(c?["field"]?.GetValue<string>()), $"a cause without a field: {text}"));
            }

            Assert.Equal(before, store.Revision);
        }, threads: 1);
        return (stored, refused);
    }
}
