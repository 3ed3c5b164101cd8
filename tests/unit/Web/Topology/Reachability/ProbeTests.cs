using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Shared.Contracts;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.State;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>
/// Probes through the whole chain: the REST endpoint, the console's probe over the real gRPC stream to two real agents,
/// their simulated dataplanes on one fabric answering from their tables, and back. Then the refusals: viewers, bad
/// endpoints, a stopped agent, and a user's allowance spent.
/// </summary>
public sealed class ProbeTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_BlueToBlue_AllReplies_BlueToRed_None_TunnelDown_None_AgentStopped_NotConnected()
    {
        var live = server.Services.GetRequiredService<LiveState>();
        var reachability = server.Services.GetRequiredService<ReachabilityService>();
        var (blue, red) = (KubeApiServer.UniqueName("blue"), KubeApiServer.UniqueName("red"));
        var (node1, node2) = (KubeApiServer.UniqueName("node"), KubeApiServer.UniqueName("node"));
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(blue, KubeApiServer.NextVni(), "172.19.0.0/16"), Token);
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(red, KubeApiServer.NextVni(), "172.20.0.0/16"), Token);
        await ReachabilityClusterObjects.CreateNadAsync(server.Client, blue, Token);
        await ReachabilityClusterObjects.CreateNadAsync(server.Client, red, Token);
        await ReachabilityClusterObjects.CreateNodeAsync(server.Client, node1, "10.8.0.1", Token);
        await ReachabilityClusterObjects.CreateNodeAsync(server.Client, node2, "10.8.0.2", Token);
        var a = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node1, blue, "172.19.0.1", Token);
        var b = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node2, blue, "172.19.0.2", Token);
        var r = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node2, red, "172.20.0.2", Token);
        var (from, toBlue, toRed) = ($"pod/default/{a}@{blue}", $"pod/default/{b}@{blue}", $"pod/default/{r}@{red}");

        var fabric = new SimulatedFabric();
        var dataplane1 = new SimulatedDataplane { Fabric = fabric };
        using var agent1 = await StartAgentAsync(node1, dataplane1);
        using var agent2 = await StartAgentAsync(node2, new SimulatedDataplane { Fabric = fabric });
        await live.WaitForAsync(s => reachability.Check(s, from, toBlue).Answer?.Verdict == ReachabilityVerdict.Reachable
            && s.Nodes.TryGetValue(node2, out var n2) && n2.Vrfs.Any(v => v.Network == red));
        using var http = await server.ApiClientAsync(ConsoleRoles.Operator);

        var replied = await ProbeAsync(http, from, toBlue);
        Assert.Equal(("Answered", 3, 3, node1), (replied.GetProperty("status").GetString(), replied.GetProperty("sent").GetInt32(),
            replied.GetProperty("received").GetInt32(), replied.GetProperty("node").GetString()));
        Assert.StartsWith("probed: 3/3 replies at ", replied.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Delivered on {node2}", replied.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Red's pod is on another Network: nothing is sent, and the answer says why.
        var isolated = await ProbeAsync(http, from, toRed);
        Assert.Equal(("NotSent", 0, 0), (isolated.GetProperty("status").GetString(), isolated.GetProperty("sent").GetInt32(), isolated.GetProperty("received").GetInt32()));
        Assert.Contains("the Networks are isolated", isolated.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Its address, probed in blue's VRF: blue holds no route to it.
        var address = await ProbeAsync(http, from, $"ip/172.20.0.2@{blue}");
        Assert.Equal(("Answered", 3, 0), (address.GetProperty("status").GetString(), address.GetProperty("sent").GetInt32(), address.GetProperty("received").GetInt32()));
        Assert.Contains("No route to 172.20.0.2", address.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.True(dataplane1.SetTunnelLink(blue, node2, up: false));
        var cut = await ProbeAsync(http, from, toBlue);
        Assert.Equal(0, cut.GetProperty("received").GetInt32());
        Assert.Contains("is down: dropped", cut.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(dataplane1.SetTunnelLink(blue, node2, up: true));
        Assert.Equal(3, (await ProbeAsync(http, from, toBlue)).GetProperty("received").GetInt32());

        await agent1.StopAsync(Token);
        await live.WaitForAsync(s => !s.Nodes[node1].Connected);
        var silent = await ProbeAsync(http, from, toBlue);
        Assert.Equal(("AgentNotConnected", 0), (silent.GetProperty("status").GetString(), silent.GetProperty("sent").GetInt32()));
        Assert.Equal($"not probed: the agent on {node1} is not connected", silent.GetProperty("summary").GetString());
        await agent2.StopAsync(Token);
    }

    [Fact]
    public async Task Probe_AsAViewer_Is403_Anonymous_401()
    {
        using var viewer = await server.ApiClientAsync(ConsoleRoles.Viewer);
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.HttpUrl) };

        using var refused = await viewer.PostAsync(new Uri("/api/v1/reachability/probe?from=pod/default/a@blue&to=pod/default/b@blue", UriKind.Relative), null, Token);
        using var unknown = await anonymous.PostAsync(new Uri("/api/v1/reachability/probe?from=pod/default/a@blue&to=pod/default/b@blue", UriKind.Relative), null, Token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (refused.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task Probe_BadEndpoints_Are400KeyedByField()
    {
        var blue = KubeApiServer.UniqueName("blue");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(blue, KubeApiServer.NextVni(), "172.21.0.0/16"), Token);
        await server.Services.GetRequiredService<LiveState>().WaitForAsync(s => s.Networks.ContainsKey(blue));
        using var http = await server.ApiClientAsync(ConsoleRoles.Operator);

        using var missing = await http.PostAsync(new Uri($"/api/v1/reachability/probe?to=svc/default/web", UriKind.Relative), null, Token);
        using var nobody = await http.PostAsync(new Uri($"/api/v1/reachability/probe?from=ip/172.21.0.9@{blue}&to=ip/172.21.0.8@{blue}", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["from"], (await Errors(missing)).Select(e => e.Name));
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        var errors = await Errors(nobody);
        Assert.Equal(["from"], errors.Select(e => e.Name));
        Assert.Contains("a probe is sent from a pod's node", errors[0].Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_AUsersAllowance_IsTenAMinute_OthersStillProbe()
    {
        var blue = KubeApiServer.UniqueName("blue");
        var node = KubeApiServer.UniqueName("node");
        var live = server.Services.GetRequiredService<LiveState>();
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(blue, KubeApiServer.NextVni(), "172.22.0.0/16"), Token);
        await ReachabilityClusterObjects.CreateNadAsync(server.Client, blue, Token);
        var a = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node, blue, "172.22.0.1", Token);
        await live.WaitForAsync(s => s.Objects.Pods.ContainsKey($"default/{a}") && s.Objects.Nads.ContainsKey($"default/{blue}") && s.Networks.ContainsKey(blue));
        var path = new Uri($"/api/v1/reachability/probe?from=pod/default/{a}@{blue}&to=ip/172.22.0.2@{blue}", UriKind.Relative);
        using var busy = await server.ApiClientAsync(ConsoleRoles.Operator);
        using var other = await server.ApiClientAsync(ConsoleRoles.Admin);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ProbeService.PermitsPerMinute; i++)
        {
            using var response = await busy.PostAsync(path, null, Token);
            statuses.Add(response.StatusCode);
        }

        using var fromOther = await other.PostAsync(path, null, Token);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, ProbeService.PermitsPerMinute), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromOther.StatusCode);
        Assert.Equal("AgentNotConnected", (await fromOther.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetString());
    }

    private static async Task<JsonElement> ProbeAsync(HttpClient http, string from, string to)
    {
        using var response = await http.PostAsync(new Uri($"/api/v1/reachability/probe?from={from}&to={to}", UriKind.Relative), null, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static async Task<List<JsonProperty>> Errors(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").EnumerateObject()];

    private async Task<IHost> StartAgentAsync(string node, SimulatedDataplane dataplane)
    {
        var options = new AgentOptions
        {
            NodeName = node,
            ConsoleUrl = server.Services.GetRequiredService<IAgentGatewayAddress>().Url,
            ConsoleToken = server.Services.GetRequiredService<IAgentCredentialSource>().Credential,
            Kubeconfig = server.Info.KubeconfigPath,
            Dataplane = DataplaneKinds.Simulated,
        };
        var agent = AgentHost.CreateBuilder(options, dataplane).Build();
        await agent.StartAsync(Token);
        return agent;
    }
}
