using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Kube.Yaml;
using Multinet.KubeApi.Storage;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.Web.Yaml;

namespace Multinet.UnitTests.Web.Yaml;

/// <summary>
/// Generated text applied in the console's YAML editor: Network and NAD documents with fields of every type, several
/// documents at once, and the same text cut, spliced with YAML punctuation or replaced by arbitrary text. The editor never
/// throws; what it does not apply it explains (a YAML error with its line, or each document's error with its field),
/// and when it applies nothing, nothing is stored.
/// </summary>
public sealed class YamlEditorFuzzTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private AsyncServiceScope _admin;

    public async ValueTask InitializeAsync() => _admin = await server.SignedInScopeAsync(ConsoleRoles.Admin);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    private static readonly Gen<JsonNode?> s_document = Gen.Select(
        Gen.OneOf(("projectcalico.org/v3", "Network"), ("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition"), ("v1", "ConfigMap")),
        Gen.Frequency((4, Gen.Int[0, 1_000_000].Select(i => (JsonNode?)$"yfuzz-{i}")), (1, FuzzInputs.Json(1))),
        FuzzInputs.Object(FuzzInputs.Json(2)),
        (type, name, spec) => (JsonNode?)new JsonObject
        {
            ["apiVersion"] = type.Item1, ["kind"] = type.Item2, ["metadata"] = new JsonObject { ["name"] = name?.DeepClone() }, ["spec"] = spec?.DeepClone(),
        });

    private static readonly Gen<string> s_yaml = Gen.Select(s_document.Array[1, 3], Gen.Int[0, 3], FuzzInputs.Text, Gen.Int[0, 10_000], (documents, damage, insert, at) =>
    {
        var text = YamlText.ToYaml(documents);
        var position = at % (text.Length + 1);
        return damage switch
        {
            0 => text,
            1 => text[..position] + FuzzInputs.WellFormed(insert) + text[position..],
            2 => text[..position],
            _ => FuzzInputs.WellFormed(insert),
        };
    });

    [Fact]
    public async Task Apply_GeneratedYaml_NeverThrows_EveryRefusalIsExplained_RefusalsStoreNothing()
    {
        var store = server.Services.GetRequiredService<ObjectStore>();
        var objects = _admin.ServiceProvider.GetRequiredService<IKubeObjectClient>();
        var applied = 0;
        var refused = 0;
        await s_yaml.FuzzAsync(async text =>
        {
            var before = store.Revision;
            var session = new YamlEditSession(objects);
            session.StartNew(text);
            if (await session.ApplyAsync(text, TestContext.Current.CancellationToken))
            {
                applied++;
                return;
            }

            refused++;
            var explained = session.TextError is { Length: > 0 }
                || session.Results.Any(r => !r.Succeeded && (r.Errors.Any(e => e.Field.Length > 0) || r.Message is { Length: > 0 }));
            Assert.True(explained, $"refused without a reason: {text}");
            Assert.Equal(before, store.Revision);
        }, threads: 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"yaml editor: {applied} applied, {refused} refused with a reason");
        Assert.True(refused > 0);
    }
}
