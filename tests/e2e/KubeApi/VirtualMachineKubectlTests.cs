using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// KubeVirt's kinds on the embedded cluster driven by the real kubectl: the example VMI applied unchanged gets its
/// launcher pod attached by the simulated Multus and reports its addresses; a VirtualMachine's run strategy starts and
/// stops its VMI; KubeVirt's admission rules refuse a bad interface with its field.
/// </summary>
public sealed class VirtualMachineKubectlTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> RunOkAsync(params string[] args)
    {
        var result = await cluster.Kubectl.RunAsync(Token, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    [Fact]
    public async Task ExampleVmi_AppliedUnchanged_RunsOnItsLauncherPod_AndReportsItsPodAndBlueAddresses()
    {
        await RunOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"));
        var applied = await RunOkAsync("apply", "-f", Path.Combine(s_examples, "vmi-multus.yaml"));
        Assert.Contains("virtualmachineinstance.kubevirt.io/vmi-multus-blue created", applied);

        await RunOkAsync("wait", "vmi/vmi-multus-blue", "--for=jsonpath={.status.phase}=Running", "--timeout=120s");
        var vmi = JsonNode.Parse(await RunOkAsync("get", "vmi", "vmi-multus-blue", "-o", "json"))!;
        var launcher = JsonNode.Parse(await RunOkAsync("get", "pods", "-l", $"kubevirt.io/created-by={vmi["metadata"]!["uid"]}", "-o", "json"))!["items"]![0]!;
        var table = await RunOkAsync("get", "vmi", "vmi-multus-blue");

        var interfaces = vmi["status"]!["interfaces"]!.AsArray();
        Assert.Equal(2, interfaces.Count);
        Assert.Equal(("default", "eth0"), (interfaces[0]!["name"]!.GetValue<string>(), interfaces[0]!["interfaceName"]!.GetValue<string>()));
        Assert.Equal(launcher["status"]!["podIP"]!.GetValue<string>(), interfaces[0]!["ipAddress"]!.GetValue<string>());
        Assert.Equal(("blue", "eth1"), (interfaces[1]!["name"]!.GetValue<string>(), interfaces[1]!["interfaceName"]!.GetValue<string>()));
        Assert.StartsWith("172.19.", interfaces[1]!["ipAddress"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("multus-status", interfaces[1]!["infoSource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", interfaces[1]!["mac"]!.GetValue<string>());
        Assert.Equal(launcher["spec"]!["nodeName"]!.GetValue<string>(), vmi["status"]!["nodeName"]!.GetValue<string>());
        Assert.Equal("1024M", vmi["spec"]!["domain"]!["resources"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Contains("network-blue-conf", launcher["metadata"]!["annotations"]!["k8s.v1.cni.cncf.io/networks"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^vmi-multus-blue\s+Running\s+" + System.Text.RegularExpressions.Regex.Escape(interfaces[0]!["ipAddress"]!.GetValue<string>())
            + @"\s+node-\d", table);

        await RunOkAsync("delete", "vmi", "vmi-multus-blue");
        await RunOkAsync("wait", "--for=delete", $"pod/{launcher["metadata"]!["name"]}", "--timeout=60s");
    }

    [Fact]
    public async Task VirtualMachine_RunStrategyAlways_StartsItsVmi_Halted_StopsIt()
    {
        await RunOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"));
        var file = Path.Combine(cluster.Web.DataDir, "vm-red.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            metadata:
              name: vm-red
            spec:
              runStrategy: Always
              template:
                metadata:
                  labels: { app: vm-red }
                spec:
                  domain:
                    devices:
                      interfaces:
                      - { name: default, masquerade: {} }
                      - { name: red, bridge: {} }
                    resources: { requests: { memory: 64Mi } }
                  networks:
                  - { name: default, pod: {} }
                  - { name: red, multus: { networkName: default/network-red-conf } }
            """, Token);

        Assert.Contains("virtualmachine.kubevirt.io/vm-red created", await RunOkAsync("apply", "-f", file));
        await RunOkAsync("wait", "vm/vm-red", "--for=jsonpath={.status.printableStatus}=Running", "--timeout=120s");
        var address = await RunOkAsync("get", "vmi", "vm-red", "-o", "jsonpath={.status.interfaces[1].ipAddress}");
        Assert.StartsWith("172.20.", address, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^vm-red\s+Running\s+true", await RunOkAsync("get", "vm", "vm-red"));

        await RunOkAsync("patch", "vm", "vm-red", "--type", "merge", "-p", """{"spec":{"runStrategy":"Halted"}}""");
        await RunOkAsync("wait", "--for=delete", "vmi/vm-red", "--timeout=60s");
        await RunOkAsync("wait", "vm/vm-red", "--for=jsonpath={.status.printableStatus}=Stopped", "--timeout=60s");
        await RunOkAsync("delete", "vm", "vm-red");
    }

    [Fact]
    public async Task Vmi_MasqueradeOnAMultusNetwork_IsRefusedWithItsField_AndNothingIsStored()
    {
        var file = Path.Combine(cluster.Web.DataDir, "vmi-bad.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: kubevirt.io/v1
            kind: VirtualMachineInstance
            metadata:
              name: vmi-bad
            spec:
              domain:
                devices:
                  interfaces:
                  - { name: blue, masquerade: {} }
              networks:
              - { name: blue, multus: { networkName: network-blue-conf } }
            """, Token);

        var applied = await cluster.Kubectl.RunAsync(Token, "apply", "-f", file);
        var get = await cluster.Kubectl.RunAsync(Token, "get", "vmi", "vmi-bad");

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("spec.domain.devices.interfaces[0].masquerade", applied.StandardError, StringComparison.Ordinal);
        Assert.Contains("NotFound", get.StandardError, StringComparison.Ordinal);
    }
}
