using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>Virtual machines beside pods in the browser: the example VMI on the VMs, pods and network pages, and a VM created from the form.</summary>
public sealed class VmJourneyTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> KubectlOkAsync(params string[] args)
    {
        var result = await Cluster.Kubectl.RunAsync(Token, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    private Task ApplyNetworksAsync() =>
        KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"));

    [Fact]
    public async Task ExampleVmi_AppearsOnTheVmsPodsAndNetworkPages_WithItsBlueAddress()
    {
        await ApplyNetworksAsync();
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "vmi-multus.yaml"));
        await KubectlOkAsync("wait", "vmi/vmi-multus-blue", "--for=jsonpath={.status.phase}=Running", "--timeout=120s");
        var vmi = JsonNode.Parse(await KubectlOkAsync("get", "vmi", "vmi-multus-blue", "-o", "json"))!;
        var blueIp = vmi["status"]!["interfaces"]![1]!["ipAddress"]!.GetValue<string>();
        var launcher = JsonNode.Parse(await KubectlOkAsync("get", "pods", "-l", $"kubevirt.io/created-by={vmi["metadata"]!["uid"]}", "-o", "json"))!
            ["items"]![0]!["metadata"]!["name"]!.GetValue<string>();
        var page = await Context.NewPageAsync();

        await page.OpenAsync("/vms");
        var row = page.Locator("[data-testid=vm-row][data-vm='default/vmi-multus-blue'][data-interface=eth1] >> xpath=..");
        await Expect(row.GetByTestId("vm-addresses")).ToHaveTextAsync(blueIp);
        await Expect(row.GetByTestId("vm-network-link")).ToHaveTextAsync("blue");
        await Expect(row.GetByTestId("vm-phase")).ToHaveTextAsync("Running");
        await Expect(row.GetByTestId("vm-launcher-link")).ToHaveTextAsync(launcher);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vms.png"), FullPage = true });

        await row.GetByTestId("vm-launcher-link").ClickAsync();
        var badge = page.Locator($"[data-testid=pod-row][data-pod='default/{launcher}'] [data-testid=vm-badge][data-guest-interface=eth1]");
        await Expect(badge).ToHaveAttributeAsync("data-vm", "default/vmi-multus-blue");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "pods-vm-launcher.png"), FullPage = true });

        await page.OpenAsync("/networks/blue?tab=pods");
        await Expect(page.Locator("[data-testid=vm-row][data-vm='default/vmi-multus-blue'] >> xpath=..").GetByTestId("vm-addresses")).ToHaveTextAsync(blueIp);
        await page.OpenAsync("/networks/blue?tab=ipam");
        await Expect(page.Locator($"[data-testid=network-ipam-row][data-address='{blueIp}'] [data-testid=vm-badge]"))
            .ToHaveAttributeAsync("data-vm", "default/vmi-multus-blue");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-ipam-vm.png"), FullPage = true });
        await KubectlOkAsync("delete", "vmi", "vmi-multus-blue");
    }

    [Fact]
    public async Task CreateAVmFromTheForm_ItRunsOnBlue_KubectlReadsItBack_StopAndStartFromThePage()
    {
        await ApplyNetworksAsync();
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/vms");

        await page.GetByTestId("new-vm").ClickAsync();
        await page.Locator("#vm-name").FillAsync("vm-form");
        await page.GetByTestId("vm-dialog").GetByText("blue (default/network-blue-conf)").ClickAsync();
        await Expect(page.GetByTestId("vm-dialog").Locator("input[type=checkbox]:checked")).ToHaveCountAsync(2); // the pod network and blue
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vm-form.png"), FullPage = true });
        await page.GetByTestId("vm-save").ClickAsync();

        var row = page.Locator("[data-testid=vm-row][data-vm='default/vm-form'][data-interface=eth1] >> xpath=..");
        await Expect(row.GetByTestId("vm-phase")).ToHaveTextAsync("Running");
        await Expect(row.GetByTestId("vm-addresses")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^172\.19\.\d+\.\d+$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vm-created.png"), FullPage = true });

        var vm = JsonNode.Parse(await KubectlOkAsync("get", "vm", "vm-form", "-o", "json"))!;
        Assert.Equal("Always", vm["spec"]!["runStrategy"]!.GetValue<string>());
        Assert.Equal("default/network-blue-conf", vm["spec"]!["template"]!["spec"]!["networks"]![1]!["multus"]!["networkName"]!.GetValue<string>());
        Assert.Equal("Running", vm["status"]!["printableStatus"]!.GetValue<string>());

        // Stop and Start through KubeVirt's subresources: the run strategy flips, and the VM follows live.
        var actions = page.Locator("[data-testid=vm-actions-row][data-vm='default/vm-form'] >> xpath=..");
        await Expect(actions.GetByTestId("vm-start")).ToBeDisabledAsync();
        await actions.GetByTestId("vm-stop").ClickAsync();
        await Expect(actions.GetByTestId("vm-status")).ToHaveTextAsync("Stopped");
        Assert.Equal("Halted", await KubectlOkAsync("get", "vm", "vm-form", "-o", "jsonpath={.spec.runStrategy}"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "vm-stopped.png"), FullPage = true });
        await actions.GetByTestId("vm-start").ClickAsync();
        await Expect(actions.GetByTestId("vm-status")).ToHaveTextAsync("Running");
        Assert.Equal("Always", await KubectlOkAsync("get", "vm", "vm-form", "-o", "jsonpath={.spec.runStrategy}"));
        await KubectlOkAsync("delete", "vm", "vm-form");
    }
}
