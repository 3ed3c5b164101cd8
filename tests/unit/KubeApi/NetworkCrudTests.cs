using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;
using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class NetworkCrudTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NewNetwork_SetsMetadataAndIsReadableAndListed()
    {
        var name = KubeApiServer.UniqueName("crud");
        var vni = KubeApiServer.NextVni();

        var created = await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, vni, "10.91.0.0/16"), Token);
        var read = await NetworkJson.GetAsync(server.Client, name, Token);
        var list = await server.Client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(vni, read.Spec.Vni);
        Assert.Contains(list.Items, n => n.Metadata.Name == name);
        Assert.True(long.Parse(list.Metadata.ResourceVersion) >= long.Parse(created.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        var name = KubeApiServer.UniqueName("dup");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.92.0.0/16"), Token);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.92.0.0/16"), Token));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("AlreadyExists", Status(error)["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Returns409ConflictNamingTheObject()
    {
        var name = KubeApiServer.UniqueName("stale");
        var first = await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.93.0.0/16"), Token);
        first.Spec.Range = "10.94.0.0/16";
        var updated = NetworkJson.ToNetwork(await server.Client.CustomObjects.ReplaceClusterCustomObjectAsync(first,
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        first.Spec.Range = "10.95.0.0/16";   // still carries the first resourceVersion
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => server.Client.CustomObjects.ReplaceClusterCustomObjectAsync(first,
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        var status = Status(error);
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("Conflict", status["reason"]?.GetValue<string>());
        Assert.Equal(name, status["details"]?["name"]?.GetValue<string>());
        Assert.Contains($"\"{name}\"", status["message"]?.GetValue<string>());
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("10.94.0.0/16", (await NetworkJson.GetAsync(server.Client, name, Token)).Spec.Range);
    }

    [Fact]
    public async Task MergePatch_SpecField_ChangesOnlyThatFieldAndBumpsGeneration()
    {
        var name = KubeApiServer.UniqueName("patch");
        var vni = KubeApiServer.NextVni();
        var created = await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, vni, "10.96.0.0/16", "uplink-a"), Token);

        var patched = NetworkJson.ToNetwork(await server.Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"range":"10.97.0.0/16","physicalNetworkName":null},"metadata":{"labels":{"team":"red"}}}""", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        Assert.Equal("10.97.0.0/16", patched.Spec.Range);
        Assert.Equal(vni, patched.Spec.Vni);
        Assert.Null(patched.Spec.PhysicalNetworkName);
        Assert.Equal("red", patched.Metadata.Labels["team"]);
        Assert.Equal(2, patched.Metadata.Generation);
        Assert.True(long.Parse(patched.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task MergePatch_LabelsOnly_KeepsGeneration()
    {
        var name = KubeApiServer.UniqueName("label");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.98.0.0/16"), Token);

        var patched = NetworkJson.ToNetwork(await server.Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"gold"}}}""", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        Assert.Equal(1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Patch_JsonPatchType_ReplacesTheField()
    {
        var name = KubeApiServer.UniqueName("jp");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.99.0.0/16"), Token);

        var patched = NetworkJson.ToNetwork(await server.Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/range","value":"10.100.0.0/16"}]""", V1Patch.PatchType.JsonPatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        Assert.Equal("10.100.0.0/16", patched.Spec.Range);
    }

    [Fact]
    public async Task Delete_ExistingNetwork_IsGoneAfterwards()
    {
        var name = KubeApiServer.UniqueName("del");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.101.0.0/16"), Token);

        await server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken: Token);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NetworkJson.GetAsync(server.Client, name, Token));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Equal("NotFound", Status(error)["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownFields_AreDroppedWithAWarningAsByARealServer()
    {
        var name = KubeApiServer.UniqueName("extra");
        var body = JsonNode.Parse(NetworkJson.NetworkBody(name, KubeApiServer.NextVni().ToString(), "10.102.0.0/16"))!.AsObject();
        body["spec"]!["futureField"] = new JsonObject { ["nested"] = 7 };

        using var response = await server.Http.PostAsync("apis/projectcalico.org/v3/networks", NetworkJson.Body(body.ToJsonString()), Token);
        using var read = await server.Http.GetAsync($"apis/projectcalico.org/v3/networks/{name}", Token);
        var stored = JsonNode.Parse(await read.Content.ReadAsStringAsync(Token))!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(stored["spec"]?["futureField"]);
        Assert.Equal("10.102.0.0/16", stored["spec"]?["range"]?.GetValue<string>());
        Assert.Contains(response.Headers.GetValues("Warning"), w => w.Contains("spec.futureField", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Namespaces_DefaultAndKubeSystem_ExistFromTheStart()
    {
        var namespaces = await server.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token);

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task Namespaces_CreateAndDelete_Work()
    {
        var name = KubeApiServer.UniqueName("ns");

        var created = await server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new() { Name = name } }, cancellationToken: Token);
        await server.Client.CoreV1.DeleteNamespaceAsync(name, cancellationToken: Token);
        var after = await server.Client.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={name}", cancellationToken: Token);

        Assert.Equal("Active", created.Status?.Phase);
        Assert.Empty(after.Items);
    }

    [Fact]
    public async Task List_LabelSelector_ReturnsOnlyMatchingNetworks()
    {
        var matching = V3Network.Create(KubeApiServer.UniqueName("sel"), KubeApiServer.NextVni(), "10.103.0.0/16");
        matching.Metadata.Labels = new Dictionary<string, string> { ["selector-test"] = "yes" };
        await NetworkJson.CreateAsync(server.Client, matching, Token);
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(KubeApiServer.UniqueName("sel"), KubeApiServer.NextVni(), "10.104.0.0/16"), Token);

        var list = await server.Client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup,
            CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, labelSelector: "selector-test=yes", cancellationToken: Token);

        Assert.Equal([matching.Metadata.Name], list.Items.Select(n => n.Metadata.Name));
    }

    private static JsonObject Status(HttpOperationException error) => JsonNode.Parse(error.Response.Content)!.AsObject();
}
