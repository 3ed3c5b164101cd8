using System.Net.Http.Json;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// The whole system on one machine: the console's embedded API, three agents (real agent code, simulated VPP),
/// the simulated Multus and the elected controllers, driven by the seeded demo workload.
/// </summary>
[Collection(SeededClusterFixture.Collection)]
public sealed class ThreeAgentsDataplaneTests(SeededClusterFixture cluster)
{
    [Fact]
    public async Task DemoWorkload_EveryNodeBuildsTheMeshPodInterfacesRoutesAndServiceEntries_AndTheClusterStatusFollows()
    {
        var token = TestContext.Current.CancellationToken;
        var (web, kubectl) = (cluster.Web, cluster.Kubectl);
        foreach (var pod in new[] { "samplepod", "memif-pod", "myapp-1", "myapp-2" })
        {
            Assert.Equal(0, (await kubectl.RunAsync(token, "wait", "--for=create", $"pod/{pod}", "--timeout=60s")).ExitCode);
            Assert.Equal(0, (await kubectl.RunAsync(token, "wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=60s")).ExitCode);
        }

        // The elected agent writes each Network's status from every node's reported state.
        var ready = await kubectl.RunAsync(token, "wait", "--for=jsonpath={.status.nodesReady}=3", "network/blue", "network/red", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, $"{ready}\n{web.Output}");
        Assert.Equal(0, (await kubectl.RunAsync(token, "wait", "--for=condition=Ready", "network/blue", "--timeout=30s")).ExitCode);

        // The console learns every node's inventory over the agents' gRPC streams.
        var samplepodNode = (await kubectl.RunAsync(token, "get", "pod", "samplepod", "-o", "jsonpath={.spec.nodeName}")).StandardOutput;
        await using var feed = await LiveFeed.ConnectAsync(web, token);
        await feed.WaitForAsync(s => s.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("tunnelsUp").GetInt32() == 4) == 3, token);

        using var http = await web.HttpClientAsync(TestContext.Current.CancellationToken);
        var node = await http.GetFromJsonAsync<JsonElement>($"api/v1/nodes/{samplepodNode}", token);
        var tunnels = node.GetProperty("tunnels").EnumerateArray().ToList();
        Assert.Equal(4, tunnels.Count); // 2 peers x 2 networks
        Assert.Equal(["blue", "blue", "red", "red"], tunnels.Select(t => t.GetProperty("network").GetString()).Order(StringComparer.Ordinal));
        Assert.All(tunnels, t => Assert.Contains(t.GetProperty("vni").GetInt32(), new[] { 56, 88 }));

        var blueAddress = (await kubectl.RunAsync(token, "get", "pod", "samplepod", "-o",
            @"jsonpath={.metadata.annotations.k8s\.v1\.cni\.cncf\.io/network-status}")).StandardOutput;
        var blueIp = JsonDocument.Parse(blueAddress).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "default/network-blue-conf").GetProperty("ips")[0].GetString();
        var tap = node.GetProperty("taps").EnumerateArray().Single(t => t.GetProperty("pod").GetString() == "samplepod" && t.GetProperty("network").GetString() == "blue");
        Assert.Equal($"{blueIp}/32", tap.GetProperty("address").GetString());
        Assert.Contains(node.GetProperty("routes").EnumerateArray(), r => r.GetProperty("prefix").GetString() == $"{blueIp}/32" && r.GetProperty("via").GetString() == "default/samplepod/eth1");

        // Another node routes samplepod's blue address through its tunnel to samplepod's node.
        var other = (await http.GetFromJsonAsync<JsonElement>("api/v1/nodes", token)).EnumerateArray().Select(n => n.GetProperty("name").GetString()).First(n => n != samplepodNode);
        var remote = await http.GetFromJsonAsync<JsonElement>($"api/v1/nodes/{other}", token);
        Assert.Contains(remote.GetProperty("routes").EnumerateArray(), r => r.GetProperty("prefix").GetString() == $"{blueIp}/32" && r.GetProperty("via").GetString() == samplepodNode);

        // my-service's entry on blue balances to the two MyApp pods' blue addresses, on every node.
        var service = Assert.Single(remote.GetProperty("services").EnumerateArray());
        Assert.Equal(("my-service", "blue", 2), (service.GetProperty("name").GetString(), service.GetProperty("network").GetString(), service.GetProperty("backends").GetArrayLength()));

        // And the same endpoints are published as the Service's EndpointSlice.
        Assert.Equal(0, (await kubectl.RunAsync(token, "wait", "--for=create", "endpointslice/my-service-multinet-ipv4", "--timeout=30s")).ExitCode);
        var slice = await kubectl.RunAsync(token, "get", "endpointslice", "my-service-multinet-ipv4", "-o", "jsonpath={.endpoints[*].addresses[0]}");
        Assert.Equal(service.GetProperty("backends").EnumerateArray().Select(b => b.GetString()!.Split(':')[0]).Order(StringComparer.Ordinal),
            slice.StandardOutput.Split(' ').Order(StringComparer.Ordinal));
    }
}
