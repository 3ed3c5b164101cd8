using k8s.Models;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Kube.Yaml;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.Web.Yaml;

namespace Multinet.UnitTests.Web.Yaml;

/// <summary>The YAML editor's logic against the real embedded API, through the console's own object client.</summary>
public sealed class YamlEditSessionTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private AsyncServiceScope _admin;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The object client of an admin's page.</summary>
    private IKubeObjectClient Objects => _admin.ServiceProvider.GetRequiredService<IKubeObjectClient>();

    public async ValueTask InitializeAsync() => _admin = await server.SignedInScopeAsync(ConsoleRoles.Admin);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    private async Task<ObjectRef> CreateNetworkAsync(string range = "10.140.0.0/16")
    {
        var name = KubeApiServer.UniqueName("yaml");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), range), Token);
        return new ObjectRef(ManagedKind.Network, null, name);
    }

    [Fact]
    public async Task ReviewThenApply_AnEdit_DryRunWritesNothingThenApplyWrites()
    {
        var target = await CreateNetworkAsync();
        var session = new YamlEditSession(Objects);
        Assert.True(await session.LoadAsync(target, Token));
        var edited = session.EditorText.Replace("10.140.0.0/16", "10.141.0.0/16", StringComparison.Ordinal);

        Assert.True(await session.ReviewAsync(edited, Token));
        Assert.Equal(YamlEditStage.Reviewed, session.Stage);
        Assert.Contains(session.Diff, l => l is { Kind: DiffLineKind.Added } && l.Text.Contains("10.141.0.0/16", StringComparison.Ordinal));
        Assert.Equal("10.140.0.0/16", (await Objects.GetAsync(target, Token))!["spec"]!["range"]!.GetValue<string>());

        Assert.True(await session.ApplyAsync(edited, Token));
        Assert.Equal(YamlEditStage.Applied, session.Stage);
        Assert.Equal("10.141.0.0/16", (await Objects.GetAsync(target, Token))!["spec"]!["range"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_AfterSomeoneElseChangedTheObject_IsAConflictThatLosesNeitherChange()
    {
        var target = await CreateNetworkAsync("10.142.0.0/16");
        var mine = new YamlEditSession(Objects);
        await mine.LoadAsync(target, Token);
        var theirs = new YamlEditSession(Objects);
        await theirs.LoadAsync(target, Token);
        Assert.True(await theirs.ApplyAsync(theirs.EditorText.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-2", StringComparison.Ordinal), Token));

        var myText = mine.EditorText.Replace("10.142.0.0/16", "10.143.0.0/16", StringComparison.Ordinal);
        Assert.False(await mine.ApplyAsync(myText, Token));

        Assert.Equal(YamlEditStage.Conflict, mine.Stage);
        var conflict = mine.Conflict!;
        Assert.Empty(conflict.ConflictingFields);
        Assert.Contains("10.143.0.0/16", conflict.Yours, StringComparison.Ordinal);
        Assert.Contains("uplink-2", conflict.Server, StringComparison.Ordinal);
        var onServer = (await Objects.GetAsync(target, Token))!;
        Assert.Equal("10.142.0.0/16", onServer["spec"]!["range"]!.GetValue<string>()); // nothing overwritten

        mine.AcceptMerged();
        Assert.True(await mine.ApplyAsync(mine.EditorText, Token));
        var merged = (await Objects.GetAsync(target, Token))!["spec"]!;
        Assert.Equal(("10.143.0.0/16", "uplink-2"), (merged["range"]!.GetValue<string>(), merged["physicalNetworkName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Apply_AfterTheObjectWasDeleted_WritesNothing_ThenApplyAgainRecreatesItFromTheText()
    {
        var target = await CreateNetworkAsync("10.148.0.0/16");
        var session = new YamlEditSession(Objects);
        await session.LoadAsync(target, Token);
        var edited = session.EditorText.Replace("10.148.0.0/16", "10.149.0.0/16", StringComparison.Ordinal);
        await DeleteAsync(target.Name);

        Assert.False(await session.ApplyAsync(edited, Token));
        Assert.True(session.DeletedOnServer);
        Assert.Contains("was deleted on the server meanwhile", session.TextError, StringComparison.Ordinal);
        Assert.Null(await Objects.GetAsync(target, Token)); // not re-created behind the admin's back

        Assert.True(await session.ApplyAsync(edited, Token));

        var recreated = (await Objects.GetAsync(target, Token))!;
        Assert.Equal("10.149.0.0/16", recreated["spec"]!["range"]!.GetValue<string>());
        Assert.False(session.DeletedOnServer);
        Assert.Equal(recreated["metadata"]!["resourceVersion"]!.GetValue<string>(), session.ResourceVersion); // the next apply is guarded by it
    }

    [Fact]
    public async Task Recreate_WhenSomeoneCreatedItAgainMeanwhile_IsAConflictNotAnOverwrite()
    {
        var target = await CreateNetworkAsync("10.150.0.0/16");
        var session = new YamlEditSession(Objects);
        await session.LoadAsync(target, Token);
        await DeleteAsync(target.Name);
        session.MarkDeletedOnServer(); // as the shared watch reports it
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(target.Name, KubeApiServer.NextVni(), "10.151.0.0/16"), Token);

        Assert.False(await session.ApplyAsync(session.EditorText.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-3", StringComparison.Ordinal), Token));

        Assert.Equal(YamlEditStage.Conflict, session.Stage);
        Assert.Contains("uplink-3", session.Conflict!.Yours, StringComparison.Ordinal);
        Assert.Equal("10.151.0.0/16", (await Objects.GetAsync(target, Token))!["spec"]!["range"]!.GetValue<string>());
    }

    [Fact]
    public async Task CheckServer_StatusOnlyUpdate_IsNoChangeAndMovesTheGuard_ASpecEditNamesItsFields()
    {
        var target = await CreateNetworkAsync("10.152.0.0/16");
        var session = new YamlEditSession(Objects);
        await session.LoadAsync(target, Token);
        var loaded = session.ResourceVersion;
        await server.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch("{\"status\":{\"nodesReady\":3,\"nodesTotal\":3}}", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, target.Name, cancellationToken: Token);

        var statusOnly = (await session.CheckServerAsync(Token))!;

        Assert.False(statusOnly.Changed);
        Assert.NotEqual(loaded, session.ResourceVersion);
        Assert.True(await session.ApplyAsync(session.EditorText.Replace("10.152.0.0/16", "10.153.0.0/16", StringComparison.Ordinal), Token)); // no conflict

        await server.Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("{\"spec\":{\"physicalNetworkName\":\"uplink-4\"}}", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, target.Name, cancellationToken: Token);
        var specEdit = (await session.CheckServerAsync(Token))!;

        Assert.True(specEdit.Changed);
        Assert.Equal(["spec/physicalNetworkName"], specEdit.ChangedFields);
    }

    private Task DeleteAsync(string name) => server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
        CrdConstants.NetworkPlural, name, cancellationToken: Token);

    [Fact]
    public async Task Apply_InvalidEdit_ShowsTheApisFieldErrorsAndWritesNothing()
    {
        var target = await CreateNetworkAsync("10.144.0.0/16");
        var session = new YamlEditSession(Objects);
        await session.LoadAsync(target, Token);

        Assert.False(await session.ApplyAsync(session.EditorText.Replace("10.144.0.0/16", "10.144.0.1/33", StringComparison.Ordinal), Token));

        var result = Assert.Single(session.Results);
        Assert.Contains(result.Errors, e => e.Field == "spec.range");
        Assert.Equal("10.144.0.0/16", (await Objects.GetAsync(target, Token))!["spec"]!["range"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_TextRenamesTheObject_IsRefusedBeforeSending()
    {
        var target = await CreateNetworkAsync("10.145.0.0/16");
        var session = new YamlEditSession(Objects);
        await session.LoadAsync(target, Token);

        Assert.False(await session.ApplyAsync(session.EditorText.Replace(target.Name, "renamed", StringComparison.Ordinal), Token));

        Assert.Contains("Rename by creating a new object", session.TextError, StringComparison.Ordinal);
        Assert.Null(await Objects.GetAsync(target with { Name = "renamed" }, Token));
    }

    [Fact]
    public async Task MultiDocumentApply_OneDocumentInvalid_WritesNoneOfThem()
    {
        var good = KubeApiServer.UniqueName("multi");
        var bad = KubeApiServer.UniqueName("multi");
        var session = new YamlEditSession(Objects);
        session.StartNew("");
        var text = $"""
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata: {"{"}name: {good}{"}"}
            spec: {"{"}vni: {KubeApiServer.NextVni()}, range: 10.146.0.0/16{"}"}
            ---
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata: {"{"}name: {bad}{"}"}
            spec: {"{"}vni: 4096, range: 10.147.0.0/16{"}"}
            """;

        Assert.False(await session.ApplyAsync(text, Token));

        Assert.Equal([true, false], session.Results.Select(r => r.Succeeded));
        Assert.Contains(session.Results[1].Errors, e => e.Field == "spec.vni");
        Assert.Null(await Objects.GetAsync(new ObjectRef(ManagedKind.Network, null, good), Token));

        Assert.True(await session.ApplyAsync(text.Replace("vni: 4096", $"vni: {KubeApiServer.NextVni()}", StringComparison.Ordinal), Token));
        Assert.NotNull(await Objects.GetAsync(new ObjectRef(ManagedKind.Network, null, good), Token));
        Assert.NotNull(await Objects.GetAsync(new ObjectRef(ManagedKind.Network, null, bad), Token));
    }

    [Fact]
    public async Task Bundle_OfANetwork_HoldsItsNadServiceAndPolicyAndAppliesBackAsIs()
    {
        var target = await CreateNetworkAsync("10.148.0.0/16");
        var net = target.Name;
        var config = "{\"name\":\"x\",\"cniVersion\":\"0.3.0\",\"plugins\":[{\"type\":\"calico\",\"ipam\":{\"type\":\"whereabouts\",\"network\":\"NET\"},\"dataplane_options\":{\"type\":\"grpc\",\"network_name\":\"NET\"}}]}".Replace("NET", net, StringComparison.Ordinal);
        var setup = new YamlEditSession(Objects);
        setup.StartNew("");
        Assert.True(await setup.ApplyAsync($$"""
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: {{net}}-conf, namespace: default}
            spec:
              config: '{{config}}'
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: {{net}}-other, namespace: default}
            spec:
              config: '{"name":"y","cniVersion":"0.3.0","type":"macvlan"}'
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {{net}}-svc
              namespace: default
              annotations: {extensions.projectcalico.org/network: {{net}}, extensions.projectcalico.org/selector: app=x}
            spec:
              ports: [{port: 80, protocol: TCP}]
            """, Token), string.Join("; ", setup.Results.Select(r => r.Message)) + setup.TextError);

        var bundle = await NetworkBundle.BuildAsync(Objects, net, Token);

        var documents = YamlText.ParseDocuments(bundle!);
        Assert.Equal(["Network", "NetworkAttachmentDefinition", "Service"], documents.Select(d => d["kind"]!.GetValue<string>()));
        Assert.All(documents, d => Assert.Null(d["metadata"]!["resourceVersion"]));
        Assert.Null(documents[2]["spec"]!["clusterIP"]);
        var reapply = new YamlEditSession(Objects);
        reapply.StartNew("");
        Assert.True(await reapply.ReviewAsync(bundle!, Token), string.Join("; ", reapply.Results.Select(r => r.Message)));
    }

    [Fact]
    public async Task Bundle_OfAMissingNetwork_IsNull() =>
        Assert.Null(await NetworkBundle.BuildAsync(Objects, "no-such-network", Token));
}
