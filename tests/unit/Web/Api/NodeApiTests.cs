using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Api;

public sealed class NodeApiTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task GetNode_ReportedInventory_ReturnsEveryCollectionInCamelCase()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = server.Services.GetRequiredService<LiveState>();
        live.NodeConnected("api-node-1", "Vpp", "1.2.0");
        live.NodeSnapshot("api-node-1", SampleInventory.Full());
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        var node = await http.GetFromJsonAsync<JsonElement>("/api/v1/nodes/api-node-1", ct);

        Assert.Equal(
            ["name", "connected", "lastSeen", "dataplane", "agentVersion", "stale", "vrfs", "tunnels", "memifs", "taps", "routes", "services", "policies", "errors", "lastApply"],
            node.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Vpp", node.GetProperty("dataplane").GetString());
        var vrf = node.GetProperty("vrfs")[0];
        Assert.Equal((56u, 4, "Applied"), (vrf.GetProperty("tableId").GetUInt32(), vrf.GetProperty("routeCount").GetInt32(), vrf.GetProperty("state").GetString()));
        var tunnels = node.GetProperty("tunnels");
        Assert.Equal(["up", "down"], tunnels.EnumerateArray().Select(t => t.GetProperty("state").GetString()));
        Assert.Equal(
            ["network", "peerNode", "vni", "src", "dst", "state", "rxPackets", "txPackets", "rxBytes", "txBytes"],
            tunnels[0].EnumerateObject().Select(p => p.Name));
        var memif = node.GetProperty("memifs")[0];
        Assert.Equal(
            ["namespace", "pod", "interface", "network", "socket", "role", "mode", "rxQueues", "txQueues", "link", "rxPackets", "txPackets", "rxBytes", "txBytes", "drops", "mac"],
            memif.EnumerateObject().Select(p => p.Name));
        Assert.Equal("up", memif.GetProperty("link").GetString());
        Assert.Equal("02:fe:00:00:00:09", memif.GetProperty("mac").GetString());
        Assert.Equal(("tap3", "02:fe:00:00:00:0a"), (node.GetProperty("taps")[0].GetProperty("hostInterface").GetString(), node.GetProperty("taps")[0].GetProperty("mac").GetString()));
        Assert.Equal("default/pod-a/memif1", node.GetProperty("routes")[0].GetProperty("via").GetString());
        Assert.Equal(2, node.GetProperty("services")[0].GetProperty("backends").GetArrayLength());
        Assert.Equal(3, node.GetProperty("policies")[0].GetProperty("ruleCount").GetInt32());
        var rule = node.GetProperty("policies")[0].GetProperty("rules")[0];
        Assert.Equal(
            ("default/allow-web", "ingress", "Allow", "TCP", "10.0.0.0/8", "8000:8080"),
            (rule.GetProperty("policy").GetString(), rule.GetProperty("direction").GetString(), rule.GetProperty("action").GetString(),
                rule.GetProperty("protocol").GetString(), rule.GetProperty("nets")[0].GetString(), rule.GetProperty("ports")[1].GetString()));
        Assert.Equal("tunnel blue/node-3", node.GetProperty("errors")[0].GetProperty("object").GetString());
        var lastApply = node.GetProperty("lastApply");
        Assert.Equal((12.5, 9, 1), (lastApply.GetProperty("durationMs").GetDouble(), lastApply.GetProperty("operations").GetInt32(), lastApply.GetProperty("failures").GetInt32()));
    }

    [Fact]
    public async Task GetNode_Unknown_Is404WithAProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        using var response = await http.GetAsync("/api/v1/nodes/no-such-node", ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Contains("no-such-node", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListNodes_CountsTunnelsAndMemifsUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = server.Services.GetRequiredService<LiveState>();
        live.NodeSnapshot("api-node-2", SampleInventory.Full());
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        var nodes = await http.GetFromJsonAsync<JsonElement>("/api/v1/nodes", ct);

        var node = nodes.EnumerateArray().Single(n => n.GetProperty("name").GetString() == "api-node-2");
        Assert.Equal((1, 2, 1, 1), (node.GetProperty("tunnelsUp").GetInt32(), node.GetProperty("tunnelsTotal").GetInt32(),
            node.GetProperty("memifsUp").GetInt32(), node.GetProperty("memifsTotal").GetInt32()));
    }
}
