using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// The YAML editor in real Chromium with Monaco: dry run and diff, and two browsers editing one object at once, the
/// second told of the first's change as it happens.
/// </summary>
public sealed class YamlEditorTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task TwoBrowsersEditTheSameNetwork_TheSecondIsToldAtOnceSeesBaseYoursAndServerAndKeepsBothChanges()
    {
        await ApplyAsync("apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: plum\nspec:\n  vni: 81\n  range: \"10.81.0.0/16\"\n  physicalNetworkName: \"\"\n");
        var first = await Context.NewPageAsync();
        await using var otherContext = await NewContextAsync();
        var second = await otherContext.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.OpenAsync("/yaml?kind=network&name=plum");
            await Expect(page.GetByTestId("yaml-apply")).ToBeEnabledAsync(EditorStart);
        }

        await SetFieldInEditorAsync(second, "physicalNetworkName", "uplink-b"); // the second's edit, not applied yet
        await SetFieldInEditorAsync(first, "range", "10.82.0.0/16");
        await first.GetByTestId("yaml-review").ClickAsync();
        await Expect(first.GetByTestId("yaml-stage")).ToHaveTextAsync("Reviewed");
        await Expect(first.GetByTestId("yaml-diff").Locator(".mn-diff-add")).ToContainTextAsync("10.82.0.0/16");
        await first.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "yaml-review.png"), FullPage = true });
        await first.GetByTestId("yaml-apply").ClickAsync();
        await Expect(first.GetByTestId("yaml-stage")).ToHaveTextAsync("Applied");
        var afterFirst = await SpecAsync("plum");

        // The second browser is told without pressing anything, and its edit is still in its editor.
        await Expect(second.GetByTestId("yaml-live-text")).ToHaveTextAsync(
            new Regex(@"^plum was changed on the server (by \S+ )?at \d\d:\d\d:\d\d UTC \(resourceVersion \d+\)\. Changed: spec/range\.$"));
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "yaml-live-notice.png"), FullPage = true });
        Assert.Contains("uplink-b", await EditorTextAsync(second), StringComparison.Ordinal);
        await second.GetByTestId("yaml-live-show").ClickAsync();

        await Expect(second.GetByTestId("yaml-conflict")).ToBeVisibleAsync();
        await Expect(second.GetByTestId("yaml-base")).ToContainTextAsync("10.81.0.0/16");
        await Expect(second.GetByTestId("yaml-yours")).ToContainTextAsync("uplink-b");
        await Expect(second.GetByTestId("yaml-server")).ToContainTextAsync("10.82.0.0/16");
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "yaml-conflict.png"), FullPage = true });
        Assert.Equal("10.82.0.0/16 ", afterFirst);
        Assert.Equal("10.82.0.0/16 ", await SpecAsync("plum")); // the first edit stands; nothing was overwritten

        await second.GetByTestId("yaml-accept-merged").ClickAsync();
        await second.GetByTestId("yaml-apply").ClickAsync();
        await Expect(second.GetByTestId("yaml-stage")).ToHaveTextAsync("Applied");
        Assert.Equal("10.82.0.0/16 uplink-b", await SpecAsync("plum"));

        // The first browser held no edit: it took the second's version itself, and says so.
        await Expect(first.GetByTestId("yaml-live-reloaded")).ToContainTextAsync("reloaded the server's newer version");
        Assert.Contains("uplink-b", await EditorTextAsync(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadYaml_IsRefusedWithTheLineAndNothingIsWritten()
    {
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/yaml");
        await Expect(page.GetByTestId("yaml-apply")).ToBeEnabledAsync(EditorStart);
        await SetEditorAsync(page, "apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: broken\nspec:\n  vni: 90\n   range: 10.90.0.0/16\n");

        await page.GetByTestId("yaml-apply").ClickAsync();

        await Expect(page.GetByTestId("yaml-error")).ToContainTextAsync("line 7");
        var get = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", "broken");
        Assert.NotEqual(0, get.ExitCode);
    }

    /// <summary>Monaco is a few megabytes of script: on a loaded CI machine it takes longer to start than a page takes to render.</summary>
    private static LocatorAssertionsToBeEnabledOptions EditorStart { get; } = new() { Timeout = 60_000 };

    private async Task<string> SpecAsync(string name)
    {
        var result = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", name, "-o", "jsonpath={.spec.range} {.spec.physicalNetworkName}");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    private static Task SetFieldInEditorAsync(IPage page, string field, string value) =>
        page.EvaluateAsync("([field, value]) => { const m = monaco.editor.getModels()[0]; m.setValue(m.getValue().replace(new RegExp('^( *' + field + ':).*$', 'm'), '$1 ' + value)); }", new[] { field, value });

    private static Task<string> EditorTextAsync(IPage page) => page.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getValue()");

    private static Task SetEditorAsync(IPage page, string text) =>
        page.EvaluateAsync("text => monaco.editor.getModels()[0].setValue(text)", text);

    private async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"multinet-yaml-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, TestContext.Current.CancellationToken);
        try
        {
            var apply = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "apply", "-f", file);
            Assert.True(apply.ExitCode == 0, apply.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
