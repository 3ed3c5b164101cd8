using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.State;
using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>
/// The reachability and isolation REST endpoints through the whole console: Networks, NADs and pods written to its
/// embedded API and read back by its watches, a node's report put into its live state as the gateway would.
/// </summary>
public sealed class ReachabilityApiTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LiveState Live => server.Services.GetRequiredService<LiveState>();

    private async Task<(string Blue, string Red)> CreateNetworksAsync()
    {
        var blue = KubeApiServer.UniqueName("blue");
        var red = KubeApiServer.UniqueName("red");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(blue, KubeApiServer.NextVni(), "172.19.0.0/16"), Token);
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(red, KubeApiServer.NextVni(), "172.19.0.0/16"), Token);
        await Live.WaitForAsync(s => s.Networks.ContainsKey(blue) && s.Networks.ContainsKey(red));
        return (blue, red);
    }

    [Fact]
    public async Task Reachability_PodsWrittenToTheApi_AndANodesReport_GiveTheAnswerAsJson()
    {
        var (blue, _) = await CreateNetworksAsync();
        var node = KubeApiServer.UniqueName("node");
        await ReachabilityClusterObjects.CreateNadAsync(server.Client, blue, Token);
        var a = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node, blue, "172.19.0.1", Token);
        var b = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node, blue, "172.19.0.2", Token);
        await Live.WaitForAsync(s => s.Objects.Pods.ContainsKey($"default/{a}") && s.Objects.Pods.ContainsKey($"default/{b}") && s.Objects.Nads.ContainsKey($"default/{blue}"));
        Live.NodeConnected(node, "Simulated", "1.0");
        Live.NodeSnapshot(node, new NodeInventory
        {
            Vrfs = [new VrfStatus(blue, 56, VrfState.Applied, null, 1, DateTime.UtcNow)],
            Taps = [new TapStatus("default", a, "eth1", blue, "172.19.0.1/32") { LinkUp = true }, new TapStatus("default", b, "eth1", blue, "172.19.0.2/32") { LinkUp = true }],
            Routes = [new RouteStatus(blue, "172.19.0.1/32", $"default/{a}/eth1"), new RouteStatus(blue, "172.19.0.2/32", $"default/{b}/eth1")],
        });
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/reachability?from=pod/default/{a}@{blue}&to=ip/172.19.0.2@{blue}", Token);

        Assert.Equal("Reachable", answer.GetProperty("verdict").GetString());
        Assert.Equal($"pod/default/{a}@{blue}", answer.GetProperty("from").GetString());
        Assert.Equal(TopologyIds.Interface("default", b, blue), answer.GetProperty("elementIds").EnumerateArray().Last().GetString());
        var hop = answer.GetProperty("hops")[1];
        Assert.Equal(["id", "kind", "node", "ok", "reason", "element"], hop.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Interface", node, true), (hop.GetProperty("kind").GetString(), hop.GetProperty("node").GetString(), hop.GetProperty("ok").GetBoolean()));
        Assert.StartsWith("Computed from reported state at ", answer.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Isolation_AReportedSharedTable_IsAViolation_AndOverlappingRangesOnlyANote()
    {
        var (blue, red) = await CreateNetworksAsync();
        var node = KubeApiServer.UniqueName("node");
        Live.NodeConnected(node, "Simulated", "1.0");
        Live.NodeSnapshot(node, [new VrfStatus(blue, 7, VrfState.Applied, null, 1, null), new VrfStatus(red, 7, VrfState.Applied, null, 1, null)]);
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/isolation?a={blue}&b={red}", Token);

        Assert.False(answer.GetProperty("isolated").GetBoolean());
        var violation = Assert.Single(answer.GetProperty("violations").EnumerateArray());
        Assert.Equal(("SharedTable", node), (violation.GetProperty("kind").GetString(), violation.GetProperty("node").GetString()));
        Assert.Contains(answer.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not a violation by itself", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/reachability?from=pod/default/a&to=svc/default/web", "from", "a pod endpoint names its network")]
    [InlineData("/api/v1/reachability?from=pod/default/nobody@nowhere", "to", "Required: an endpoint such as")]
    [InlineData("/api/v1/reachability?from=pod/default/nobody@nowhere&to=ip/10.0.0.1@nowhere", "from", "No Network named \"nowhere\"")]
    [InlineData("/api/v1/isolation?a=nowhere", "a", "No Network named \"nowhere\"")]
    [InlineData("/api/v1/isolation?a=x&b=", "b", "Required: the name of a Network.")]
    public async Task MalformedOrUnknownEndpoints_Are400ProblemsNamingTheParameter(string url, string field, string message)
    {
        using var http = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        using var response = await http.GetAsync(url, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutCredentials_Is401_AndAUserWhosePasswordMustChange_Is403()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.HttpUrl) };
        var (user, password) = await server.CreateUserAsync(ConsoleRoles.Viewer);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ConsoleUser>>();
            var stored = (await users.FindByNameAsync(user.UserName!))!;
            stored.MustChangePassword = true;
            await users.UpdateAsync(stored);
        }

        using var browser = Multinet.UnitTests.Web.Auth.FormSignIn.NewBrowser(server.HttpUrl);
        using var signIn = await Multinet.UnitTests.Web.Auth.FormSignIn.PostAsync(browser, user.UserName!, password, Token, "/login");

        foreach (var url in new[] { "/api/v1/reachability?from=pod/a/b@c&to=pod/a/d@c", "/api/v1/isolation?a=x&b=y" })
        {
            using var nobody = await anonymous.GetAsync(url, Token);
            using var gated = await browser.GetAsync(url, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, gated.StatusCode);
        }
    }
}
