using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// The console on a real kube-apiserver (enabled by <see cref="RealClusterTests.Variable"/>), first without KubeVirt:
/// the VMs view says KubeVirt is not installed and the console logs it once, not on every retry; then with KubeVirt's
/// kinds installed from the same CRD files the embedded API serves, a VMI whose status a virt-handler would write
/// shows up with its address. The CRDs are removed again: the test runs only where KubeVirt is absent.
/// </summary>
public sealed class KubeVirtRealApiServerTests(BrowserFixture browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task WithoutKubeVirt_TheVmsViewSaysSo_ThenItsCrdsAndAVmi_ShowTheVmsAddress()
    {
        var admin = Environment.GetEnvironmentVariable(RealClusterTests.Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(admin), $"{RealClusterTests.Variable} is not set: the KubeVirt journey on a real kube-apiserver is skipped.");
        var work = Directory.CreateTempSubdirectory("multinet-kubevirt-real-").FullName;
        var kubectl = new Kubectl("/usr/bin/kubectl", admin!, Path.Combine(work, "cache"));
        var present = await kubectl.RunAsync(Token, "get", "crd", "virtualmachineinstances.kubevirt.io");
        Assert.SkipWhen(present.ExitCode == 0, "KubeVirt's CRDs exist on this cluster: the journey needs a cluster without KubeVirt and leaves it so.");
        try
        {
            await using var console = await WebProcess.StartAsync(["--Multinet:Kubeconfig", admin!], waitForKubeconfig: false, cancellationToken: Token);
            await using var context = await browser.Browser.NewSignedInContextAsync(console, Token);
            context.SetDefaultTimeout(BrowserFixture.Patience);
            var page = await context.NewPageAsync();

            await page.OpenAsync("/vms");
            await Expect(page.GetByTestId("kubevirt-absent")).ToContainTextAsync("KubeVirt is not installed");
            await Expect(page.GetByTestId("new-vm")).ToBeDisabledAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vms-without-kubevirt.png"), FullPage = true });

            await Ok(kubectl, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "deploy", "prerequisites", "kubevirt"));
            await Ok(kubectl, "wait", "--for", "condition=Established", "--timeout=60s", "crd/virtualmachineinstances.kubevirt.io", "crd/virtualmachines.kubevirt.io");
            await Ok(kubectl, "apply", "-n", "default", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "vmi-multus.yaml"));
            await Ok(kubectl, "patch", "vmi", "vmi-multus-blue", "-n", "default", "--subresource=status", "--type=merge", "-p", """
                {"status":{"phase":"Running","nodeName":"node-a","interfaces":[
                  {"name":"default","interfaceName":"eth0","ipAddress":"10.244.7.9","ipAddresses":["10.244.7.9"],"mac":"02:00:00:00:07:09","infoSource":"domain, guest-agent"}]}}
                """);
            var stored = JsonNode.Parse((await Ok(kubectl, "get", "vmi", "vmi-multus-blue", "-n", "default", "-o", "json")).StandardOutput)!;
            Assert.Equal("1024M", stored["spec"]!["domain"]!["resources"]!["requests"]!["memory"]!.GetValue<string>());

            // The console lists a kind it found missing again after a minute: the ceiling allows for that.
            var row = page.Locator("[data-testid=vm-row][data-vm='default/vmi-multus-blue'][data-interface=eth0] >> xpath=..");
            await Expect(row.GetByTestId("vm-addresses")).ToHaveTextAsync("10.244.7.9", new() { Timeout = 180_000 });
            await Expect(page.GetByTestId("kubevirt-absent")).ToHaveCountAsync(0);
            var missingLogs = console.Output.Split('\n').Count(l => l.Contains("VirtualMachineInstances", StringComparison.Ordinal) && l.Contains("does not serve", StringComparison.Ordinal));
            Assert.True(missingLogs <= 1, $"the missing kind was logged {missingLogs} times:\n{console.Output}");
        }
        finally
        {
            await kubectl.RunAsync(Token, "delete", "vmi", "vmi-multus-blue", "-n", "default", "--ignore-not-found");
            await kubectl.RunAsync(Token, "delete", "-f", Path.Combine(WebProcess.RepositoryRoot, "deploy", "prerequisites", "kubevirt"), "--ignore-not-found");
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(Token, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
