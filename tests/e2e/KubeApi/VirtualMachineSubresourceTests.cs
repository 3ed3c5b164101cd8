using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// KubeVirt's start, stop and restart subresources (virt-api's subresources.kubevirt.io/v1) on the embedded cluster,
/// driven by the real kubectl with <c>--raw</c> (a PUT, as virtctl sends it): discovery lists them, stop halts a running VM,
/// start starts it again, restart replaces its VMI (a new uid), and KubeVirt's refusals come back as its 409s and 404.
/// </summary>
public sealed class VirtualMachineSubresourceTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    // kubectl --raw takes a path from the server's root: the embedded API's path base comes first.
    private const string Root = "/k8s";
    private const string Base = Root + "/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> RunOkAsync(params string[] args)
    {
        var result = await cluster.Kubectl.RunAsync(Token, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    /// <summary><c>kubectl replace --raw</c>: a PUT of an empty options object; the result and what kubectl printed.</summary>
    private async Task<(int ExitCode, string Output)> PutAsync(string vm, string action)
    {
        var body = Path.Combine(cluster.Web.DataDir, "options.json");
        await File.WriteAllTextAsync(body, "{}", Token);
        var result = await cluster.Kubectl.RunAsync(Token, "replace", "--raw", $"{Base}/{vm}/{action}", "-f", body);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Discovery_ListsStartStopAndRestart_AsVirtApiDoes()
    {
        var groups = JsonNode.Parse(await RunOkAsync("get", "--raw", Root + "/apis"))!["groups"]!.AsArray();
        var list = JsonNode.Parse(await RunOkAsync("get", "--raw", Root + "/apis/subresources.kubevirt.io/v1"))!;

        Assert.Contains(groups, g => (string?)g!["name"] == "subresources.kubevirt.io");
        Assert.Equal("subresources.kubevirt.io/v1", (string?)list["groupVersion"]);
        Assert.Equal(["virtualmachines/restart", "virtualmachines/start", "virtualmachines/stop"],
            list["resources"]!.AsArray().Select(r => (string)r!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(list["resources"]!.AsArray(), r => Assert.True((bool)r!["namespaced"]!));
    }

    [Fact]
    public async Task StopStartRestart_DriveTheVmi_AndKubeVirtsRefusalsComeBack()
    {
        await RunOkAsync("apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"),
            "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "netdefinitions.yaml"));
        var file = Path.Combine(cluster.Web.DataDir, "vm-actions.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            metadata:
              name: vm-actions
            spec:
              runStrategy: Always
              template:
                spec:
                  domain:
                    devices:
                      interfaces:
                      - { name: default, masquerade: {} }
                      - { name: blue, bridge: {} }
                    resources: { requests: { memory: 64Mi } }
                  networks:
                  - { name: default, pod: {} }
                  - { name: blue, multus: { networkName: default/network-blue-conf } }
            """, Token);
        await RunOkAsync("apply", "-f", file);
        await RunOkAsync("wait", "vmi/vm-actions", "--for=jsonpath={.status.phase}=Running", "--timeout=120s");

        // A running VM does not start again: KubeVirt's 409 and message.
        var again = await PutAsync("vm-actions", "start");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm-actions\": VM is already running", again.Output, StringComparison.Ordinal);

        // Restart: the VMI is replaced (a new uid), and runs again. kubectl wait --for=delete does not count a same-named
        // replacement as a deletion, so a watch opened before the restart is read until it shows the new uid running.
        var before = await RunOkAsync("get", "vmi", "vm-actions", "-o", "jsonpath={.metadata.uid}");
        using (var watch = cluster.Kubectl.StartBackground("get", "vmi", "vm-actions", "--watch", "-o", "jsonpath={.metadata.uid} {.status.phase}{\"\\n\"}"))
        {
            try
            {
                // The watch prints the running VMI once it has read it: a restart before that could remove the VMI
                // before kubectl's first read, and kubectl ends with "not found".
                await WatchUntilAsync(watch, line => line.StartsWith(before, StringComparison.Ordinal), "the watch shows the running VMI");
                Assert.Equal(0, (await PutAsync("vm-actions", "restart")).ExitCode);
                await WatchUntilAsync(watch, line => !line.StartsWith(before, StringComparison.Ordinal) && line.EndsWith(" Running", StringComparison.Ordinal),
                    "the VMI is replaced and runs");
            }
            finally
            {
                watch.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal("", await RunOkAsync("get", "vm", "vm-actions", "-o", "jsonpath={.status.stateChangeRequests}"));

        // Stop: an Always VM becomes Halted and its VMI goes; stopping it again is KubeVirt's 409.
        Assert.Equal(0, (await PutAsync("vm-actions", "stop")).ExitCode);
        Assert.Equal("Halted", await RunOkAsync("get", "vm", "vm-actions", "-o", "jsonpath={.spec.runStrategy}"));
        await RunOkAsync("wait", "--for=delete", "vmi/vm-actions", "--timeout=60s");
        var restartStopped = await PutAsync("vm-actions", "restart");
        Assert.Contains("RunStategy Halted does not support manual restart requests", restartStopped.Output, StringComparison.Ordinal);

        // Start: Halted becomes Always and the VMI runs again.
        Assert.Equal(0, (await PutAsync("vm-actions", "start")).ExitCode);
        Assert.Equal("Always", await RunOkAsync("get", "vm", "vm-actions", "-o", "jsonpath={.spec.runStrategy}"));
        await RunOkAsync("wait", "vmi/vm-actions", "--for=jsonpath={.status.phase}=Running", "--timeout=120s");

        var missing = await PutAsync("no-such-vm", "start");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("virtualmachine.kubevirt.io \"no-such-vm\" not found", missing.Output, StringComparison.Ordinal);
        await RunOkAsync("delete", "vm", "vm-actions");
    }

    /// <summary>
    /// Reads a <c>kubectl get --watch</c> line by line (one per event) until one satisfies <paramref name="done"/>; the
    /// 120 s ceiling is reached only on failure, with every line the watch printed.
    /// </summary>
    private static async Task WatchUntilAsync(System.Diagnostics.Process watch, Func<string, bool> done, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var seen = new List<string>();
        try
        {
            while (await watch.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.Add(line);
                if (done(line.Trim()))
                {
                    return;
                }
            }

            Assert.Fail($"The watch ended before {what}: {string.Join(" | ", seen)}\n{await watch.StandardError.ReadToEndAsync(Token)}");
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            Assert.Fail($"Not within 120 s: {what}; the watch showed: {string.Join(" | ", seen)}");
        }
    }
}
