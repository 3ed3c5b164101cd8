using System.Text;
using System.Text.Json;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// A NAD's <c>ipam.routes</c> on a real VPP programmed by the real agent (see <see cref="TwoNodeCluster"/>; only node-1's
/// agent runs). Two pods of network blue on node-1 attach through a NAD routing 10.50.0.0/24 via 10.10.0.11 (blue-a):
/// VPP holds one prefix in blue's table with a path through each pod's memif; a restarted agent reads both paths back and
/// changes nothing; deleting blue-c removes its path and keeps blue-a's; traffic to the prefix reaches blue-a; removing
/// the route from the NAD removes it from VPP. blue-c's policy is bound as two ACLs, which the restarted agent reads back by
/// the digest in their tags. Enabled by <c>MULTINET_VPP_BUILD</c>; needs root.
/// </summary>
[Collection(nameof(RealVppCollection))]
public sealed class AttachmentRoutesTests
{
    private const uint Blue = 56;
    private const string Routed = "10.50.0.0/24";
    private const string Gateway = "10.10.0.11";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task NadRouteAndPolicy_AreProgrammedInVpp_ReadBackByARestartedAgentWithNoOperation_AndRemovedWithTheirPod()
    {
        var build = Environment.GetEnvironmentVariable(TwoNodeCluster.BuildVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(build),
            $"{TwoNodeCluster.BuildVariable} is not set: no VPP build to run a real node on (see README, \"Test it\").");
        ITestOutputHelper log = new TranscriptOutput(TestContext.Current.TestOutputHelper!);
        await using var cluster = await TwoNodeCluster.StartAsync(build, Token);
        var vpp = cluster.Nodes["node-1"];
        try
        {
            await cluster.ApplyAsync(Objects(withRoute: true), Token);
            cluster.StartAgent("node-1");
            foreach (var (pod, address, mac) in new[] { ("blue-a", Gateway, "02:fe:aa:00:00:11"), ("blue-c", "10.10.0.13", "02:fe:aa:00:00:13") })
            {
                await TwoNodeCluster.WaitForAsync(async () =>
                {
                    var memifs = await vpp.CliAsync("show memif", Token);
                    return (memifs.Contains(TwoNodeCluster.MemifSocket(pod), StringComparison.Ordinal) && File.Exists(TwoNodeCluster.MemifSocket(pod)), memifs);
                }, $"the agent creates the memif of {pod}", s_ceiling, Token);
                cluster.StartPod(pod, address, mac);
            }

            var memifA = await cluster.MemifInterfaceAsync("node-1", "blue-a", Token);
            var memifC = await cluster.MemifInterfaceAsync("node-1", "blue-c", Token);

            // One prefix in blue's table, a path through each pod's interface to the gateway; the agent reports both.
            await WaitForFibAsync(vpp, e => e.Contains(memifA, StringComparison.Ordinal) && e.Contains(memifC, StringComparison.Ordinal), "two paths, one per pod");
            await WaitForReportedAsync(cluster, ["default/blue-a/memif1 via 10.10.0.11", "default/blue-c/memif1 via 10.10.0.11"]);
            log.WriteLine($"node-1$ vppctl show ip fib table {Blue}\n{await vpp.CliAsync($"show ip fib table {Blue}", Token)}");

            // blue-c's policy is bound: two ACLs on its memif, tagged with the digest of their rules.
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var acls = await vpp.CliAsync("show acl-plugin acl", Token);
                return (acls.Split("mn:p:").Length - 1 == 2, acls);
            }, "the agent binds blue-c's policy", s_ceiling, Token);
            log.WriteLine($"node-1$ vppctl show acl-plugin acl\n{await vpp.CliAsync("show acl-plugin acl", Token)}");

            // An agent restart reads both paths and the policy's ACLs back and issues no operation.
            var aclsBefore = await vpp.CliAsync("show acl-plugin acl", Token);
            var fibBefore = FibEntry(await vpp.CliAsync($"show ip fib table {Blue}", Token));
            await cluster.KillAgentAsync("node-1");
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var report = await cluster.NodeAsync("node-1", Token);
                return (!report.GetProperty("connected").GetBoolean(), report.ToString());
            }, "the console sees the agent gone", s_ceiling, Token);
            var agent = cluster.StartAgent("node-1");
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var report = await cluster.NodeAsync("node-1", Token);
                return (report.GetProperty("connected").GetBoolean() && AttachmentRoutes(report).Count == 2, report.ToString());
            }, "the restarted agent reports both paths", s_ceiling, Token);
            var reported = await cluster.NodeAsync("node-1", Token);
            log.WriteLine($"restarted agent: lastApply {reported.GetProperty("lastApply")}, errors {reported.GetProperty("errors")}");
            Assert.Equal(JsonValueKind.Null, reported.GetProperty("lastApply").ValueKind);
            Assert.DoesNotContain("Done: ", agent.Output, StringComparison.Ordinal);
            Assert.Equal(fibBefore, FibEntry(await vpp.CliAsync($"show ip fib table {Blue}", Token)));
            Assert.Equal(aclsBefore, await vpp.CliAsync("show acl-plugin acl", Token));

            // blue-c goes: its path goes with it, blue-a's stays.
            await cluster.KubectlAsync(Token, "delete", "pod", "blue-c", "--wait=false");
            await cluster.StopPodAsync("blue-c");
            await WaitForFibAsync(vpp, e => e.Contains(memifA, StringComparison.Ordinal) && !e.Contains(memifC, StringComparison.Ordinal), "blue-a's path alone");
            await WaitForReportedAsync(cluster, ["default/blue-a/memif1 via 10.10.0.11"]);

            // Traffic to an address of the prefix leaves through blue-a's interface (its ARP for the gateway, then the pings).
            var before = await cluster.PacketsToPodAsync("node-1", "blue-a", Token);
            var ping = await vpp.CliAsync($"ping 10.50.0.7 table-id {Blue} repeat 5 interval 0.5", Token);
            log.WriteLine(ping);
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var sent = await cluster.PacketsToPodAsync("node-1", "blue-a", Token) - before;
                return (sent >= 5, $"{sent} packets to blue-a; ping: {ping}");
            }, "pings to 10.50.0.7 reach blue-a", s_ceiling, Token);

            // The route leaves the NAD: VPP drops the prefix.
            await cluster.ApplyAsync(Objects(withRoute: false), Token);
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var fib = await vpp.CliAsync($"show ip fib table {Blue}", Token);
                return (!fib.Contains(Routed, StringComparison.Ordinal) && fib.Contains($"{Gateway}/32", StringComparison.Ordinal), fib);
            }, $"VPP drops {Routed} and keeps blue-a's host route", s_ceiling, Token);
            await WaitForReportedAsync(cluster, []);
        }
        catch (Exception)
        {
            log.WriteLine(cluster.Diagnostics());
            log.WriteLine(await vpp.CliAsync($"show ip fib table {Blue}", Token));
            throw;
        }
    }

    private static async Task WaitForFibAsync(VppNode vpp, Func<string, bool> entry, string what) =>
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var fib = await vpp.CliAsync($"show ip fib table {Blue}", Token);
            var block = FibEntry(fib);
            return (block.Length > 0 && entry(block), fib);
        }, $"{Routed} in table {Blue}: {what}", s_ceiling, Token);

    private static async Task WaitForReportedAsync(TwoNodeCluster cluster, string[] vias) =>
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var report = await cluster.NodeAsync("node-1", Token);
            var routes = AttachmentRoutes(report);
            return (routes.Order(StringComparer.Ordinal).SequenceEqual(vias.Order(StringComparer.Ordinal)) && report.GetProperty("errors").GetArrayLength() == 0,
                report.ToString());
        }, $"the agent reports {Routed} via [{string.Join(", ", vias)}]", s_ceiling, Token);

    private static List<string> AttachmentRoutes(JsonElement report) =>
        [.. report.GetProperty("routes").EnumerateArray().Where(r => r.GetProperty("prefix").GetString() == Routed).Select(r => r.GetProperty("via").GetString()!)];

    /// <summary>The prefix's block in <c>show ip fib table</c>: its line and the indented lines of its paths.</summary>
    private static string FibEntry(string fib)
    {
        var lines = fib.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(Routed, StringComparison.Ordinal));
        return start < 0 ? "" : string.Join("\n", lines.Skip(start).Take(1).Concat(lines.Skip(start + 1).TakeWhile(l => l.StartsWith(' '))));
    }

    /// <summary>The nodes, network blue, its NAD (with or without the route) and the two pods on node-1.</summary>
    private static string Objects(bool withRoute)
    {
        var routes = withRoute ? $",\"routes\":[{{\"dst\":\"{Routed}\",\"gw\":\"{Gateway}\"}}]" : "";
        var config = "{\"cniVersion\":\"0.3.0\",\"name\":\"network-blue\",\"plugins\":[{\"type\":\"calico\",\"ipam\":{\"type\":\"whereabouts\",\"network\":\"blue\""
            + routes + "},\"dataplane_options\":{\"type\":\"grpc\",\"network_name\":\"blue\"}}]}";
        var yaml = new StringBuilder($$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: node-1
            ---
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata:
              name: blue
            spec:
              vni: {{Blue}}
              range: "10.10.0.0/24"
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: network-blue-conf
              namespace: default
            spec:
              config: '{{config}}'
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: NetworkPolicy
            metadata:
              name: allow-c-web
              namespace: default
            spec:
              selector: app == 'c'
              ingress:
              - action: Allow
                protocol: TCP
                destination:
                  ports: [80]
                metadata:
                  annotations:
                    extensions.projectcalico.org/network: "blue"
            ---

            """);
        if (!withRoute)
        {
            return yaml.ToString();
        }

        foreach (var (pod, address, app) in new[] { ("blue-a", Gateway, "a"), ("blue-c", "10.10.0.13", "c") })
        {
            yaml.AppendLine($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{pod}}
                  namespace: default
                  labels:
                    app: {{app}}
                  annotations:
                    k8s.v1.cni.cncf.io/networks: '[{"name":"network-blue-conf","interface":"memif1","ips":["{{address}}/24"]}]'
                    k8s.v1.cni.cncf.io/network-status: '[{"name":"default/network-blue-conf","interface":"memif1","ips":["{{address}}"]}]'
                spec:
                  nodeName: node-1
                  containers:
                  - name: app
                    image: busybox
                ---
                """);
        }

        return yaml.ToString();
    }
}
