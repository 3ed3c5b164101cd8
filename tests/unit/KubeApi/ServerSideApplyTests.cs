using System.Globalization;
using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

public sealed class ServerSideApplyTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_NewYaml_CreatesWithAnApplyEntryAndReapplyChangesNothing()
    {
        var (name, vni) = (KubeApiServer.UniqueName("ssa"), KubeApiServer.NextVni());

        var (code, created, _) = await ApplyAsync(name, Yaml(name, vni, "10.70.0.0/16"), "alice");
        var (againCode, again, _) = await ApplyAsync(name, Yaml(name, vni, "10.70.0.0/16"), "alice");

        Assert.Equal(201, code);
        var entry = created["metadata"]!["managedFields"]![0]!;
        Assert.Equal("alice", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:vni"]);
        Assert.Equal(200, againCode);
        Assert.True(created["metadata"]!["resourceVersion"]!.GetValue<string>() == again["metadata"]!["resourceVersion"]!.GetValue<string>(), created.ToJsonString() + "\n" + again.ToJsonString());
    }

    [Fact]
    public async Task Apply_OtherManagerChangesOwnedField_Returns409NamingManagerAndFieldUnlessForced()
    {
        var (name, vni) = (KubeApiServer.UniqueName("ssa"), KubeApiServer.NextVni());
        Assert.Equal(201, (await ApplyAsync(name, Yaml(name, vni, "10.71.0.0/16"), "alice")).Code);

        var (code, status, _) = await ApplyAsync(name, Yaml(name, vni, "10.72.0.0/16"), "bob");
        var (forcedCode, forced, _) = await ApplyAsync(name, Yaml(name, vni, "10.72.0.0/16"), "bob", force: true);

        Assert.Equal(409, code);
        Assert.Equal("Conflict", status["reason"]?.GetValue<string>());
        Assert.Equal(".spec.range", status.Cause(0, "field"));
        Assert.Contains("\"alice\"", status.Cause(0, "message"));
        Assert.Equal(200, forcedCode);
        Assert.Equal("10.72.0.0/16", forced["spec"]!["range"]!.GetValue<string>());
        var alice = forced["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "alice")!;
        Assert.Null(alice["fieldsV1"]!["f:spec"]!["f:range"]);
    }

    [Fact]
    public async Task Apply_FieldDroppedFromConfig_IsRemoved()
    {
        var (name, vni) = (KubeApiServer.UniqueName("ssa"), KubeApiServer.NextVni());
        var withLabel = $"apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: {name}\n  labels:\n    team: red\nspec:\n  vni: {vni}\n  range: 10.73.0.0/16\n";
        Assert.Equal(201, (await ApplyAsync(name, withLabel, "alice")).Code);

        var (code, applied, _) = await ApplyAsync(name, Yaml(name, vni, "10.73.0.0/16"), "alice");

        Assert.Equal(200, code);
        Assert.Null(applied["metadata"]!["labels"]?["team"]);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Returns400AndMergePatchRecordsAnUpdateEntry()
    {
        var (name, vni) = (KubeApiServer.UniqueName("ssa"), KubeApiServer.NextVni());
        var (missing, _, _) = await ApplyAsync(name, Yaml(name, vni, "10.74.0.0/16"), null);
        Assert.Equal(201, (await ApplyAsync(name, Yaml(name, vni, "10.74.0.0/16"), "alice")).Code);

        var (code, patched, _) = await server.Http.SendJsonAsync(HttpMethod.Patch, $"{Networks}/{name}?fieldManager=carol",
            """{"metadata":{"labels":{"owner":"carol"}}}""", Token, "application/merge-patch+json");

        Assert.Equal(400, missing);
        Assert.Equal(200, code);
        var carol = patched["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "carol")!;
        Assert.Equal("Update", carol["operation"]!.GetValue<string>());
        Assert.NotNull(carol["fieldsV1"]!["f:metadata"]!["f:labels"]!["f:owner"]);
    }

    private const string Networks = "apis/projectcalico.org/v3/networks";

    private Task<(int Code, JsonObject Body, HttpResponseMessage Response)> ApplyAsync(string name, string yaml, string? manager, bool force = false)
    {
        var query = manager is null ? "" : $"?fieldManager={manager}{(force ? "&force=true" : "")}";
        return server.Http.SendJsonAsync(HttpMethod.Patch, $"{Networks}/{name}{query}", yaml, Token, "application/apply-patch+yaml");
    }

    private static string Yaml(string name, long vni, string range) =>
        $"apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: {name}\nspec:\n  vni: {vni.ToString(CultureInfo.InvariantCulture)}\n  range: \"{range}\"\n";
}
