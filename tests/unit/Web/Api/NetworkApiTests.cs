using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Api;
using Multinet.Web.Auth;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Api;

public sealed class NetworkApiTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public void NetworkStatus_EachNodesVrf_GenerationAndErrorArePerNode()
    {
        var live = new LiveState(new FakeTimeProvider(SampleInventory.AppliedAt));
        live.UpsertNetwork(TestNetworks.Blue(generation: 3));
        live.NodeConnected("node-1", "Simulated", "1.0");
        live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 3, SampleInventory.AppliedAt)]);
        live.NodeConnected("node-2", "Simulated", "1.0");
        live.NodeSnapshot("node-2", [new VrfStatus("blue", 56, VrfState.Applied, null, 2, SampleInventory.AppliedAt)]);
        live.NodeConnected("node-3", "Simulated", "1.0");
        live.NodeSnapshot("node-3", [new VrfStatus("blue", 0, VrfState.Error, "NO_SUCH_FIB", 3, null)]);

        var blue = NetworkStatusDto.From(live.Current, "blue");

        Assert.NotNull(blue);
        Assert.Equal((3L, 1, 3), (blue.Generation, blue.NodesReady, blue.NodesTotal));
        Assert.Equal(
            [("node-1", "Applied", true, 3L, (string?)null), ("node-2", "Applied", false, 2L, null), ("node-3", "Error", false, 3L, "NO_SUCH_FIB")],
            blue.Nodes.Select(n => (n.Node, n.State, n.UpToDate, n.Generation ?? -1, n.Error)));
        Assert.Equal("Applied generation 2; 3 pending", blue.Nodes[1].Summary);
        Assert.Null(NetworkStatusDto.From(live.Current, "green"));
    }

    [Fact]
    public void NetworkStatus_NodeWithoutTheVrf_IsMissing()
    {
        var live = new LiveState(new FakeTimeProvider(SampleInventory.AppliedAt));
        live.UpsertNetwork(TestNetworks.Red());
        live.NodeConnected("node-1", "Simulated", "1.0");
        live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, SampleInventory.AppliedAt)]);

        var red = Assert.Single(NetworkStatusDto.From(live.Current));

        var node = Assert.Single(red.Nodes);
        Assert.Equal(("Missing", false, (uint?)null), (node.State, node.UpToDate, node.TableId));
    }

    [Fact]
    public async Task GetNetwork_Unknown_Is404WithAProblemNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        using var response = await http.GetAsync("/api/v1/networks/no-such-network", ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Contains("no-such-network", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
