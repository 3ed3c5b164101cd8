using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// With a kubeconfig the console talks to that cluster instead of serving its own API: here the "cluster" is another
/// console's embedded API, reached only through the kubeconfig, as a real kube-apiserver would be.
/// </summary>
public sealed class ExternalClusterTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task Kubeconfig_Configured_ConsoleShowsThatClustersNetworksAndServesNoApiOfItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        var apply = await cluster.Kubectl.RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        await using var console = await WebProcess.StartAsync(["--Multinet:Kubeconfig", cluster.Web.KubeconfigPath!, "--Multinet:SimulatedNodes", "3"],
            waitForKubeconfig: false, cancellationToken: ct);
        using var http = await console.HttpClientAsync(TestContext.Current.CancellationToken);
        await using var feed = await LiveFeed.ConnectAsync(console, ct);
        await feed.WaitForAsync(snapshot => snapshot.GetProperty("networks").GetArrayLength() == 2, ct);

        var networks = await http.GetFromJsonAsync<JsonElement>("/api/v1/networks", ct);
        Assert.Equal(["blue", "red"], networks.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/k8s/api", ct)).StatusCode);
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/v1/nodes", ct)).GetArrayLength());
        Assert.False(File.Exists(Path.Combine(console.DataDir, "kubeconfig")));
    }
}
