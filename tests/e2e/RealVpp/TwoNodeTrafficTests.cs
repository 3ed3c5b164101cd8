using System.Text;
using System.Text.Json;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// Traffic between two real VPPs programmed by two real agents (see <see cref="TwoNodeCluster"/>). Enabled by
/// <c>MULTINET_VPP_BUILD</c> (the output directory of the VPP build: build/bin/vpp, build/bin/vppctl, the plugins and
/// libmemif-build/examples/icmp_responder); skipped with that message otherwise. Needs root (VPP, memif sockets under
/// /run/vpp/memif). Networks blue (VNI 56) and red (VNI 88) share the range 10.10.0.0/24: blue-a (node-1) and red-b
/// (node-2) both hold 10.10.0.11.
/// </summary>
[Collection(nameof(RealVppCollection))]
public sealed class TwoNodeTrafficTests
{
    private const uint Blue = 56;
    private const uint Red = 88;
    private const string Vip = "10.96.0.50";

    private static readonly (string Pod, string Node, string Nad, string Address, string Mac, string App)[] s_pods =
    [
        ("blue-a", "node-1", "network-blue-conf", "10.10.0.11", "02:fe:aa:00:00:11", "client"),
        ("red-a", "node-1", "network-red-conf", "10.10.0.21", "02:fe:bb:00:00:21", "client"),
        ("blue-b", "node-2", "network-blue-conf", "10.10.0.12", "02:fe:aa:00:00:12", "backend"),
        ("red-b", "node-2", "network-red-conf", "10.10.0.11", "02:fe:bb:00:00:11", "backend"),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TwoVpps_ForwardBlueToBlueNeverToRed_ServeTheVipInItsVrf_AndSurviveRestarts()
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
            await StartPodsAsync(cluster, s_pods.Select(p => p.Pod));
            await WaitForLinksAsync(cluster);
            await LogAsync(cluster, log, "node-1", $"show ip fib table {Blue}", "show vxlan tunnel", "show cnat translation", "show interface addr", "show memif");

            foreach (var node in cluster.Nodes.Keys)
            {
                await cluster.Nodes[node].CliAsync("trace add memif-input 30", Token);
            }

            await WarmUpAsync(cluster, log);

            // Blue pod on node-1 <-> blue pod on node-2, both directions.
            var toB = await cluster.PingAsync("node-1", "10.10.0.12", Blue, 5, Token);
            var redBBefore = await cluster.PacketsToPodAsync("node-2", "red-b", Token);
            var toA = await cluster.PingAsync("node-2", "10.10.0.11", Blue, 5, Token);
            log.WriteLine(toB.Output + toA.Output);
            Assert.True(toB.Received >= 3, $"node-1 blue -> blue-b (node-2): {toB.Output}");
            Assert.True(toA.Received >= 3, $"node-2 blue -> blue-a (node-1): {toA.Output}");

            // Blue never reaches red: red-b holds 10.10.0.11 too, on the node the ping left from; red-a's address is not blue's.
            Assert.Equal(redBBefore, await cluster.PacketsToPodAsync("node-2", "red-b", Token));
            var toRed = await cluster.PingAsync("node-1", "10.10.0.21", Blue, 3, Token);
            log.WriteLine(toRed.Output);
            Assert.Equal(0, toRed.Received);

            // A blue service VIP, sent to from blue-a on node-1, reaches its blue backend on node-2 (and never red-b).
            var blueB = await cluster.PacketsToPodAsync("node-2", "blue-b", Token);
            var redB = await cluster.PacketsToPodAsync("node-2", "red-b", Token);
            log.WriteLine("blue-a is " + await cluster.MemifInterfaceAsync("node-1", "blue-a", Token));
            log.WriteLine(await cluster.SendUdpFromPodAsync("node-1", "blue-a", "10.10.0.11", Vip, 80, 5, Token));
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var now = await cluster.PacketsToPodAsync("node-2", "blue-b", Token);
                return (now - blueB >= 5, $"{now - blueB} of 5 packets to blue-b");
            }, "the VIP's packets reach blue-b on node-2", s_ceiling, Token);
            Assert.Equal(redB, await cluster.PacketsToPodAsync("node-2", "red-b", Token));
            await LogAsync(cluster, log, "node-1", "show cnat translation", "show cnat session");

            // A denying policy on blue's backends stops traffic to blue-b; removing it restores it.
            await cluster.ApplyAsync(DenyPolicy, Token);
            await WaitForAclAsync(cluster, "node-2", present: true);
            await LogAsync(cluster, log, "node-2", "show acl-plugin acl", "show acl-plugin interface");
            var denied = await cluster.PingAsync("node-1", "10.10.0.12", Blue, 5, Token);
            log.WriteLine(denied.Output);
            Assert.Equal(0, denied.Received);
            await cluster.KubectlAsync(Token, "delete", "networkpolicies.crd.projectcalico.org", "deny-blue-backend", "-n", "default");
            await WaitForAclAsync(cluster, "node-2", present: false);
            var allowed = await cluster.PingAsync("node-1", "10.10.0.12", Blue, 5, Token);
            log.WriteLine(allowed.Output);
            Assert.True(allowed.Received >= 3, $"after the policy was removed: {allowed.Output}");

            // Agent restart mid-traffic: the new agent finds everything in place and issues no operation.
            await RestartAgentWithoutOperationsAsync(cluster, log, "node-1");
            var afterAgent = await cluster.PingAsync("node-2", "10.10.0.11", Blue, 5, Token);
            Assert.True(afterAgent.Received >= 3, $"after the agent restart: {afterAgent.Output}");

            // VPP restart: the agent rebuilds node-1 and traffic returns (the pods' endpoints reconnect to their new memifs).
            await RestartVppAsync(cluster, log, "node-1");
            await WarmUpAsync(cluster, log);
            var afterVpp = await cluster.PingAsync("node-2", "10.10.0.11", Blue, 5, Token);
            log.WriteLine(afterVpp.Output);
            Assert.True(afterVpp.Received >= 3, $"after the VPP restart: {afterVpp.Output}");

            // The service loses its last backend: the translation is deleted, never sent empty, and VPP stays up.
            await cluster.KubectlAsync(Token, "label", "pod", "blue-b", "app-");
            foreach (var node in cluster.Nodes.Keys)
            {
                await TwoNodeCluster.WaitForAsync(async () =>
                {
                    var translations = await cluster.Nodes[node].CliAsync("show cnat translation", Token);
                    return (!translations.Contains(Vip, StringComparison.Ordinal), translations);
                }, $"{node} deletes the translation of {Vip}", s_ceiling, Token);
                Assert.StartsWith("vpp ", await cluster.Nodes[node].CliAsync("show version", Token), StringComparison.Ordinal);
            }

            var stillUp = await cluster.PingAsync("node-1", "10.10.0.12", Blue, 3, Token);
            Assert.True(stillUp.Received >= 2, stillUp.Output);

            await EditBlueVniAsync(cluster, log);
        }
        catch (Exception)
        {
            log.WriteLine(cluster.Diagnostics());
            foreach (var node in cluster.Nodes.Keys)
            {
                await LogAsync(cluster, log, node, "show errors", "show ip neighbors", "show interface", "show trace max 30");
            }

            throw;
        }
    }

    /// <summary>Ingress to blue's backends denied, on network blue only (red-b, also app=backend, keeps no rule).</summary>
    private const string DenyPolicy = """
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata:
          name: deny-blue-backend
          namespace: default
        spec:
          selector: app == 'backend'
          ingress:
          - action: Deny
            metadata:
              annotations:
                extensions.projectcalico.org/network: "blue"
        """;

    private static async Task WaitForAclAsync(TwoNodeCluster cluster, string node, bool present) =>
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var acls = await cluster.Nodes[node].CliAsync("show acl-plugin acl", Token);
            return (acls.Contains("mn:p:", StringComparison.Ordinal) == present, acls);
        }, $"{node} {(present ? "binds" : "unbinds")} the policy's ACLs", s_ceiling, Token);

    /// <summary>
    /// One ping each way whose result is only logged: it resolves the pods' ARP entries and takes the first flow through
    /// cnat on each VPP (the pod interfaces carry its feature), which this VPP holds until its main loop next wakes, seconds
    /// on an idle Debug build. What is measured afterwards is steady forwarding.
    /// </summary>
    private static async Task WarmUpAsync(TwoNodeCluster cluster, ITestOutputHelper log)
    {
        log.WriteLine("warm-up: " + (await cluster.PingAsync("node-1", "10.10.0.12", Blue, 10, Token)).Output);
        log.WriteLine("warm-up: " + (await cluster.PingAsync("node-2", "10.10.0.11", Blue, 10, Token)).Output);
    }

    private static async Task StartPodsAsync(TwoNodeCluster cluster, IEnumerable<string> pods)
    {
        foreach (var (pod, node, _, address, mac, _) in s_pods.Where(p => pods.Contains(p.Pod)))
        {
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var memifs = await cluster.Nodes[node].CliAsync("show memif", Token);
                return (memifs.Contains(TwoNodeCluster.MemifSocket(pod), StringComparison.Ordinal) && File.Exists(TwoNodeCluster.MemifSocket(pod)), memifs);
            }, $"the agent of {node} creates the memif of {pod}", s_ceiling, Token);
            cluster.StartPod(pod, address, mac);
        }
    }

    /// <summary>Every pod's memif and every tunnel up, as the agents report them to the console.</summary>
    private static async Task WaitForLinksAsync(TwoNodeCluster cluster)
    {
        foreach (var node in cluster.Nodes.Keys)
        {
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var report = await cluster.NodeAsync(node, Token);
                var memifs = report.GetProperty("memifs").EnumerateArray().ToList();
                var tunnels = report.GetProperty("tunnels").EnumerateArray().ToList();
                var done = report.GetProperty("connected").GetBoolean() && memifs.Count == 2 && memifs.All(m => m.GetProperty("link").GetString() == "up")
                    && tunnels.Count == 2 && tunnels.All(t => t.GetProperty("state").GetString() == "up") && report.GetProperty("errors").GetArrayLength() == 0;
                return (done, report.ToString());
            }, $"{node}: both memifs and both tunnels up, no error", s_ceiling, Token);
        }
    }

    private static async Task RestartAgentWithoutOperationsAsync(TwoNodeCluster cluster, ITestOutputHelper log, string node)
    {
        var pods = s_pods.Where(p => p.Node == node).Select(p => p.Pod).ToList();
        var interfaces = await cluster.Nodes[node].CliAsync("show interface", Token);
        await cluster.KillAgentAsync(node);
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var report = await cluster.NodeAsync(node, Token);
            return (!report.GetProperty("connected").GetBoolean(), report.ToString());
        }, $"the console sees the agent of {node} gone", s_ceiling, Token);

        var agent = cluster.StartAgent(node);
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var report = await cluster.NodeAsync(node, Token);
            // Until the new agent's first snapshot arrives, the console still shows what the killed agent reported (its
            // last apply included) beside the new connection: wait for the snapshot that replaces it.
            return (report.GetProperty("connected").GetBoolean() && report.GetProperty("memifs").EnumerateArray().All(m => m.GetProperty("link").GetString() == "up")
                && report.GetProperty("vrfs").GetArrayLength() == 2 && report.GetProperty("lastApply").ValueKind == JsonValueKind.Null, report.ToString());
        }, $"the restarted agent of {node} reports its node with no apply of its own", s_ceiling, Token);

        var reported = await cluster.NodeAsync(node, Token);
        log.WriteLine($"restarted agent of {node}: lastApply {reported.GetProperty("lastApply")}");
        Assert.DoesNotContain("Done: ", agent.Output, StringComparison.Ordinal);
        Assert.All(pods, p => Assert.True(cluster.PodRunning(p), $"{p}'s endpoint lost its memif")); // icmp_responder exits when its memif goes
        Assert.Equal(InterfaceNames(interfaces), InterfaceNames(await cluster.Nodes[node].CliAsync("show interface", Token)));
    }

    private static async Task RestartVppAsync(TwoNodeCluster cluster, ITestOutputHelper log, string node)
    {
        var pods = s_pods.Where(p => p.Node == node).Select(p => p.Pod).ToList();
        await cluster.Nodes[node].RestartAsync(Token);
        await cluster.ConfigureUnderlayAsync(node, Token);
        foreach (var pod in pods)
        {
            await cluster.StopPodAsync(pod); // the endpoint exits with its memif; a pod's application would reconnect
        }

        await StartPodsAsync(cluster, pods);
        await WaitForLinksAsync(cluster);
        await LogAsync(cluster, log, node, $"show ip fib table {Blue}", "show vxlan tunnel", $"show ip fib table {Red}");
    }

    /// <summary>
    /// Blue's VNI edited 56 → 57 with traffic flowing: each node moves blue's pod memif into table 57 without recreating it
    /// (same interface and index, its endpoint still connected: icmp_responder exits when its memif goes), replaces blue's
    /// tunnels and routes, drops table 56, and pings cross in table 57 both ways.
    /// </summary>
    private static async Task EditBlueVniAsync(TwoNodeCluster cluster, ITestOutputHelper log)
    {
        const uint edited = 57;
        var blue = s_pods.Where(p => p.Nad == "network-blue-conf").ToList();
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pod in blue)
        {
            before[pod.Pod] = await MemifIndexAsync(cluster, pod.Node, pod.Pod);
        }

        await cluster.KubectlAsync(Token, "patch", "networks.projectcalico.org", "blue", "--type=merge", "-p", "{\"spec\":{\"vni\":57}}");
        foreach (var (node, peerPod) in new[] { ("node-1", "10.10.0.12/32"), ("node-2", "10.10.0.11/32") })
        {
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var fib = await cluster.Nodes[node].CliAsync($"show ip fib table {edited}", Token);
                var tunnels = await cluster.Nodes[node].CliAsync("show vxlan tunnel", Token);
                var old = await cluster.Nodes[node].CliAsync($"show ip fib table {Blue}", Token);
                return (fib.Contains(peerPod, StringComparison.Ordinal) && !tunnels.Contains("vni 56 ", StringComparison.Ordinal) && !old.Contains("10.10.0.", StringComparison.Ordinal),
                    fib + tunnels + old);
            }, $"{node} moves blue to table {edited}", s_ceiling, Token);
        }

        await LogAsync(cluster, log, "node-1", "show interface addr", $"show ip fib table {edited}", "show vxlan tunnel", "show memif");
        foreach (var pod in blue)
        {
            Assert.Equal(before[pod.Pod], await MemifIndexAsync(cluster, pod.Node, pod.Pod));
            Assert.True(cluster.PodRunning(pod.Pod), $"{pod.Pod}'s endpoint lost its memif in the VNI edit");
        }

        var there = await cluster.PingAsync("node-1", "10.10.0.12", edited, 5, Token);
        var back = await cluster.PingAsync("node-2", "10.10.0.11", edited, 5, Token);
        log.WriteLine(there.Output + back.Output);
        Assert.True(there.Received >= 3, $"after the VNI edit, node-1 -> blue-b: {there.Output}");
        Assert.True(back.Received >= 3, $"after the VNI edit, node-2 -> blue-a: {back.Output}");
    }

    /// <summary>A pod's memif as <c>name#sw_if_index</c>.</summary>
    private static async Task<string> MemifIndexAsync(TwoNodeCluster cluster, string node, string pod)
    {
        var name = await cluster.MemifInterfaceAsync(node, pod, Token);
        return InterfaceNames(await cluster.Nodes[node].CliAsync($"show interface {name}", Token));
    }

    private static string InterfaceNames(string showInterface) =>
        string.Join(",", showInterface.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 2 && int.TryParse(w[1], out _))
            .Select(w => $"{w[0]}#{w[1]}"));

    private static async Task LogAsync(TwoNodeCluster cluster, ITestOutputHelper log, string node, params string[] commands)
    {
        foreach (var command in commands)
        {
            log.WriteLine($"{node}$ vppctl {command}\n{await cluster.Nodes[node].CliAsync(command, Token)}");
        }
    }

    /// <summary>The Nodes, the seeds' Networks on one shared range, their NADs, the pods (network-status as Multus writes it) and a blue Service.</summary>
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

        foreach (var (name, vni) in new[] { ("blue", Blue), ("red", Red) })
        {
            yaml.AppendLine(TwoNodeCluster.NetworkYaml(name, vni, "10.10.0.0/24"));
        }

        foreach (var (pod, node, nad, address, _, app) in s_pods)
        {
            yaml.AppendLine(TwoNodeCluster.PodYaml(pod, node, nad, address, 24, app));
        }

        yaml.AppendLine($"""
            apiVersion: v1
            kind: Service
            metadata:
              name: blue-svc
              namespace: default
              annotations:
                extensions.projectcalico.org/network: "blue"
                extensions.projectcalico.org/selector: "app=backend"
            spec:
              clusterIP: {Vip}
              ports:
              - protocol: UDP
                port: 80
                targetPort: 8080
            """);
        return yaml.ToString();
    }
}
