using System.Text.Json;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>The reachability page on the simulated cluster: answers from what the real agents report, deep-linked.</summary>
public sealed class ReachabilityPageTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");

    [Fact]
    public async Task SamplepodReachesItsOwnBlueAddress_NotItsRedInterface_AndBlueIsIsolatedFromRed()
    {
        var token = TestContext.Current.CancellationToken;
        var apply = await Cluster.Kubectl.RunAsync(token, "apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"),
            "-f", Path.Combine(s_examples, "pod-multinet.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(token, "wait", "--for=condition=Ready", "pod/samplepod", "--timeout=60s")).ExitCode);
        var status = await Cluster.Kubectl.RunAsync(token, "get", "pod", "samplepod", "-o", @"jsonpath={.metadata.annotations.k8s\.v1\.cni\.cncf\.io/network-status}");
        var blueIp = JsonDocument.Parse(status.StandardOutput).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "default/network-blue-conf").GetProperty("ips")[0].GetString()!;
        var page = await Context.NewPageAsync();

        await page.OpenAsync($"/reachability?from={Uri.EscapeDataString("pod/default/samplepod@blue")}&to={Uri.EscapeDataString($"ip/{blueIp}@blue")}&a=blue&b=red");

        await Expect(page.Locator("[data-testid=reach-verdict][data-verdict=Reachable]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The pod's own address: its blue interface is the path's first and last hop, with its egress and ingress rules.
        await Expect(page.Locator("[data-testid=reach-hop][data-id='if:default/samplepod/blue']")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=reach-hop][data-id='rules:egress:if:default/samplepod/blue']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=reach-hop][data-id='rules:ingress:if:default/samplepod/blue']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=iso-verdict][data-isolated=true]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reachability.png"), FullPage = true });

        await page.OpenAsync($"/reachability?from={Uri.EscapeDataString("pod/default/samplepod@blue")}&to={Uri.EscapeDataString("pod/default/samplepod@red")}");

        await Expect(page.Locator("[data-testid=reach-verdict][data-verdict=NotReachable]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var broken = page.Locator("[data-first-broken]");
        await Expect(broken).ToHaveAttributeAsync("data-id", "net:blue");
        await Expect(broken.GetByTestId("reach-hop-reason")).ToContainTextAsync("nothing routes between them");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reachability-not-reachable.png"), FullPage = true });
    }
}
