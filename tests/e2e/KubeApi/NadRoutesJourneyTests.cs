using System.Net.Http.Json;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// A NAD's <c>ipam.routes</c> through kubectl against the embedded API: applied to the attached pod's interface in
/// its node's dataplane (the network's VRF, through the pod's interface), and refused field by field when malformed.
/// </summary>
public sealed class NadRoutesJourneyTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private const string Manifest = """
        apiVersion: projectcalico.org/v3
        kind: Network
        metadata:
          name: routed
        spec:
          vni: 78
          range: 10.78.0.0/24
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: routed-conf
          namespace: default
        spec:
          config: '{"name":"routed","cniVersion":"0.3.0","plugins":[{"type":"calico","ipam":{"type":"whereabouts","routes":[{"dst":"10.0.0.0/8","gw":"10.78.0.1"},{"dst":"192.168.0.0/16"}]},"dataplane_options":{"type":"grpc","network_name":"routed"}}]}'
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: routed-pod
          namespace: default
          annotations:
            k8s.v1.cni.cncf.io/networks: routed-conf@eth1
            routed-conf.default.kubernetes.io/mac_address: 02:78:00:00:00:01
        spec:
          containers:
            - name: app
              image: registry.k8s.io/pause:3.9
        """;

    [Fact]
    public async Task Nad_WithRoutes_IsAppliedToThePodsInterfaceInItsNodesDataplane()
    {
        var token = TestContext.Current.CancellationToken;
        var (web, kubectl) = (cluster.Web, cluster.Kubectl);
        var file = Path.Combine(Directory.CreateTempSubdirectory("multinet-routes-").FullName, "routed.yaml");
        await File.WriteAllTextAsync(file, Manifest, token);

        var applied = await kubectl.RunAsync(token, "apply", "-f", file);
        Assert.True(applied.ExitCode == 0, $"{applied}\n{web.Output}");
        var attached = await kubectl.RunAsync(token, "wait", "--for=condition=multinet.projectcalico.org/NetworksAttached=true", "pod/routed-pod",
            "--timeout=120s");
        Assert.True(attached.ExitCode == 0, $"{attached}\n{web.Output}");
        var node = (await kubectl.RunAsync(token, "get", "pod", "routed-pod", "-o", "jsonpath={.spec.nodeName}")).StandardOutput;
        var status = (await kubectl.RunAsync(token, "get", "pod", "routed-pod", "-o", @"jsonpath={.metadata.annotations.k8s\.v1\.cni\.cncf\.io/network-status}"))
            .StandardOutput;
        var entry = JsonDocument.Parse(status).RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "default/routed-conf");
        Assert.Equal("02:78:00:00:00:01", entry.GetProperty("mac").GetString());

        // The pod's host route and its two NAD routes, in the node's VRF for routed.
        await using var feed = await LiveFeed.ConnectAsync(web, token);
        await feed.WaitForAsync(s => s.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("name").GetString() == node
            && n.GetProperty("vrfs").EnumerateArray().Any(v => v.GetProperty("network").GetString() == "routed" && v.GetProperty("routeCount").GetInt32() == 3)), token);
        using var http = await web.HttpClientAsync(token);
        var state = await http.GetFromJsonAsync<JsonElement>($"api/v1/nodes/{node}", token);
        var routes = state.GetProperty("routes").EnumerateArray().Where(r => r.GetProperty("network").GetString() == "routed")
            .Select(r => $"{r.GetProperty("prefix").GetString()} {r.GetProperty("via").GetString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, routes.Count);
        Assert.Contains("10.0.0.0/8 default/routed-pod/eth1 via 10.78.0.1", routes);
        Assert.Contains("192.168.0.0/16 default/routed-pod/eth1 on link", routes);
        var tap = state.GetProperty("taps").EnumerateArray().Single(t => t.GetProperty("pod").GetString() == "routed-pod");
        Assert.Equal("02:78:00:00:00:01", tap.GetProperty("mac").GetString());
    }

    [Fact]
    public async Task Nad_WithAMalformedRoute_IsRefusedWithTheRoutesPath()
    {
        var token = TestContext.Current.CancellationToken;
        var file = Path.Combine(Directory.CreateTempSubdirectory("multinet-routes-").FullName, "bad-routes.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: misrouted-conf
              namespace: default
            spec:
              config: '{"type":"macvlan","ipam":{"type":"whereabouts","range":"192.168.50.0/24","routes":[{"dst":"10.0.0.0/8","gw":"192.168.60.1"},{"dst":"10.1.2.3/8"}]}}'
            """, token);

        var applied = await cluster.Kubectl.RunAsync(token, "apply", "-f", file);

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("spec.config.ipam.routes[1].dst", applied.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.config.ipam.routes[0].gw", applied.StandardError, StringComparison.Ordinal);
        Assert.Contains("192.168.60.1 is outside the range 192.168.50.0/24", applied.StandardError, StringComparison.Ordinal);
        var get = await cluster.Kubectl.RunAsync(token, "get", "net-attach-def", "misrouted-conf");
        Assert.NotEqual(0, get.ExitCode);
    }

}
