using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>A KubeVirt VM on the topology graph: the example VMI, applied with kubectl, is counted in its node's blue group and drawn as a VM.</summary>
public sealed class TopologyVmJourneyTests(BrowserFixture browser, SimulatedClusterFixture cluster)
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

    [Fact]
    public async Task ExampleVmi_ExpandBlueThenItsNode_SeeTheVmWithItsInterface_AndItsDetailsLinkToTheVmsPage()
    {
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"));
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "vmi-multus.yaml"));
        await KubectlOkAsync("wait", "vmi/vmi-multus-blue", "--for=jsonpath={.status.phase}=Running", "--timeout=120s");
        var node = (await KubectlOkAsync("get", "vmi", "vmi-multus-blue", "-o", "jsonpath={.status.nodeName}")).Trim();
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);

        await page.OpenAsync("/topology?open=blue");
        await TopologyGraphs.WaitAsync(page, $"cy.getElementById('grp:blue/{node}').nonempty() && cy.getElementById('grp:blue/{node}').data('label').includes('1 VM')");
        await TopologyGraphs.ClickAsync(page, $"grp:blue/{node}");

        // The VM, not its launcher pod, with its blue interface to its node.
        await TopologyGraphs.WaitAsync(page, "cy.getElementById('vm:default/vmi-multus-blue').hasClass('vm')"
            + " && cy.nodes('.pod').filter(n => n.id().startsWith('pod:default/virt-launcher-vmi-multus-blue')).length === 0"
            + $" && cy.edges('.iface.vm').some(e => e.source().id() === 'vm:default/vmi-multus-blue' && e.target().id() === 'node:{node}' && e.id().endsWith('/blue'))");
        await TopologyGraphs.ClickAsync(page, "vm:default/vmi-multus-blue");
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync("VM default/vmi-multus-blue");
        await Expect(page.Locator("[data-testid=topology-details-link]", new() { HasText = "Launcher pod virt-launcher-vmi-multus-blue" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topology-vm.png"), FullPage = true });

        await page.Locator("[data-testid=topology-details-link]", new() { HasText = "VM vmi-multus-blue" }).ClickAsync();
        await Expect(page.Locator("[data-testid=vm-row][data-vm='default/vmi-multus-blue']").First).ToBeVisibleAsync();
        await KubectlOkAsync("delete", "vmi", "vmi-multus-blue");
    }
}
