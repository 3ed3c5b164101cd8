using k8s;
using Microsoft.Extensions.Options;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Cluster;
using Multinet.Web.Configuration;

namespace Multinet.UnitTests.Web.Cluster;

/// <summary>On a real cluster the console's writes go as the person (Impersonate-User/Group); its own reads and watches stay its own.</summary>
public sealed class ImpersonationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientForAPerson_SendsImpersonationHeaders_TheConsolesOwnDoesNot()
    {
        await using var api = await FakeKubernetesApi.StartAsync(Token);
        using var access = new ClusterAccess(new ConfiguredKubeconfigSource(Options.Create(new MultinetOptions { Kubeconfig = api.WriteKubeconfig() })), impersonate: true);

        await (await access.GetClientAsync(new WriteActor("alice@example.com", "operator"), Token)).CustomObjects
            .ListClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);
        await (await access.GetClientAsync(Token)).CustomObjects
            .ListClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);

        Assert.Equal([("alice@example.com", "multinet-console:operator"), ("", "")], api.ListIdentities);
    }

    [Fact]
    public async Task WithoutImpersonation_APersonsWritesUseTheConsolesClient()
    {
        await using var api = await FakeKubernetesApi.StartAsync(Token);
        using var access = new ClusterAccess(new ConfiguredKubeconfigSource(Options.Create(new MultinetOptions { Kubeconfig = api.WriteKubeconfig() })));

        Assert.Same(await access.GetClientAsync(Token), await access.GetClientAsync(new WriteActor("alice", "admin"), Token));
    }

    [Theory]
    [InlineData("alice", "multinet-console:alice")]
    [InlineData("zoë smith", "multinet-console:zo__smith")]
    public void FieldManager_NamesThePersonInPrintableAscii(string user, string manager) =>
        Assert.Equal(manager, new WriteActor(user, "viewer").FieldManager);
}
