using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>The audit timeline against the real console, real kubectl and three simulated nodes running the real agent.</summary>
public sealed class TimelineTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");
    private static readonly string[] s_nodes = ["node-1", "node-2", "node-3"];

    private static ILocator Change(IPage page, string kind) =>
        page.Locator("tr", new() { Has = page.Locator($"[data-testid=timeline-row][data-kind={kind}]") });

    [Fact]
    public async Task ServiceEditedAndDeletedWithKubectl_ShowsWhoAndEachNodesResult_OnTheTimelineTheOverviewAndTheApi()
    {
        var token = TestContext.Current.CancellationToken;
        var apply = await Cluster.Kubectl.RunAsync(token, "apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"),
            "-f", Path.Combine(s_examples, "service.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var page = await Context.NewPageAsync();

        // Every node applies blue first, so the edit below is one each node has to apply.
        await page.OpenAsync("/timeline?object=Network&name=blue");
        var blue = Change(page, "Created");
        await Expect(blue.GetByTestId("timeline-actor")).ToHaveTextAsync("kubectl-client-side-apply");
        await Expect(blue.Locator("[data-testid=timeline-result][data-kind=Applied]")).ToHaveCountAsync(3);

        // A backend on blue: a Service without endpoints is never programmed (an empty translation would crash VPP), so its
        // edit would be nothing to apply. With one, every node programs the service and has the edit to apply.
        var backend = Path.Combine(Path.GetTempPath(), $"timeline-backend-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(backend, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: timeline-backend
              labels: {app: MyApp}
              annotations: {k8s.v1.cni.cncf.io/networks: network-blue-conf@eth1}
            spec:
              containers: [{name: app, image: registry.k8s.io/pause:3.9}]
            """, token);
        var pod = await Cluster.Kubectl.RunAsync(token, "apply", "-f", backend);
        File.Delete(backend);
        Assert.True(pod.ExitCode == 0, pod.ToString());
        await page.OpenAsync("/services");
        await Expect(page.Locator("[data-testid=service-row][data-service='default/my-service']").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("service-backends").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+\.\d+\.\d+\.\d+"));

        await page.OpenAsync("/timeline?object=Service&name=default%2Fmy-service");
        await Expect(Change(page, "Created").GetByTestId("timeline-actor")).ToHaveTextAsync("kubectl-client-side-apply");
        var patch = await Cluster.Kubectl.RunAsync(token, "patch", "service", "my-service", "--type=json", "-p", """[{"op":"replace","path":"/spec/ports/0/port","value":8080}]""");
        Assert.True(patch.ExitCode == 0, patch.ToString());

        // The open page learns of the edit and of each node's result as they are recorded.
        var edit = Change(page, "Updated");
        await Expect(edit.GetByTestId("timeline-actor")).ToHaveTextAsync("kubectl-patch");
        await Expect(edit.GetByTestId("timeline-summary")).ToContainTextAsync("8080/TCP");
        var results = edit.Locator("[data-testid=timeline-result][data-kind=Applied]");
        await Expect(results).ToHaveCountAsync(3);
        Assert.Equal(s_nodes, (await results.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.node)")).Order(StringComparer.Ordinal));
        await Expect(results.First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Applied on node-\d in \d+(\.\d)? ms"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "timeline-service.png"), FullPage = true });

        using var http = await Cluster.Web.HttpClientAsync(TestContext.Current.CancellationToken);
        var api = await http.GetFromJsonAsync<JsonElement>("/api/v1/timeline?object=Service&name=default%2Fmy-service", token);
        var items = api.GetProperty("items").EnumerateArray().ToList();
        var updated = items.Single(i => i.GetProperty("kind").GetString() == "Updated");
        Assert.Equal("kubectl-patch", updated.GetProperty("actor").GetString());
        var applied = items.Where(i => i.GetProperty("kind").GetString() == "Applied" && i.GetProperty("id").GetInt64() > updated.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(s_nodes, applied.Select(i => i.GetProperty("node").GetString()).Order(StringComparer.Ordinal));
        Assert.All(applied, i => Assert.Equal(JsonValueKind.Number, i.GetProperty("durationMs").ValueKind));
        var bad = await http.GetAsync("/api/v1/timeline?object=Pod", token);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"object\"", await bad.Content.ReadAsStringAsync(token), StringComparison.Ordinal);

        await page.OpenAsync("/");
        var recent = page.Locator("[data-testid=recent-change][data-name='default/my-service']").First;
        await Expect(recent).ToHaveAttributeAsync("data-kind", "Updated");
        await Expect(recent.GetByTestId("recent-change-actor")).ToHaveTextAsync("kubectl-patch");
        await Expect(recent.GetByTestId("recent-change-results")).ToHaveTextAsync("3 applied");

        // A deletion: nobody is named, and each node reports the entries gone.
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(token, "delete", "service", "my-service")).ExitCode);
        await Expect(recent).ToHaveAttributeAsync("data-kind", "Deleted");
        await Expect(recent.GetByTestId("recent-change-actor")).ToHaveTextAsync("—");
        await Expect(recent.GetByTestId("recent-change-results")).ToHaveTextAsync("3 applied");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "overview-recent-changes.png"), FullPage = true });

        await recent.GetByTestId("recent-change-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/timeline\?name=default%2Fmy-service&object=Service$"));
        await Expect(page.Locator("[data-testid=timeline-row]")).ToHaveCountAsync(3);
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(token, "delete", "pod", "timeline-backend")).ExitCode);
    }
}
