using k8s;
using Multinet.Embedded;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Embedded;

public sealed class SimulatedMultusTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pod_WithBlueAndRed_IsBoundRunningAndGetsMultusNetworkStatus()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("blue", "172.19.0.0/16");
        await api.CreateNetworkAsync("red", "172.20.0.0/16");
        await api.CreateNadAsync("network-blue-conf", SimulatedClusterApi.CalicoConfig("blue"));
        await api.CreateNadAsync("network-red-conf", SimulatedClusterApi.CalicoConfig("red"));

        api.StartMultus();
        await api.CreatePodAsync("samplepod", "network-blue-conf@eth1, network-red-conf@eth2");
        var status = await api.WaitForNetworkStatusAsync("samplepod", 3);
        var pod = await api.Client.CoreV1.ReadNamespacedPodAsync("samplepod", "default", cancellationToken: Token);

        Assert.Equal("node-1", pod.Spec.NodeName);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal("10.244.1.2", pod.Status.PodIP);
        Assert.Equal(
            [("k8s-pod-network", "eth0", "10.244.1.2", (bool?)true), ("default/network-blue-conf", "eth1", "172.19.0.1", null),
             ("default/network-red-conf", "eth2", "172.20.0.1", null)],
            status.Select(e => (e.Name, e.Interface!, Assert.Single(e.Ips!), e.Default)));
        Assert.All(status, e => Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", e.Mac!));
        Assert.StartsWith("[\n    {\n        \"name\": \"k8s-pod-network\",", pod.Metadata.Annotations[CniConstants.NetworkStatusAnnotation],
            StringComparison.Ordinal);
        Assert.Equal("default/samplepod", (await api.WaitForPoolAsync("172.19.0.0-16", a => a.ContainsKey("1")))["1"]);
        Assert.Equal("default/samplepod", (await api.WaitForPoolAsync("172.20.0.0-16", a => a.ContainsKey("1")))["1"]);
    }

    [Fact]
    public async Task Pods_AreSpreadOverTheNodesWithTheFewestPods()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        api.StartMultus();

        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await api.CreatePodAsync(name, null);
        }

        var nodes = new List<string>();
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            nodes.Add((await api.WaitForPodAsync(name, p => p.Status?.Phase == "Running")).Spec.NodeName);
        }

        Assert.Equal(["node-1", "node-2", "node-1"], nodes);
    }

    [Fact]
    public async Task Attachments_OnOneNetworkNeverShareAnAddress_OverlappingNetworksAreIndependent()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("green", "10.30.0.0/24");
        await api.CreateNetworkAsync("amber", "10.30.0.0/24");
        await api.CreateNadAsync("green-conf", SimulatedClusterApi.CalicoConfig("green"));
        await api.CreateNadAsync("amber-conf", SimulatedClusterApi.CalicoConfig("amber"));

        api.StartMultus();
        await api.CreatePodAsync("a", "green-conf@eth1, green-conf@eth2");
        await api.CreatePodAsync("b", """[{"name":"green-conf","interface":"eth1"}]""");
        await api.CreatePodAsync("c", "amber-conf@eth1");

        var a = await api.WaitForNetworkStatusAsync("a", 3);
        var b = await api.WaitForNetworkStatusAsync("b", 2);
        var c = await api.WaitForNetworkStatusAsync("c", 2);
        Assert.Equal(["10.30.0.1", "10.30.0.2"], a.Skip(1).Select(e => e.Ips![0]));
        Assert.Equal("10.30.0.3", b[1].Ips![0]);
        Assert.Equal("10.30.0.1", c[1].Ips![0]);
        Assert.Equal(3, (await api.WaitForPoolAsync("10.30.0.0-24", x => x.Count == 3)).Count);
        Assert.Equal("default/c", (await api.WaitForPoolAsync("amber-10.30.0.0-24", x => x.Count == 1))["1"]);
    }

    [Fact]
    public async Task Ipv6Network_AttachmentGetsAnAddressFromItsRange()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("violet", "fd00:39::/120");
        await api.CreateNadAsync("violet-conf", SimulatedClusterApi.CalicoConfig("violet"));

        api.StartMultus();
        await api.CreatePodAsync("v6", "violet-conf@eth1");

        Assert.Equal("fd00:39::1", (await api.WaitForNetworkStatusAsync("v6", 2))[1].Ips![0]);
        Assert.Equal("default/v6", (await api.WaitForPoolAsync("fd00-39---120", x => x.Count == 1))["1"]);
    }

    [Fact]
    public async Task StaticRequests_JsonIpsAndKubeOvnAnnotation_AreHonoured()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("teal", "10.31.0.0/16");
        await api.CreateNadAsync("teal-conf", SimulatedClusterApi.CalicoConfig("teal"));

        api.StartMultus();
        await api.CreatePodAsync("json", """[{"name":"teal-conf","interface":"eth1","ips":["10.31.7.7/16"],"mac":"02:00:00:00:00:07"}]""");
        await api.CreatePodAsync("ovn", "teal-conf@eth1", new() { ["teal-conf.default.kubernetes.io/ip_address"] = "10.31.8.8" });

        var json = await api.WaitForNetworkStatusAsync("json", 2);
        var ovn = await api.WaitForNetworkStatusAsync("ovn", 2);
        Assert.Equal(("10.31.7.7", "02:00:00:00:00:07"), (json[1].Ips![0], json[1].Mac));
        Assert.Equal("10.31.8.8", ovn[1].Ips![0]);
        var pool = await api.WaitForPoolAsync("10.31.0.0-16", x => x.Count == 2);
        Assert.Equal("default/json", pool[((7 * 256) + 7).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task StaticRequest_TakenOrOutsideTheRange_IsAnEventAndTheAttachmentIsLeftOut()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("olive", "10.32.0.0/24");
        await api.CreateNadAsync("olive-conf", SimulatedClusterApi.CalicoConfig("olive"));
        api.StartMultus();
        await api.CreatePodAsync("first", """[{"name":"olive-conf","interface":"eth1","ips":["10.32.0.9"]}]""");
        await api.WaitForNetworkStatusAsync("first", 2);

        await api.CreatePodAsync("second", """[{"name":"olive-conf","interface":"eth1","ips":["10.32.0.9"]}]""");
        await api.CreatePodAsync("third", """[{"name":"olive-conf","interface":"eth1","ips":["10.33.0.9"]}]""");

        var taken = await api.WaitForEventAsync("second", SimulatedMultus.ReasonNoAddress);
        var outside = await api.WaitForEventAsync("third", SimulatedMultus.ReasonAddFailed);
        Assert.Equal("Warning", taken.Type);
        Assert.Contains("requested address 10.32.0.9 is already allocated in 10.32.0.0/24.", taken.Message, StringComparison.Ordinal);
        Assert.Contains("requested address 10.33.0.9 is outside the range 10.32.0.0/24.", outside.Message, StringComparison.Ordinal);
        Assert.Single(await api.WaitForNetworkStatusAsync("second", 1));
        Assert.Single(await api.WaitForNetworkStatusAsync("third", 1));
    }

    [Fact]
    public async Task RangeExhausted_IsANoAddressAvailableEvent()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("tiny", "10.34.0.0/30");
        await api.CreateNadAsync("tiny-conf", SimulatedClusterApi.CalicoConfig("tiny"));

        api.StartMultus();
        await api.CreatePodAsync("t1", "tiny-conf@eth1");
        await api.CreatePodAsync("t2", "tiny-conf@eth1");
        await api.CreatePodAsync("t3", "tiny-conf@eth1");

        var ev = await api.WaitForEventAsync("t3", SimulatedMultus.ReasonNoAddress);
        Assert.Equal("Add eth1 [default/t3]: error adding container to network \"default/tiny-conf\": no address available in 10.34.0.0/30: all 2 addresses are allocated.",
            ev.Message);
        Assert.Equal(("v1", "Pod", "default"), (ev.InvolvedObject.ApiVersion, ev.InvolvedObject.Kind, ev.InvolvedObject.NamespaceProperty));
    }

    [Fact]
    public async Task DeletedPod_FreesItsAddressesForTheNextPod()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("plum", "10.35.0.0/24");
        await api.CreateNadAsync("plum-conf", SimulatedClusterApi.CalicoConfig("plum"));
        api.StartMultus();
        await api.CreatePodAsync("old", "plum-conf@eth1");
        await api.CreatePodAsync("keep", "plum-conf@eth1");
        // Which of the two is attached first is up to the watch: the test follows whatever address "old" got.
        var oldAddress = (await api.WaitForNetworkStatusAsync("old", 2))[1].Ips![0];
        var keepAddress = (await api.WaitForNetworkStatusAsync("keep", 2))[1].Ips![0];
        var oldOffset = oldAddress.Split('.')[3];

        await api.Client.CoreV1.DeleteNamespacedPodAsync("old", "default", cancellationToken: Token);
        var pool = await api.WaitForPoolAsync("10.35.0.0-24", x => !x.ContainsKey(oldOffset));
        await api.CreatePodAsync("new", "plum-conf@eth1");

        Assert.Equal(new Dictionary<string, string> { [keepAddress.Split('.')[3]] = "default/keep" }, pool);
        Assert.Equal(oldAddress, (await api.WaitForNetworkStatusAsync("new", 2))[1].Ips![0]);
    }

    [Fact]
    public async Task Restart_RebuildsFromThePools_NoAddressIsHandedOutTwice_PodsDeletedMeanwhileAreFreed()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("rose", "10.36.0.0/24");
        await api.CreateNadAsync("rose-conf", SimulatedClusterApi.CalicoConfig("rose"));
        api.StartMultus();
        await api.CreatePodAsync("r1", "rose-conf@eth1");
        await api.CreatePodAsync("r2", "rose-conf@eth1");
        await api.WaitForNetworkStatusAsync("r1", 2);
        await api.WaitForNetworkStatusAsync("r2", 2);

        await api.StopMultusAsync();
        await api.Client.CoreV1.DeleteNamespacedPodAsync("r1", "default", cancellationToken: Token);
        await api.CreatePodAsync("r3", "rose-conf@eth1");
        await api.CreatePodAsync("r4", "rose-conf@eth1");
        api.StartMultus();

        var r3 = (await api.WaitForNetworkStatusAsync("r3", 2))[1].Ips![0];
        var r4 = (await api.WaitForNetworkStatusAsync("r4", 2))[1].Ips![0];
        var r2 = (await api.WaitForNetworkStatusAsync("r2", 2))[1].Ips![0];
        Assert.Equal("10.36.0.2", r2);
        Assert.Equal(["10.36.0.1", "10.36.0.3"], new[] { r3, r4 }.Order(StringComparer.Ordinal));
        var pool = await api.WaitForPoolAsync("10.36.0.0-24", x => x.Count == 3);
        Assert.Equal(["default/r2", "default/r3", "default/r4"], pool.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Restart_AfterThePoolWasLost_RecordsThePodsAddressesAgainFromTheirNetworkStatus()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("sand", "10.38.0.0/24");
        await api.CreateNadAsync("sand-conf", SimulatedClusterApi.CalicoConfig("sand"));
        api.StartMultus();
        await api.CreatePodAsync("s1", "sand-conf@eth1");
        await api.WaitForNetworkStatusAsync("s1", 2);

        await api.StopMultusAsync();
        await api.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(CniConstants.IpPoolGroup, CniConstants.IpPoolVersion,
            SimulatedMultus.PoolNamespace, CniConstants.IpPoolPlural, "10.38.0.0-24", cancellationToken: Token);
        await api.CreatePodAsync("s2", "sand-conf@eth1");
        api.StartMultus();

        Assert.Equal("10.38.0.2", (await api.WaitForNetworkStatusAsync("s2", 2))[1].Ips![0]);
        var pool = await api.WaitForPoolAsync("10.38.0.0-24", x => x.Count == 2);
        Assert.Equal(new Dictionary<string, string> { ["1"] = "default/s1", ["2"] = "default/s2" }, pool);
    }

    [Fact]
    public async Task MissingOrBadNad_IsAnEventAndNoCrash_TheAttachmentFollowsOnceNadAndNetworkExist()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNadAsync("broken-conf", """{"cniVersion":"0.3.0","plugins":[{"type":"calico","ipam":{"type":"whereabouts"}}]}""");
        api.StartMultus();
        await api.CreatePodAsync("waiting", "late-conf@eth1, broken-conf@eth2");

        var missing = await api.WaitForEventAsync("waiting", SimulatedMultus.ReasonAddFailed, "late-conf");
        var broken = await api.WaitForEventAsync("waiting", SimulatedMultus.ReasonAddFailed, "broken-conf has an invalid configuration");
        Assert.Single(await api.WaitForNetworkStatusAsync("waiting", 1));
        Assert.Equal("Add eth1 [default/waiting]: error adding container to network \"default/late-conf\": NetworkAttachmentDefinition default/late-conf not found.",
            missing.Message);
        Assert.Contains("NetworkAttachmentDefinition default/broken-conf has an invalid configuration: the calico plugin has no dataplane_options.network_name",
            broken.Message, StringComparison.Ordinal);

        await api.CreateNadAsync("late-conf", SimulatedClusterApi.CalicoConfig("late"));
        var noNetwork = await api.WaitForEventAsync("waiting", SimulatedMultus.ReasonAddFailed, "Network \"late\"");
        await api.CreateNetworkAsync("late", "10.37.0.0/24");
        var attached = await api.WaitForNetworkStatusAsync("waiting", 2);

        Assert.Contains("Network \"late\" (dataplane_options.network_name of default/late-conf) not found.", noNetwork.Message, StringComparison.Ordinal);
        Assert.Equal(("default/late-conf", "eth1", "10.37.0.1"), (attached[1].Name, attached[1].Interface, attached[1].Ips![0]));
    }
}
