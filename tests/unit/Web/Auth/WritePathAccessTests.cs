using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// The console's write paths (the Network writer and the object client the pages use) against the real embedded API, as
/// each role: a viewer's every write is refused with nothing written, an operator limited to one namespace writes there
/// and nowhere else, and a write names its author in managedFields, which the timeline reads.
/// </summary>
public sealed class WritePathAccessTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Viewer_EveryWrite_IsRefusedSayingWhy_AndNothingIsWritten()
    {
        var existing = KubeApiServer.UniqueName("viewer");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(existing, KubeApiServer.NextVni(), "10.150.0.0/16"), Token);
        var stored = await NetworkJson.GetAsync(server.Client, existing, Token);
        await using var viewer = await server.SignedInScopeAsync(ConsoleRoles.Viewer);
        var networks = viewer.ServiceProvider.GetRequiredService<INetworkWriter>();
        var objects = viewer.ServiceProvider.GetRequiredService<IKubeObjectClient>();
        var fresh = KubeApiServer.UniqueName("viewer");

        var create = await networks.CreateAsync(V3Network.Create(fresh, KubeApiServer.NextVni(), "10.151.0.0/16"), Token);
        var update = await networks.UpdateSpecAsync(existing, stored.Metadata.ResourceVersion, new NetworkSpec { Vni = KubeApiServer.NextVni(), Range = "10.152.0.0/16" }, Token);
        var delete = await networks.DeleteAsync(existing, Token);
        var nad = Nad(fresh, "default");
        var apply = await objects.ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", NadTemplate.NameFor(fresh)), nad, dryRun: false, Token);
        var dryRun = await objects.ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", NadTemplate.NameFor(fresh)), nad, dryRun: true, Token);
        var replace = await objects.ReplaceAsync(new ObjectRef(ManagedKind.Network, null, existing), ToJson(stored), dryRun: false, Token);

        Assert.All([create.Error, update.Error, delete, apply.Message, dryRun.Message, replace.Message],
            message => Assert.Contains("changes need the operator role", message, StringComparison.Ordinal));
        Assert.False(create.Succeeded || apply.Succeeded || dryRun.Succeeded || replace.Succeeded);
        Assert.Equal(stored.Metadata.ResourceVersion, (await NetworkJson.GetAsync(server.Client, existing, Token)).Metadata.ResourceVersion);
        Assert.Null(await objects.GetAsync(new ObjectRef(ManagedKind.Network, null, fresh), Token));
        Assert.Null(await objects.GetAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", NadTemplate.NameFor(fresh)), Token));
    }

    [Fact]
    public async Task OperatorLimitedToOneNamespace_WritesThere_NotElsewhere_NorClusterWideNetworks()
    {
        await using var scope = await server.SignedInScopeAsync(ConsoleRoles.Operator, "default");
        var objects = scope.ServiceProvider.GetRequiredService<IKubeObjectClient>();
        var networks = scope.ServiceProvider.GetRequiredService<INetworkWriter>();
        var name = KubeApiServer.UniqueName("ops");

        var inOwn = await objects.ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", NadTemplate.NameFor(name)), Nad(name, "default"), false, Token);
        var elsewhere = await objects.ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "kube-system", NadTemplate.NameFor(name)), Nad(name, "kube-system"), false, Token);
        var network = await networks.CreateAsync(V3Network.Create(name, KubeApiServer.NextVni(), "10.153.0.0/16"), Token);

        Assert.True(inOwn.Succeeded, inOwn.Message);
        Assert.Equal("You may change objects only in namespace default, not in kube-system.", elsewhere.Message);
        Assert.Contains("cluster-wide objects need an operator without namespace limits", network.Error, StringComparison.Ordinal);
        Assert.Null(await objects.GetAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "kube-system", NadTemplate.NameFor(name)), Token));
        Assert.Null(await objects.GetAsync(new ObjectRef(ManagedKind.Network, null, name), Token));
    }

    [Fact]
    public async Task Writes_NameTheSignedInUserAsTheFieldManager()
    {
        await using var scope = await server.SignedInScopeAsync(ConsoleRoles.Operator);
        var user = (await scope.ServiceProvider.GetRequiredService<CurrentUser>().GetAsync()).Identity!.Name;
        var name = KubeApiServer.UniqueName("author");

        var created = await scope.ServiceProvider.GetRequiredService<INetworkWriter>().CreateAsync(V3Network.Create(name, KubeApiServer.NextVni(), "10.154.0.0/16"), Token);
        var nad = await scope.ServiceProvider.GetRequiredService<IKubeObjectClient>()
            .ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", NadTemplate.NameFor(name)), Nad(name, "default"), false, Token);

        Assert.True(created.Succeeded, created.Error);
        Assert.True(nad.Succeeded, nad.Message);
        Assert.Equal($"multinet-console:{user}", FieldManagers.LastWriter((await NetworkJson.GetAsync(server.Client, name, Token)).Metadata));
        Assert.Equal($"multinet-console:{user}", FieldManagers.LastWriter(KubernetesJson.Deserialize<k8s.Models.V1ObjectMeta>(nad.Object!["metadata"]!.ToJsonString())));
    }

    [Fact]
    public async Task OutsideAPage_NobodyIsSignedIn_AndWritesAreRefused()
    {
        await using var scope = server.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<INetworkWriter>()
            .CreateAsync(V3Network.Create(KubeApiServer.UniqueName("nobody"), KubeApiServer.NextVni(), "10.155.0.0/16"), Token);

        Assert.Equal("Sign in to make changes.", result.Error);
    }

    private static JsonObject Nad(string network, string @namespace)
    {
        var nad = NadTemplate.For(network);
        nad["metadata"]!["namespace"] = @namespace;
        return nad;
    }

    private static JsonObject ToJson(V3Network network) => JsonNode.Parse(KubernetesJson.Serialize(network))!.AsObject();
}
