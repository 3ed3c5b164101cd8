using k8s.Models;
using k8s;
using Multinet.Embedded;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Embedded;

public sealed class SimulatedMultusKubeOvnTests
{
    private const string Pool = "pool-conf.default.kubernetes.io/ip_pool";
    private const string Condition = SimulatedMultus.NetworksAttachedCondition;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IpPool_ReplicasGetThePoolInOrder_AcrossARestart_ThenExhaustionWithNothingAllocated()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("pool", "10.60.0.0/24");
        await api.CreateNadAsync("pool-conf", SimulatedClusterApi.CalicoConfig("pool"));
        var annotations = () => new Dictionary<string, string> { [Pool] = "10.60.0.40,10.60.0.30,10.60.0.35" };

        api.StartMultus();
        await api.CreatePodAsync("r1", "pool-conf@eth1", annotations());
        Assert.Equal("10.60.0.40", (await api.WaitForNetworkStatusAsync("r1", 2))[1].Ips![0]);
        await api.CreatePodAsync("r2", "pool-conf@eth1", annotations());
        Assert.Equal("10.60.0.30", (await api.WaitForNetworkStatusAsync("r2", 2))[1].Ips![0]);

        await api.StopMultusAsync();
        api.StartMultus();
        await api.CreatePodAsync("r3", "pool-conf@eth1", annotations());
        Assert.Equal("10.60.0.35", (await api.WaitForNetworkStatusAsync("r3", 2))[1].Ips![0]);

        await api.CreatePodAsync("r4", "pool-conf@eth1", annotations());
        var r4 = await api.WaitForPodAsync("r4", p => p.Status?.Conditions?.Any(c => c.Type == Condition && c.Status == "False") == true);
        var condition = r4.Status.Conditions.Single(c => c.Type == Condition);
        Assert.Equal(SimulatedMultus.ReasonNoAddress, condition.Reason);
        Assert.Contains("ip_pool exhausted: all 3 addresses (10.60.0.40, 10.60.0.30, 10.60.0.35) are allocated.", condition.Message, StringComparison.Ordinal);
        Assert.Single(SimulatedClusterApi.NetworkStatus(r4));
        AssertContainerCreating(r4);
        await api.WaitForEventAsync("r4", SimulatedMultus.ReasonNoAddress, "ip_pool exhausted");
        var r3 = await api.WaitForPodAsync("r3", p => p.Status?.Phase == "Running");
        Assert.True(r3.Status.ContainerStatuses.Single().Ready);
        Assert.NotNull(r3.Status.ContainerStatuses.Single().State.Running);
        var pool = await api.WaitForPoolAsync("10.60.0.0-24", a => a.Count == 3);
        Assert.Equal(["default/r1", "default/r2", "default/r3"], [pool["40"], pool["30"], pool["35"]]);
    }

    [Fact]
    public async Task ExcludedAddresses_OfTheNetwork_AreNeverAllocated_MacAnnotationIsApplied()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.Client.CustomObjects.CreateClusterCustomObjectAsync(new
        {
            apiVersion = "projectcalico.org/v3",
            kind = "Network",
            metadata = new { name = "ex" },
            spec = new { vni = 4321, range = "10.61.0.0/24", excludeIps = new[] { "10.61.0.1..10.61.0.3", "10.61.0.5" } },
        }, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);
        await api.CreateNadAsync("ex-conf", SimulatedClusterApi.CalicoConfig("ex"));

        api.StartMultus();
        await api.CreatePodAsync("a", "ex-conf@eth1", new() { ["ex-conf.default.kubernetes.io/mac_address"] = "02:AA:00:00:00:07" });
        await api.CreatePodAsync("b", "ex-conf@eth1");

        var a = (await api.WaitForNetworkStatusAsync("a", 2))[1];
        Assert.Equal(("10.61.0.4", "02:aa:00:00:00:07"), (a.Ips![0], a.Mac));
        Assert.Equal("10.61.0.6", (await api.WaitForNetworkStatusAsync("b", 2))[1].Ips![0]);
    }

    [Theory]
    [InlineData("pool-conf.default.kubernetes.io/ip_address", "10.62.0", "metadata.annotations[pool-conf.default.kubernetes.io/ip_address]: \"10.62.0\" is not an IP address.")]
    [InlineData("pool-conf.default.kubernetes.io/ip_address", "10.99.0.5", "requested address 10.99.0.5 is outside the range 10.62.0.0/24.")]
    [InlineData(Pool, "10.62.0.9,10.99.0.1", "ip_pool address 10.99.0.1 is outside the range 10.62.0.0/24: nothing allocated.")]
    [InlineData("missing-conf.default.kubernetes.io/ip_pool", "10.62.0.9",
        "metadata.annotations[missing-conf.default.kubernetes.io/ip_pool]: names NetworkAttachmentDefinition default/missing-conf, which the pod does not attach")]
    [InlineData("pool-conf.default.kubernetes.io/mac_address", "03:00:00:00:00:01",
        "metadata.annotations[pool-conf.default.kubernetes.io/mac_address]: 03:00:00:00:00:01 is a multicast address")]
    public async Task BadAnnotation_GivesAFalseConditionAndAnEventSayingWhich(string key, string value, string message)
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("pool", "10.62.0.0/24");
        await api.CreateNadAsync("pool-conf", SimulatedClusterApi.CalicoConfig("pool"));

        api.StartMultus();
        await api.CreatePodAsync("bad", "pool-conf@eth1", new() { [key] = value });

        var pod = await api.WaitForPodAsync("bad", p => p.Status?.Conditions?.Any(c => c.Type == Condition && c.Status == "False") == true);
        Assert.Contains(message, pod.Status.Conditions.Single(c => c.Type == Condition).Message, StringComparison.Ordinal);
        AssertContainerCreating(pod);
        await api.WaitForEventAsync("bad", SimulatedMultus.ReasonAddFailed, message);
        if (key.StartsWith("pool-conf", StringComparison.Ordinal))
        {
            // The refused attachment allocated nothing: no pool entry, no interface in network-status.
            Assert.Single(SimulatedClusterApi.NetworkStatus(pod));
            Assert.False(await PoolExistsAsync(api.Client));
        }
    }

    [Fact]
    public async Task NadRouteWithAGatewayOutsideTheNetwork_IsRefusedAtAttach()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("routed", "10.63.0.0/24");
        await api.CreateNadAsync("routed-conf", """
            {"plugins":[{"type":"calico","dataplane_options":{"network_name":"routed"},"ipam":{"type":"whereabouts","routes":[{"dst":"10.0.0.0/8","gw":"10.64.0.1"}]}}]}
            """);

        api.StartMultus();
        await api.CreatePodAsync("p", "routed-conf@eth1");

        await api.WaitForEventAsync("p", SimulatedMultus.ReasonAddFailed,
            "spec.config.plugins[0].ipam.routes[0]: gw 10.64.0.1 is outside the range 10.63.0.0/24");
        AssertContainerCreating(await api.WaitForPodAsync("p", p => p.Status?.Conditions?.Any(c => c.Type == Condition && c.Status == "False") == true));
    }

    /// <summary>
    /// As kubelet keeps a pod whose sandbox network failed: Pending, no pod IP, its containers waiting in ContainerCreating,
    /// Ready False; the NetworksAttached condition False beside.
    /// </summary>
    private static void AssertContainerCreating(V1Pod pod)
    {
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Null(pod.Status.PodIP);
        var container = Assert.Single(pod.Status.ContainerStatuses);
        Assert.Equal("ContainerCreating", container.State.Waiting.Reason);
        Assert.False(container.Ready);
        Assert.Equal("False", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "PodScheduled").Status);
    }

    private static async Task<bool> PoolExistsAsync(IKubernetes client)
    {
        try
        {
            await client.CustomObjects.GetNamespacedCustomObjectAsync(CniConstants.IpPoolGroup, CniConstants.IpPoolVersion,
                SimulatedMultus.PoolNamespace, CniConstants.IpPoolPlural, "10.62.0.0-24", cancellationToken: Token);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
