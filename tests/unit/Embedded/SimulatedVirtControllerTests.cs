using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Embedded;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Embedded;

/// <summary>The simulated virt-controller with the simulated Multus, on the embedded API through KubernetesClient.</summary>
public sealed class SimulatedVirtControllerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static object Vmi(string name, string nad, string podBinding = "masquerade", string multusBinding = "bridge") => new Dictionary<string, object>
    {
        ["apiVersion"] = "kubevirt.io/v1",
        ["kind"] = "VirtualMachineInstance",
        ["metadata"] = new { name, @namespace = "default", labels = new Dictionary<string, string> { ["app"] = name } },
        ["spec"] = VmiSpec(nad, podBinding, multusBinding),
    };

    internal static object VmiSpec(string nad, string podBinding = "masquerade", string multusBinding = "bridge") => new
    {
        domain = new
        {
            devices = new
            {
                interfaces = new object[]
                {
                    new Dictionary<string, object> { ["name"] = "default", [podBinding] = new { } },
                    new Dictionary<string, object> { ["name"] = "blue", [multusBinding] = new { } },
                },
                disks = new object[] { new { name = "containerdisk", disk = new { bus = "virtio" } } },
            },
            resources = new { requests = new Dictionary<string, string> { ["memory"] = "128Mi" } },
        },
        networks = new object[]
        {
            new { name = "default", pod = new { } },
            new { name = "blue", multus = new { networkName = nad } },
        },
        volumes = new object[] { new { name = "containerdisk", containerDisk = new { image = "quay.io/kubevirt/cirros-container-disk-demo" } } },
    };

    [Fact]
    public async Task Vmi_WithPodAndMultusNetwork_GetsLauncherPodAttachedByMultus_AndReportsItsInterfaces()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("blue", "172.19.0.0/16");
        await api.CreateNadAsync("network-blue-conf", SimulatedClusterApi.CalicoConfig("blue"));
        api.StartMultus();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var virt = new SimulatedVirtController(api.Client, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token);

        await api.Client.CustomObjects.CreateNamespacedCustomObjectAsync(Vmi("vm1", "default/network-blue-conf"), KubeVirtConstants.Group,
            KubeVirtConstants.Version, "default", KubeVirtConstants.VmiPlural, cancellationToken: Token);
        var vmi = await WaitForVmiAsync(api.Client, "vm1", v => v.Status?.Phase == "Running" && v.Status.Interfaces?.Count == 2
            && v.Status.Interfaces[1].IpAddress is not null);

        var pods = await api.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"kubevirt.io/created-by={vmi.Metadata.Uid}",
            cancellationToken: Token);
        var pod = Assert.Single(pods.Items);
        Assert.StartsWith("virt-launcher-vm1-", pod.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("vm1", pod.Metadata.Labels["app"]);
        Assert.Equal("VirtualMachineInstance", Assert.Single(pod.Metadata.OwnerReferences).Kind);
        var podInterface = VirtLauncherPod.PodInterfaceName("blue");
        Assert.Equal($$"""[{"name":"network-blue-conf","namespace":"default","interface":"{{podInterface}}"}]""",
            pod.Metadata.Annotations["k8s.v1.cni.cncf.io/networks"]);
        var status = SimulatedClusterApi.NetworkStatus(pod);

        Assert.Equal(pod.Spec.NodeName, vmi.Status!.NodeName);
        var (primary, secondary) = (vmi.Status.Interfaces![0], vmi.Status.Interfaces[1]);
        Assert.Equal(("default", "eth0", pod.Status.PodIP, "eth0"), (primary.Name, primary.InterfaceName, primary.IpAddress, primary.PodInterfaceName));
        Assert.Equal(("blue", "eth1", "172.19.0.1", podInterface), (secondary.Name, secondary.InterfaceName, secondary.IpAddress, secondary.PodInterfaceName));
        Assert.Equal(["172.19.0.1"], secondary.IpAddresses);
        Assert.Equal(status.Single(e => e.Interface == podInterface).Mac, secondary.Mac);
        Assert.Equal("domain, guest-agent, multus-status", secondary.InfoSource);
        Assert.Equal($"default/{pod.Metadata.Name}", (await api.WaitForPoolAsync("172.19.0.0-16", a => a.ContainsKey("1")))["1"]);

        await api.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version, "default",
            KubeVirtConstants.VmiPlural, "vm1", cancellationToken: Token);
        await WaitForPodGoneAsync(api.Client, pod.Metadata.Name);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => virt);
    }

    [Fact]
    public async Task Vm_RunningTrue_CreatesItsVmi_ThenHalted_DeletesVmiAndLauncherPod()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        await api.CreateNetworkAsync("blue", "172.19.0.0/16");
        await api.CreateNadAsync("network-blue-conf", SimulatedClusterApi.CalicoConfig("blue"));
        api.StartMultus();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var virt = new SimulatedVirtController(api.Client, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token);

        await api.Client.CustomObjects.CreateNamespacedCustomObjectAsync(new Dictionary<string, object>
        {
            ["apiVersion"] = "kubevirt.io/v1",
            ["kind"] = "VirtualMachine",
            ["metadata"] = new { name = "vm2", @namespace = "default" },
            ["spec"] = new { running = true, template = new { metadata = new { labels = new { app = "vm2" } }, spec = VmiSpec("network-blue-conf") } },
        }, KubeVirtConstants.Group, KubeVirtConstants.Version, "default", KubeVirtConstants.VmPlural, cancellationToken: Token);

        var vmi = await WaitForVmiAsync(api.Client, "vm2", v => v.Status?.Phase == "Running" && v.Status.Interfaces?.Count == 2);
        Assert.Equal("VirtualMachine", Assert.Single(vmi.Metadata.OwnerReferences).Kind);
        Assert.Equal("vm2", vmi.Metadata.Labels[KubeVirtConstants.VmNameLabel]);
        var raw = (JsonElement)await api.Client.CustomObjects.GetNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version,
            "default", KubeVirtConstants.VmiPlural, "vm2", Token);
        Assert.Equal("128Mi", raw.GetProperty("spec").GetProperty("domain").GetProperty("resources").GetProperty("requests").GetProperty("memory").GetString());
        var vm = await WaitForVmAsync(api.Client, "vm2", v => v.Status?.PrintableStatus == "Running");
        Assert.True(vm.Status!.Ready);
        var launcher = VirtLauncherPod.NameOf(vmi);

        await api.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"running":null,"runStrategy":"Halted"}}""",
            V1Patch.PatchType.MergePatch), KubeVirtConstants.Group, KubeVirtConstants.Version, "default", KubeVirtConstants.VmPlural, "vm2", cancellationToken: Token);

        vm = await WaitForVmAsync(api.Client, "vm2", v => v.Status?.PrintableStatus == "Stopped");
        Assert.False(vm.Status!.Created);
        await WaitForPodGoneAsync(api.Client, launcher);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => api.Client.CustomObjects.GetNamespacedCustomObjectAsync(KubeVirtConstants.Group,
            KubeVirtConstants.Version, "default", KubeVirtConstants.VmiPlural, "vm2", Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => virt);
    }

    internal static Task<V1VirtualMachineInstance> WaitForVmiAsync(IKubernetes client, string name, Func<V1VirtualMachineInstance, bool> predicate) =>
        WaitForAsync<V1VirtualMachineInstance>(client, KubeVirtConstants.VmiPlural, name, predicate);

    internal static Task<V1VirtualMachine> WaitForVmAsync(IKubernetes client, string name, Func<V1VirtualMachine, bool> predicate) =>
        WaitForAsync<V1VirtualMachine>(client, KubeVirtConstants.VmPlural, name, predicate);

    /// <summary>Awaits (list, then watch) the first state of the object that satisfies the predicate; 60 s at most, reached only on failure.</summary>
    private static async Task<T> WaitForAsync<T>(IKubernetes client, string plural, string name, Func<T, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version,
            "default", plural, fieldSelector: $"metadata.name={name}", cancellationToken: timeout.Token);
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            if (KubernetesJson.Deserialize<T>(item.GetRawText()) is var read && predicate(read))
            {
                return read;
            }
        }

        await foreach (var (type, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version,
            "default", plural, fieldSelector: $"metadata.name={name}", resourceVersion: list.GetProperty("metadata").GetProperty("resourceVersion").GetString(),
            cancellationToken: timeout.Token))
        {
            if (type != WatchEventType.Deleted && KubernetesJson.Deserialize<T>(((JsonElement)item).GetRawText()) is var read && predicate(read))
            {
                return read;
            }
        }

        throw new InvalidOperationException($"the watch of {plural} {name} ended");
    }

    private static async Task WaitForPodGoneAsync(IKubernetes client, string name)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var list = await client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}", cancellationToken: timeout.Token);
        if (list.Items.Count == 0)
        {
            return;
        }

        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}",
            resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                return;
            }
        }
    }
}
