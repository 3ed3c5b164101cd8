using System.Globalization;
using System.Text.RegularExpressions;

namespace Multinet.E2ETests.RealVpp;

internal sealed partial class TwoNodeCluster
{
    /// <summary>The VPP interface (e.g. <c>memif2/0</c>) of a pod's memif, found by its socket file in <c>show memif</c>.</summary>
    public async Task<string> MemifInterfaceAsync(string node, string pod, CancellationToken cancellationToken)
    {
        // The sockets table: "  <id> <listener> <filename>" (a long id may run into the listener column).
        var output = await Nodes[node].CliAsync("show memif", cancellationToken);
        var line = output.Split('\n').FirstOrDefault(l => l.TrimEnd().EndsWith(" " + MemifSocket(pod), StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No memif socket for {pod} on {node}:\n{output}");
        // This VPP prints at most three digits of a socket id in that table: match it against the interfaces' socket-id lines.
        var shown = LeadingDigits().Match(line).Groups[1].Value;
        var candidates = InterfaceBlock().Matches(output).Where(m => m.Groups[2].Value.StartsWith(shown, StringComparison.Ordinal)).Select(m => m.Groups[1].Value).ToList();
        return candidates.Count == 1 ? candidates[0] : throw new InvalidOperationException($"Cannot tell {pod}'s memif on {node} ({shown}):\n{output}");
    }

    /// <summary>Packets VPP sent to the pod (the memif's tx counter).</summary>
    public async Task<long> PacketsToPodAsync(string node, string pod, CancellationToken cancellationToken)
    {
        var name = await MemifInterfaceAsync(node, pod, cancellationToken);
        var output = await Nodes[node].CliAsync($"show interface {name}", cancellationToken);
        var match = TxPackets().Match(output);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// Sends <paramref name="count"/> UDP packets as if the pod had sent them: VPP's packet generator injects them into
    /// ip4-input as received on the pod's memif (so the pod interface's features, cnat among them, apply), with TTL 3: enough
    /// to cross both VPPs, not enough to loop back from icmp_responder, which reflects what it does not answer.
    /// </summary>
    public async Task<string> SendUdpFromPodAsync(string node, string pod, string source, string destination, int port, int count, CancellationToken cancellationToken)
    {
        var name = await MemifInterfaceAsync(node, pod, cancellationToken);
        var stream = $"udp{Guid.NewGuid():N}"[..12];
        var created = await Nodes[node].CliAsync(
            $"packet-generator new {{ name {stream} limit {count} rate 100 node ip4-input interface {name} size 64-64 " +
            $"data {{ UDP: {source} -> {destination} ttl 3 UDP: 40000 -> {port} incrementing 20 }} }}", cancellationToken);
        var enabled = await Nodes[node].CliAsync($"packet-generator enable-stream {stream}", cancellationToken);
        await WaitForAsync(async () =>
        {
            var streams = await Nodes[node].CliAsync("show packet-generator", cancellationToken);
            return (!streams.Contains(stream, StringComparison.Ordinal) || StreamDone(streams, stream), streams);
        }, $"the packet generator on {node} sent its {count} packets", TimeSpan.FromSeconds(30), cancellationToken);
        await Nodes[node].CliAsync($"packet-generator delete {stream}", cancellationToken);
        return created + enabled;
    }

    private static bool StreamDone(string streams, string stream) =>
        streams.Split('\n').FirstOrDefault(l => l.Contains(stream, StringComparison.Ordinal)) is { } line && line.Contains("No", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(\d+)")]
    private static partial Regex LeadingDigits();

    [GeneratedRegex(@"interface (memif\S+)\s[^\n]*\n(?:[^\n]*\n){0,3}?\s*socket-id (\d+)")]
    private static partial Regex InterfaceBlock();

    [GeneratedRegex(@"tx packets\s+(\d+)")]
    private static partial Regex TxPackets();

    /// <summary>A Network and its NAD (calico plugin, whereabouts IPAM, the agent's grpc dataplane) as kubectl applies them.</summary>
    public static string NetworkYaml(string name, uint vni, string range) => $"""
        apiVersion: projectcalico.org/v3
        kind: Network
        metadata:
          name: {name}
        spec:
          vni: {vni}
          range: "{range}"
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: network-{name}-conf
          namespace: default
        spec:
          config: '{"{"}"cniVersion":"0.3.0","name":"network-{name}","plugins":[{"{"}"type":"calico","ipam":{"{"}"type":"whereabouts","network":"{name}"{"}"},"dataplane_options":{"{"}"type":"grpc","network_name":"{name}"{"}"}{"}"}]{"}"}'
        ---
        """;

    /// <summary>
    /// A pod on <paramref name="node"/> attached to <paramref name="nad"/> on memif1 at <paramref name="address"/> (with its
    /// prefix length), with the network-status a CNI would have written; labelled <c>app</c> when <paramref name="app"/> is given.
    /// </summary>
    public static string PodYaml(string pod, string node, string nad, string address, int prefixLength, string? app = null)
    {
        var labels = app is null ? "" : $"\n  labels:\n    app: {app}";
        return $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {pod}
              namespace: default{labels}
              annotations:
                k8s.v1.cni.cncf.io/networks: '[{"{"}"name":"{nad}","interface":"memif1","ips":["{address}/{prefixLength}"]{"}"}]'
                k8s.v1.cni.cncf.io/network-status: '[{"{"}"name":"default/{nad}","interface":"memif1","ips":["{address}"]{"}"}]'
            spec:
              nodeName: {node}
              containers:
              - name: app
                image: busybox
            ---
            """;
    }
}
