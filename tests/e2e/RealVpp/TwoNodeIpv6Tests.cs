using System.Text;
using System.Text.RegularExpressions;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// An IPv6 Network between two real VPPs programmed by two real agents (see <see cref="TwoNodeCluster"/>), enabled by
/// <c>MULTINET_VPP_BUILD</c> like <see cref="TwoNodeTrafficTests"/>. libmemif's icmp_responder answers IPv4 only, so the pods'
/// endpoints are a third VPP (a "pods" VPP, as a pod running VPP would be): one memif slave per pod on the socket the node's
/// agent created, each in its own table there, holding the pod's address and a default route through its node. Networks green
/// (VNI 77) and amber (VNI 78) share fd00:77::/64: green-a (node-1) and amber-b (node-2) both hold fd00:77::11.
/// </summary>
[Collection(nameof(RealVppCollection))]
public sealed partial class TwoNodeIpv6Tests
{
    private const uint Green = 77;
    private const uint Amber = 78;

    private static readonly (string Pod, string Node, string Network, string Address, string Mac, uint PodTable)[] s_pods =
    [
        ("green-a", "node-1", "green", "fd00:77::11", "02:fe:cc:00:00:11", 1),
        ("green-b", "node-2", "green", "fd00:77::12", "02:fe:cc:00:00:12", 2),
        ("amber-b", "node-2", "amber", "fd00:77::11", "02:fe:dd:00:00:11", 3),
    ];

    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoVpps_ForwardAnIpv6NetworkPodToPodBothWays_AndNeverIntoTheOtherNetwork()
    {
        var build = Environment.GetEnvironmentVariable(TwoNodeCluster.BuildVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(build),
            $"{TwoNodeCluster.BuildVariable} is not set: no VPP build to run two real nodes on (see README, \"Test it\").");
        ITestOutputHelper log = new TranscriptOutput(TestContext.Current.TestOutputHelper!);
        await using var cluster = await TwoNodeCluster.StartAsync(build, Token);
        await using var pods = await VppNode.StartAsync(build, Path.Combine(cluster.Root, "pods"), "mnvpppods", Token);
        try
        {
            await cluster.ApplyAsync(Objects(), Token);
            await cluster.PublishUnderlayAddressesAsync(Token);

            cluster.StartAgent("node-1");
            cluster.StartAgent("node-2");
            foreach (var pod in s_pods)
            {
                await ConnectPodAsync(cluster, pods, pod);
            }

            await WaitForMemifsUpAsync(cluster);
            foreach (var node in cluster.Nodes.Keys)
            {
                await LogAsync(log, cluster.Nodes[node], node, "show ip6 interface", $"show ip6 fib table {Green}", "show vxlan tunnel", "show memif");
            }

            // Warm-up (logged, not measured): neighbour discovery on both sides of each pod memif.
            log.WriteLine("warm-up: " + await pods.CliAsync("ping fd00:77::12 table-id 1 repeat 5 interval 1", Token));
            log.WriteLine("warm-up: " + await pods.CliAsync("ping fd00:77::11 table-id 2 repeat 5 interval 1", Token));

            foreach (var (_, vpp) in cluster.Nodes.Append(new("pods", pods)))
            {
                await vpp.CliAsync("clear trace", Token);
                await vpp.CliAsync("trace add memif-input 50", Token);
            }

            var amberBefore = await RxPacketsAsync(pods, "amber-b");
            var there = await PingAsync(pods, "fd00:77::12", 1); // green-a (node-1) -> green-b (node-2)
            var back = await PingAsync(pods, "fd00:77::11", 2); // green-b (node-2) -> green-a (node-1), never amber-b
            log.WriteLine(there.Output + back.Output);
            Assert.True(there.Received >= 3, $"green-a -> green-b: {there.Output}");
            Assert.True(back.Received >= 3, $"green-b -> green-a: {back.Output}");
            Assert.Equal(amberBefore, await RxPacketsAsync(pods, "amber-b"));

            // From the node itself in the network's VRF (source: the VRF's loopback), across to the other node's pod.
            var fromNode = await cluster.PingAsync("node-1", "fd00:77::12", Green, 5, Token);
            log.WriteLine(fromNode.Output);
            Assert.True(fromNode.Received >= 3, $"node-1 table {Green} -> green-b: {fromNode.Output}");
            await LogAsync(log, cluster.Nodes["node-2"], "node-2", $"show ip6 fib table {Green}", "show ip6 neighbors", "show interface");
        }
        catch (Exception)
        {
            log.WriteLine(cluster.Diagnostics());
            foreach (var (name, vpp) in cluster.Nodes.Append(new("pods", pods)))
            {
                log.WriteLine($"--- vpp {name} {vpp.Output}");
                await LogAsync(log, vpp, name, "show errors", "show ip6 neighbors", "show interface", "show ip6 interface", "show trace max 50");
            }

            throw;
        }
    }

    /// <summary>Once the node's agent created the pod's memif, the pod VPP connects to it as slave, in the pod's own table.</summary>
    private static async Task ConnectPodAsync(TwoNodeCluster cluster, VppNode pods, (string Pod, string Node, string Network, string Address, string Mac, uint PodTable) pod)
    {
        var socket = TwoNodeCluster.MemifSocket(pod.Pod);
        await TwoNodeCluster.WaitForAsync(async () =>
        {
            var memifs = await cluster.Nodes[pod.Node].CliAsync("show memif", Token);
            return (memifs.Contains(socket, StringComparison.Ordinal) && File.Exists(socket), memifs);
        }, $"the agent of {pod.Node} creates the memif of {pod.Pod}", s_ceiling, Token);

        var id = 10 + pod.PodTable;
        var name = $"memif{id}/0";
        foreach (var command in new[]
        {
            $"create memif socket id {id} filename {socket}",
            $"create interface memif id 0 socket-id {id} slave hw-addr {pod.Mac}",
            $"ip6 table add {pod.PodTable}",
            $"set interface ip6 table {name} {pod.PodTable}",
            $"enable ip6 interface {name}",
            $"set interface ip address {name} {pod.Address}/128",
            $"set interface state {name} up",
        })
        {
            var output = await pods.CliAsync(command, Token);
            Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        }

        // The default route of a pod: through its node's side of the memif, at that interface's link-local address.
        var gateway = await LinkLocalAsync(cluster.Nodes[pod.Node], socket);
        var route = await pods.CliAsync($"ip route add ::/0 table {pod.PodTable} via {gateway} {name}", Token);
        Assert.DoesNotContain("error", route, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The link-local address of the node's memif listening on <paramref name="socket"/>.</summary>
    private static async Task<string> LinkLocalAsync(VppNode node, string socket)
    {
        var memifs = await node.CliAsync("show memif", Token);
        var socketId = memifs.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(" " + socket, StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).First();
        // This VPP prints at most three digits of a socket id in the sockets table: match it against the interfaces' socket-id lines.
        var name = MemifOfSocket().Matches(memifs).Single(m => m.Groups[2].Value.StartsWith(socketId, StringComparison.Ordinal)).Groups[1].Value;
        var ip6 = await node.CliAsync($"show ip6 interface {name}", Token);
        var match = LinkLocal().Match(ip6);
        Assert.True(match.Success, $"no link-local address on {name}: IPv6 is not enabled on the pod's memif.\n{ip6}");
        return match.Groups[1].Value;
    }

    private static async Task<(int Received, string Output)> PingAsync(VppNode pods, string address, uint table)
    {
        var output = await pods.CliAsync($"ping {address} table-id {table} repeat 5 interval 1", Token);
        var match = PingStatistics().Match(output);
        Assert.True(match.Success, output);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), output);
    }

    private static async Task<long> RxPacketsAsync(VppNode pods, string pod)
    {
        var table = s_pods.Single(p => p.Pod == pod).PodTable;
        var output = await pods.CliAsync($"show interface memif{10 + table}/0", Token);
        var match = RxPackets().Match(output);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task WaitForMemifsUpAsync(TwoNodeCluster cluster)
    {
        foreach (var node in cluster.Nodes.Keys)
        {
            var expected = s_pods.Count(p => p.Node == node);
            await TwoNodeCluster.WaitForAsync(async () =>
            {
                var memifs = await cluster.Nodes[node].CliAsync("show memif", Token);
                return (ConnectedMemif().Matches(memifs).Count >= expected, memifs);
            }, $"{node}: its {expected} pod memifs connected", s_ceiling, Token);
        }
    }

    private static async Task LogAsync(ITestOutputHelper log, VppNode vpp, string name, params string[] commands)
    {
        foreach (var command in commands)
        {
            log.WriteLine($"{name}$ vppctl {command}\n{await vpp.CliAsync(command, Token)}");
        }
    }

    private static string Objects()
    {
        var yaml = new StringBuilder();
        foreach (var node in TwoNodeCluster.Underlay.Keys)
        {
            yaml.AppendLine($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n---");
        }

        foreach (var (name, vni) in new[] { ("green", Green), ("amber", Amber) })
        {
            yaml.AppendLine(TwoNodeCluster.NetworkYaml(name, vni, "fd00:77::/64"));
        }

        foreach (var (pod, node, network, address, _, _) in s_pods)
        {
            yaml.AppendLine(TwoNodeCluster.PodYaml(pod, node, $"network-{network}-conf", address, 64));
        }

        return yaml.ToString();
    }

    [GeneratedRegex(@"\d+ sent, (\d+) received")]
    private static partial Regex PingStatistics();

    [GeneratedRegex(@"rx packets\s+(\d+)")]
    private static partial Regex RxPackets();

    [GeneratedRegex(@"interface (memif\S+)\s[^\n]*\n(?:[^\n]*\n){0,3}?\s*socket-id (\d+)")]
    private static partial Regex MemifOfSocket();

    [GeneratedRegex(@"link-local address\(es\):\s*\n?\s*(fe80::[0-9a-f:]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLocal();

    [GeneratedRegex(@"flags admin-up connected")]
    private static partial Regex ConnectedMemif();
}
