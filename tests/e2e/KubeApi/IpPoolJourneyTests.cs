using System.Net;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// Kube-OVN-style address management through kubectl against the embedded API: a Deployment whose pod template names
/// an ip_pool of three addresses, scaled from 3 to 4 replicas by the simulated Deployment controller.
/// </summary>
public sealed class IpPoolJourneyTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private const string Condition = "multinet.projectcalico.org/NetworksAttached";

    private const string Manifest = """
        apiVersion: projectcalico.org/v3
        kind: Network
        metadata:
          name: pooled
        spec:
          vni: 77
          range: 10.77.0.0/24
          excludeIps: ["10.77.0.1..10.77.0.9", "10.77.0.21"]
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: pooled-conf
          namespace: default
        spec:
          config: '{"name":"pooled","cniVersion":"0.3.0","plugins":[{"type":"calico","ipam":{"type":"whereabouts"},"dataplane_options":{"type":"grpc","network_name":"pooled"}}]}'
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: pooled
          namespace: default
        spec:
          replicas: 3
          selector:
            matchLabels: {app: pooled}
          template:
            metadata:
              labels: {app: pooled}
              annotations:
                k8s.v1.cni.cncf.io/networks: pooled-conf@eth1
                pooled-conf.default.kubernetes.io/ip_pool: 10.77.0.20,10.77.0.22,10.77.0.23
            spec:
              containers:
                - name: app
                  image: registry.k8s.io/pause:3.9
        """;

    [Fact]
    public async Task Deployment_WithAnIpPoolOfThree_ScaledTo4_TheFourthReportsExhaustionAndGetsNothing()
    {
        var token = TestContext.Current.CancellationToken;
        var kubectl = cluster.Kubectl;
        var file = Path.Combine(Directory.CreateTempSubdirectory("multinet-ippool-").FullName, "pooled.yaml");
        await File.WriteAllTextAsync(file, Manifest, token);

        var applied = await kubectl.RunAsync(token, "apply", "-f", file);
        Assert.True(applied.ExitCode == 0, $"{applied}\n{cluster.Web.Output}");
        var ready = await kubectl.RunAsync(token, "wait", "--for=jsonpath={.status.readyReplicas}=3", "deployment/pooled", "--timeout=120s");
        Assert.True(ready.ExitCode == 0, $"{ready}\n{cluster.Web.Output}");
        var attached = await kubectl.RunAsync(token, "wait", $"--for=condition={Condition}=true", "pod", "-l", "app=pooled", "--timeout=120s");
        Assert.True(attached.ExitCode == 0, $"{attached}\n{cluster.Web.Output}");
        var first = await PodsAsync(token);
        Assert.Equal(3, first.Count);
        Assert.All(first, p => Assert.Equal("True", p.Condition));
        Assert.Equal(["10.77.0.20", "10.77.0.22", "10.77.0.23"], first.Select(p => p.Address!).Order(StringComparer.Ordinal));

        var scaled = await kubectl.RunAsync(token, "scale", "deployment", "pooled", "--current-replicas=3", "--replicas=4");
        Assert.True(scaled.ExitCode == 0, scaled.ToString());
        Assert.Contains("deployment.apps/pooled scaled", scaled.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("4", (await kubectl.RunAsync(token, "get", "deployment", "pooled", "-o", "jsonpath={.spec.replicas}")).StandardOutput);
        var stale = await kubectl.RunAsync(token, "scale", "deployment", "pooled", "--current-replicas=3", "--replicas=5");
        Assert.NotEqual(0, stale.ExitCode); // kubectl reads the Scale first: the precondition no longer holds
        var four = await kubectl.RunAsync(token, "wait", "--for=jsonpath={.status.replicas}=4", "replicaset", "-l", "app=pooled", "--timeout=120s");
        Assert.True(four.ExitCode == 0, $"{four}\n{cluster.Web.Output}");
        var fourth = (await PodsAsync(token)).Single(p => !first.Any(f => f.Name == p.Name)).Name;
        var failed = await kubectl.RunAsync(token, "wait", $"--for=condition={Condition}=false", $"pod/{fourth}", "--timeout=120s");
        Assert.True(failed.ExitCode == 0, $"{failed}\n{cluster.Web.Output}");

        var pod = (await PodsAsync(token)).Single(p => p.Name == fourth);
        Assert.Null(pod.Address);
        Assert.Contains("ip_pool exhausted: all 3 addresses (10.77.0.20, 10.77.0.22, 10.77.0.23) are allocated", pod.Message, StringComparison.Ordinal);
        var events = await kubectl.RunAsync(token, "get", "events", "-o",
            $"jsonpath={{range .items[?(@.involvedObject.name==\"{fourth}\")]}}{{.reason}}: {{.message}}{{\"\\n\"}}{{end}}");
        Assert.Contains("NoAddressAvailable: Add eth1 [default/" + fourth + "]", events.StandardOutput, StringComparison.Ordinal);
        // As a real cluster keeps a pod whose network could not be set up: Pending, its container ContainerCreating (kubectl's STATUS).
        var phase = await kubectl.RunAsync(token, "get", "pod", fourth, "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.waiting.reason}");
        Assert.Equal("Pending ContainerCreating", phase.StandardOutput);
        var listed = await kubectl.RunAsync(token, "get", "pod", fourth, "--no-headers");
        Assert.Contains(" ContainerCreating ", listed.StandardOutput, StringComparison.Ordinal);
        var running = await kubectl.RunAsync(token, "get", "pod", first[0].Name, "--no-headers");
        Assert.Contains(" Running ", running.StandardOutput, StringComparison.Ordinal);
        var owners = await kubectl.RunAsync(token, "get", "pod", fourth, "-o", "jsonpath={.metadata.ownerReferences[0].kind}");
        Assert.Equal("ReplicaSet", owners.StandardOutput);
    }

    private async Task<List<(string Name, string? Address, string? Condition, string? Message)>> PodsAsync(CancellationToken token)
    {
        var result = await cluster.Kubectl.RunAsync(token, "get", "pods", "-l", "app=pooled", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.StandardOutput);
        var pods = new List<(string, string?, string?, string?)>();
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var name = item.GetProperty("metadata").GetProperty("name").GetString()!;
            string? address = null;
            if (item.GetProperty("metadata").TryGetProperty("annotations", out var annotations)
                && annotations.TryGetProperty("k8s.v1.cni.cncf.io/network-status", out var status))
            {
                using var entries = JsonDocument.Parse(status.GetString()!);
                address = entries.RootElement.EnumerateArray().Where(e => e.GetProperty("name").GetString() == "default/pooled-conf")
                    .Select(e => e.GetProperty("ips")[0].GetString()).SingleOrDefault();
                Assert.True(address is null || IPNetwork.Parse("10.77.0.0/24").Contains(IPAddress.Parse(address)));
            }

            var condition = item.TryGetProperty("status", out var s) && s.TryGetProperty("conditions", out var conditions)
                ? conditions.EnumerateArray().FirstOrDefault(c => c.GetProperty("type").GetString() == Condition)
                : default;
            pods.Add((name, address, condition.ValueKind == JsonValueKind.Object ? condition.GetProperty("status").GetString() : null,
                condition.ValueKind == JsonValueKind.Object ? condition.GetProperty("message").GetString() : null));
        }

        return pods;
    }
}
