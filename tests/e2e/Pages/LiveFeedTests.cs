using System.Net.Http.Json;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Pages;

/// <summary>What scripts see: the /hubs/live change feed and the REST inventory, against the real console and its simulated nodes.</summary>
public sealed class LiveFeedTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task LiveHub_NetworkAppliedWithKubectl_PublishesTheChangesAndRestShowsEveryNodesVrf()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var feed = await LiveFeed.ConnectAsync(cluster.Web, ct);
        var before = await feed.SnapshotAsync(ct);
        Assert.DoesNotContain(before.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == "blue");

        var apply = await cluster.Kubectl.RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        // Read the feed until it has announced both Networks and the snapshot shows blue applied on every node.
        await feed.WaitForAsync(snapshot => feed.Seen.Contains("NetworkUpserted/blue") && feed.Seen.Contains("NetworkUpserted/red")
            && BlueAppliedOnThreeNodes(snapshot.GetProperty("nodes")), ct);

        using var http = await cluster.Web.HttpClientAsync(TestContext.Current.CancellationToken);
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
