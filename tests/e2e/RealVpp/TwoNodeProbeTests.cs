using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// The console's probe on two real VPPs (see <see cref="TwoNodeCluster"/>): an operator asks the real console
/// <c>POST /api/v1/reachability/probe</c>; the console sends the request over the agent's gRPC stream; the source node's
/// agent pings with <c>cli_inband</c> in the Network's VRF on its VPP; the replies come back as counted. Enabled by
/// <c>MULTINET_VPP_BUILD</c> and needs root, like <see cref="TwoNodeTrafficTests"/>. Networks blue (VNI 56) and red (VNI 88)
/// share the range 10.10.0.0/24: red-b (node-2) holds 10.10.0.11, which is blue-a's address (node-1) in blue. Red
/// carries the warm-up (see <see cref="WarmUpRedAsync"/>), so blue's pods are first reached by the probes themselves.
/// Both directions are probed (each node's agent pings from its own VPP, while its periodic dumps run), then the reverse
/// one again under a policy denying ingress to blue-a.
/// </summary>
[Collection(nameof(RealVppCollection))]
public sealed class TwoNodeProbeTests(BrowserFixture browser)
{
    private const uint Blue = 56;

    private static readonly (string Pod, string Node, string Network, string Address, string Mac)[] s_pods =
    [
        ("blue-a", "node-1", "blue", "10.10.0.11", "02:fe:aa:00:00:11"),
        ("red-a", "node-1", "red", "10.10.0.21", "02:fe:bb:00:00:21"),
        ("blue-b", "node-2", "blue", "10.10.0.12", "02:fe:aa:00:00:12"),
        ("red-b", "node-2", "red", "10.10.0.11", "02:fe:bb:00:00:11"),
    ];

    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_ProbesBlueAcrossTwoVpps_ThreeOfThreeBothWays_NoPodAddress_NotSentByVpp_RedPod_NotSent_DeniedPod_NoReply()
    {
        var build = Environment.GetEnvironmentVariable(TwoNodeCluster.BuildVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(build),
            $"{TwoNodeCluster.BuildVariable} is not set: no VPP build to run two real nodes on (see README, \"Test it\").");
        ITestOutputHelper log = new TranscriptOutput(TestContext.Current.TestOutputHelper!);
        await using var cluster = await TwoNodeCluster.StartAsync(build, Token);
        try
        {
            log.WriteLine((await cluster.Nodes["node-1"].CliAsync("show version", Token)).Trim());
            await cluster.ApplyAsync(Objects(), Token);
            await cluster.PublishUnderlayAddressesAsync(Token);

            cluster.StartAgent("node-1");
            cluster.StartAgent("node-2");
            foreach (var (pod, node, _, address, mac) in s_pods)
            {
                await TwoNodeCluster.WaitForAsync(async () =>
                {
                    var memifs = await cluster.Nodes[node].CliAsync("show memif", Token);
                    return (memifs.Contains(TwoNodeCluster.MemifSocket(pod), StringComparison.Ordinal) && File.Exists(TwoNodeCluster.MemifSocket(pod)), memifs);
                }, $"the agent of {node} creates the memif of {pod}", s_ceiling, Token);
                cluster.StartPod(pod, address, mac);
            }

            await WaitForBlueAsync(cluster);
            var probe = await OperatorAsync(cluster);
            await WarmUpRedAsync(cluster, log);
            foreach (var node in cluster.Nodes.Keys)
            {
                await cluster.Nodes[node].CliAsync("trace add memif-input 50", Token);
            }

            // blue-a (node-1) → blue-b (node-2): node-1's VPP pings 10.10.0.12 in blue's table, through the VXLAN tunnel.
            var across = await ProbeAsync(probe, log, "pod/default/blue-a@blue", "pod/default/blue-b@blue");
            Assert.Equal(("Answered", "node-1", 3, 3), (Text(across, "status"), Text(across, "node"), across.GetProperty("sent").GetInt32(), across.GetProperty("received").GetInt32()));
            Assert.Equal("Vpp", Text(across, "dataplane"));
            Assert.Contains($"ping 10.10.0.12 table-id {Blue} repeat 3", Text(across, "detail"), StringComparison.Ordinal);
            Assert.StartsWith("probed: 3/3 replies at ", Text(across, "summary"), StringComparison.Ordinal);
            log.WriteLine($"node-2$ vppctl show ip neighbors\n{await cluster.Nodes["node-2"].CliAsync("show ip neighbors", Token)}");

            // blue-b (node-2) → blue-a (node-1): node-2's VPP pings 10.10.0.11 in blue's table (on node-2 the same address is
            // red-b's in red's table), back through the tunnel; node-1 resolves blue-a on the uncounted request.
            var back = await ProbeAsync(probe, log, "pod/default/blue-b@blue", "pod/default/blue-a@blue");
            Assert.Equal(("Answered", "node-2", 3, 3), (Text(back, "status"), Text(back, "node"), back.GetProperty("sent").GetInt32(), back.GetProperty("received").GetInt32()));
            Assert.Contains($"ping 10.10.0.11 table-id {Blue} repeat 3", Text(back, "detail"), StringComparison.Ordinal);

            // An address of blue's range that no pod holds: blue's table has no route to it, VPP sends nothing, and says so.
            var nobody = await ProbeAsync(probe, log, "pod/default/blue-a@blue", "ip/10.10.0.99@blue");
            Assert.Equal(("Failed", 0, 0), (Text(nobody, "status"), nobody.GetProperty("sent").GetInt32(), nobody.GetProperty("received").GetInt32()));
            Assert.Contains("VPP sent no echo request (the table has no route to the address)", Text(nobody, "summary"), StringComparison.Ordinal);

            // red-b is on red: nothing is sent (in blue's VRF its address is blue-a's own, which would answer), and it says why.
            var red = await ProbeAsync(probe, log, "pod/default/blue-a@blue", "pod/default/red-b@red");
            Assert.Equal(("NotSent", 0, 0), (Text(red, "status"), red.GetProperty("sent").GetInt32(), red.GetProperty("received").GetInt32()));
            Assert.Contains("the Networks are isolated", Text(red, "summary"), StringComparison.Ordinal);

            // A policy denying ingress to blue-a on blue: node-2's probe is still sent and answered by VPP, and counts what
            // came back, none (node-1 drops the requests at blue-a's memif, by the policy's ACL).
            await cluster.ApplyAsync(DenyPolicy, Token);
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var acls = await cluster.Nodes["node-1"].CliAsync("show acl-plugin acl", Token);
                return (acls.Contains("mn:p:", StringComparison.Ordinal), acls);
            }, "node-1 binds the policy's ACLs", s_ceiling, Token);
            var denied = await ProbeAsync(probe, log, "pod/default/blue-b@blue", "pod/default/blue-a@blue");
            Assert.Equal(("Answered", "node-2", 3, 0), (Text(denied, "status"), Text(denied, "node"), denied.GetProperty("sent").GetInt32(), denied.GetProperty("received").GetInt32()));
            Assert.StartsWith("probed: 0/3 replies at ", Text(denied, "summary"), StringComparison.Ordinal);
        }
        catch (Exception)
        {
            log.WriteLine(cluster.Diagnostics());
            foreach (var node in cluster.Nodes.Keys)
            {
                foreach (var command in new[] { "show errors", "show ip neighbors", "show interface", "show memif", "show trace max 50" })
                {
                    log.WriteLine($"{node}$ vppctl {command}\n{await cluster.Nodes[node].CliAsync(command, Token)}");
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Traffic on red before any probe, one ping each way whose result is only logged: the first flow through cnat (the
    /// pod interfaces carry its feature) is held by this Debug VPP until its main loop next wakes, seconds later (a trace
    /// shows a reply entering ip4-input and leaving cnat-input-ip4 5.5 s apart), once per VPP. Blue's pods stay
    /// unresolved: the probes still meet VPP dropping the packet that resolves a neighbour.
    /// </summary>
    private static async Task WarmUpRedAsync(TwoNodeCluster cluster, ITestOutputHelper log)
    {
        log.WriteLine("warm-up: " + (await cluster.PingAsync("node-1", "10.10.0.11", 88, 10, Token)).Output);
        log.WriteLine("warm-up: " + (await cluster.PingAsync("node-2", "10.10.0.21", 88, 10, Token)).Output);
    }

    /// <summary>Ingress to blue-a denied, on network blue only.</summary>
    private const string DenyPolicy = """
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata:
          name: deny-blue-a
          namespace: default
        spec:
          selector: app == 'probed'
          ingress:
          - action: Deny
            metadata:
              annotations:
                extensions.projectcalico.org/network: "blue"
        """;

    private static string Text(JsonElement answer, string property) => answer.GetProperty(property).GetString() ?? "";

    /// <summary>The probe as the operator sends it, logged with what VPP said (the answer's detail quotes its ping statistics).</summary>
    private static async Task<JsonElement> ProbeAsync(IAPIRequestContext operatorApi, ITestOutputHelper log, string from, string to)
    {
        var response = await operatorApi.PostAsync($"/api/v1/reachability/probe?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        var body = await response.TextAsync();
        log.WriteLine($"POST /api/v1/reachability/probe {from} → {to}: {response.Status}\n{body}");
        Assert.True(response.Status == 200, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Both blue memifs and blue's tunnel up, as the agents report them to the console.</summary>
    private static async Task WaitForBlueAsync(TwoNodeCluster cluster)
    {
        foreach (var node in cluster.Nodes.Keys)
        {
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var report = await cluster.NodeAsync(node, Token);
                var memifs = report.GetProperty("memifs").EnumerateArray().ToList();
                var tunnels = report.GetProperty("tunnels").EnumerateArray().ToList();
                var done = report.GetProperty("connected").GetBoolean() && memifs.Count == s_pods.Count(p => p.Node == node)
                    && memifs.All(m => m.GetProperty("link").GetString() == "up")
                    && tunnels.Any(t => t.GetProperty("state").GetString() == "up") && report.GetProperty("errors").GetArrayLength() == 0;
                return (done, report.ToString());
            }, $"{node}: its memifs up and a tunnel up, no error", s_ceiling, Token);
        }
    }

    /// <summary>An operator made by the admin on /users, signed in with the one-time password: that person's API requests.</summary>
    private async Task<IAPIRequestContext> OperatorAsync(TwoNodeCluster cluster)
    {
        var admin = await (await browser.Browser.NewSignedInContextAsync(cluster.Console, Token)).NewPageAsync();
        admin.Context.SetDefaultTimeout(BrowserFixture.Patience);
        await admin.OpenAsync("/users");
        await admin.Locator("#user-create-name").FillAsync("prober");
        await admin.SelectOptionAsync(admin.GetByTestId("user-create"), "user-create-role", "operator");
        await admin.GetByTestId("user-create-submit").ClickAsync();
        var password = (await admin.GetByTestId("user-one-time-password-value").TextContentAsync())!.Trim();
        await admin.Context.CloseAsync();

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = cluster.Console.BaseUrl.ToString() });
        context.SetDefaultTimeout(BrowserFixture.Patience);
        var person = await context.NewPageAsync();
        await person.SignInWithOneTimePasswordAsync("prober", password, "probing two real VPPs");
        await Expect(person.GetByTestId("user-menu-open")).ToContainTextAsync("prober (operator)");
        return context.APIRequest;
    }

    private static string Objects()
    {
        var yaml = new StringBuilder();
        foreach (var node in TwoNodeCluster.Underlay.Keys)
        {
            yaml.AppendLine($"""
                apiVersion: v1
                kind: Node
                metadata:
                  name: {node}
                ---
                """);
        }

        yaml.AppendLine(TwoNodeCluster.NetworkYaml("blue", Blue, "10.10.0.0/24"));
        yaml.AppendLine(TwoNodeCluster.NetworkYaml("red", 88, "10.10.0.0/24"));
        foreach (var (pod, node, network, address, _) in s_pods)
        {
            yaml.AppendLine(TwoNodeCluster.PodYaml(pod, node, $"network-{network}-conf", address, 24, pod == "blue-a" ? "probed" : null));
        }

        return yaml.ToString();
    }
}
