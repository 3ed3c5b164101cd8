using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// Sign-in with a Kubernetes token on a real kube-apiserver (enabled by <see cref="RealClusterTests.Variable"/>): deploy/'s
/// RBAC applied, the console running as its ServiceAccount (which may read Networks but not write them), a ServiceAccount's
/// token pasted on /login in Chromium, checked by a TokenReview and mapped to operator by its group; the Network it then
/// creates in the browser is written as that person (impersonated: the console's own account could not have), named in
/// the object's managedFields and on the console's timeline.
/// </summary>
public sealed class RealClusterSignInTests(BrowserFixture browser)
{
    private const string People = "multinet-e2e-people";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task KubernetesToken_SignsInAsOperator_AndTheNetworkItCreatesIsWrittenAsThatPerson()
    {
        var admin = Environment.GetEnvironmentVariable(RealClusterTests.Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(admin), $"{RealClusterTests.Variable} is not set: the real kube-apiserver sign-in journey is skipped.");
        var work = Directory.CreateTempSubdirectory("multinet-real-signin-").FullName;
        var kubectl = new Kubectl("/usr/bin/kubectl", admin!, Path.Combine(work, "cache"));
        var network = $"imp-{Guid.NewGuid():N}"[..12];
        try
        {
            var prerequisites = await kubectl.RunAsync(Token, "create", "-k", Repo("deploy/prerequisites"));
            Assert.True(prerequisites.ExitCode == 0 || prerequisites.StandardError.Contains("AlreadyExists", StringComparison.Ordinal), prerequisites.ToString());
            await Ok(kubectl, "apply", "-k", Repo("deploy"));
            await Ok(kubectl, "wait", "--for", "condition=Established", "--timeout=60s", "crd/networks.projectcalico.org");
            await Ok(kubectl, "apply", "-f", Write(work, "people.yaml", $"""
                apiVersion: v1
                kind: Namespace
                metadata: {"{"}name: {People}{"}"}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {"{"}name: alice, namespace: {People}{"}"}
                """));
            var person = $"system:serviceaccount:{People}:alice";
            var aliceToken = (await Ok(kubectl, "create", "token", "alice", "-n", People)).StandardOutput.Trim();
            var consoleToken = (await Ok(kubectl, "create", "token", "multinet-console", "-n", "multinet-system")).StandardOutput.Trim();
            var server = (await Ok(kubectl, "config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}")).StandardOutput.Trim();
            var consoleKubeconfig = Write(work, "console.kubeconfig", $$$"""
                apiVersion: v1
                kind: Config
                clusters: [{name: real, cluster: {server: "{{{server}}}", insecure-skip-tls-verify: true}}]
                users: [{name: sa, user: {token: "{{{consoleToken}}}"}}]
                contexts: [{name: real, context: {cluster: real, user: sa}}]
                current-context: real
                """);
            // The console's own account may not create Networks: a Network it writes for alice is allowed by alice's RBAC alone.
            var canI = await kubectl.RunAsync(Token, "auth", "can-i", "create", "networks.projectcalico.org", "--as", "system:serviceaccount:multinet-system:multinet-console");
            Assert.Equal("no", canI.StandardOutput.Trim());

            await using var console = await WebProcess.StartAsync(
                ["--Multinet:Kubeconfig", consoleKubeconfig, "--Multinet:Auth:Kubernetes:OperatorGroups:0", $"system:serviceaccounts:{People}"],
                waitForKubeconfig: false, cancellationToken: Token);
            await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = console.BaseUrl.ToString() });
            context.SetDefaultTimeout(BrowserFixture.Patience);
            var page = await context.NewPageAsync();

            await page.OpenAsync("/login");
            await page.GetByTestId("login-kubernetes-token").FillAsync("not-a-token");
            await page.GetByTestId("login-kubernetes-submit").ClickAsync();
            await Expect(page.GetByTestId("login-kubernetes-error")).ToContainTextAsync("The Kubernetes API did not accept this token");
            await page.GetByTestId("login-kubernetes-token").FillAsync(aliceToken);
            await page.GetByTestId("login-kubernetes-submit").ClickAsync();
            await Expect(page.GetByTestId("user-menu-open")).ToContainTextAsync($"{person} (operator)");

            await page.OpenAsync("/networks");
            await page.GetByTestId("new-network").ClickAsync();
            await page.Locator("#network-name").FillAsync(network);
            await page.Locator("#network-vni").FillAsync("3901");
            await page.Locator("#network-range").FillAsync("10.239.0.0/16");
            await page.GetByTestId("network-create").ClickAsync();
            await Expect(page.Locator($"[data-testid=network-row][data-network={network}]")).ToBeVisibleAsync();

            var stored = JsonNode.Parse((await Ok(kubectl, "get", "networks.projectcalico.org", network, "-o", "json", "--show-managed-fields")).StandardOutput)!;
            Assert.Contains($"multinet-console:{person}", stored["metadata"]!["managedFields"]!.AsArray().Select(f => (string?)f!["manager"]));
            await page.OpenAsync($"/timeline?name={network}");
            await Expect(page.GetByTestId("timeline-actor").First).ToHaveTextAsync($"multinet-console:{person}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "real-cluster-token-sign-in.png") });
            Assert.DoesNotMatch(new Regex("forbidden", RegexOptions.IgnoreCase), console.Output);
        }
        finally
        {
            await kubectl.RunAsync(Token, "delete", "networks.projectcalico.org", network, "--ignore-not-found");
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args, Token);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result;
    }

    private static string Repo(string path) => Path.Combine(WebProcess.RepositoryRoot, path);

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
