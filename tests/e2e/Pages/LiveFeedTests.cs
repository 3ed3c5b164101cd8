using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Pages;

/// <summary>What scripts see: the /hubs/live change feed and the REST inventory, against the real console and its simulated nodes.</summary>
public sealed class LiveFeedTests : IAsyncLifetime
{
    private readonly string _kubectlCache = Directory.CreateTempSubdirectory("multinet-kubectl-").FullName;
    private WebProcess _web = null!;
    private Kubectl _kubectl = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", "3"], cancellationToken: TestContext.Current.CancellationToken);
        _kubectl = new Kubectl("/usr/bin/kubectl", _web.KubeconfigPath!, _kubectlCache);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        Directory.Delete(_kubectlCache, recursive: true);
    }

    [Fact]
    public async Task LiveHub_NetworkAppliedWithKubectl_PublishesTheChangesAndRestShowsEveryNodesVrf()
    {
        var ct = TestContext.Current.CancellationToken;
        var changes = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_web.BaseUrl, "/hubs/live")).Build();
        hub.On<JsonElement>("changes", batch => changes.Writer.TryWrite(batch));
        await hub.StartAsync(ct);
        var before = await hub.InvokeAsync<JsonElement>("GetSnapshot", ct);
        Assert.DoesNotContain(before.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == "blue");

        var apply = await _kubectl.RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        // Read the feed until the snapshot it announces has blue applied on every node and both upserts came (they may
        // arrive in different batches, the snapshot ahead of them); record what kinds of change came.
        var kinds = new HashSet<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        JsonElement snapshot;
        do
        {
            var batch = await changes.Reader.ReadAsync(timeout.Token);
            kinds.UnionWith(batch.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()}/{c.GetProperty("name").GetString()}"));
            snapshot = await hub.InvokeAsync<JsonElement>("GetSnapshot", timeout.Token);
        }
        while (!BlueAppliedOnThreeNodes(snapshot.GetProperty("nodes")) || !kinds.IsSupersetOf(["NetworkUpserted/blue", "NetworkUpserted/red"]));

        Assert.Contains("NetworkUpserted/blue", kinds);
        Assert.Contains("NetworkUpserted/red", kinds);

        using var http = new HttpClient { BaseAddress = _web.BaseUrl };
        var nodes = await http.GetFromJsonAsync<JsonElement>("/api/v1/nodes", ct);
        Assert.True(BlueAppliedOnThreeNodes(nodes), nodes.ToString());
        foreach (var node in nodes.EnumerateArray())
        {
            Assert.True(node.GetProperty("connected").GetBoolean());
            var blue = node.GetProperty("vrfs").EnumerateArray().Single(v => v.GetProperty("network").GetString() == "blue");
            Assert.Equal(56, blue.GetProperty("tableId").GetInt32());
        }

        var networks = await http.GetFromJsonAsync<JsonElement>("/api/v1/networks", ct);
        var red = networks.EnumerateArray().Single(n => n.GetProperty("name").GetString() == "red");
        Assert.Equal(88, red.GetProperty("vni").GetInt32());
        var missing = await http.GetAsync("/api/v1/nodes/node-9", ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static bool BlueAppliedOnThreeNodes(JsonElement nodes) =>
        nodes.GetArrayLength() == 3 && nodes.EnumerateArray().All(node => node.GetProperty("vrfs").EnumerateArray()
            .Any(v => v.GetProperty("network").GetString() == "blue" && v.GetProperty("state").GetString() == "Applied"));
}
