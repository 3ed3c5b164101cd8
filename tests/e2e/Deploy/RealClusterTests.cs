using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Multinet.Contracts.Agent.V1;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// deploy/ on a real kube-apiserver (with etcd), enabled by <see cref="Variable"/> naming an admin kubeconfig: its CRDs
/// and RBAC applied with kubectl, the real console running as the multinet-console ServiceAccount, the real agent
/// (simulated dataplane) as multinet-agent for a Node and Pod the test creates (there is no kubelet), the seeds' blue and
/// red Networks created with kubectl, applied on the node and shown in the console, and credentials other than the
/// agent pod's own token refused.
/// </summary>
public sealed class RealClusterTests
{
    public const string Variable = "MULTINET_KUBE_APISERVER_KUBECONFIG";
    private const string Ns = "multinet-system";
    private const string NodeName = "multinet-e2e-node";
    // Unique per run: a token bound to a pod that is being deleted is invalid, and without a kubelet a pod on a node is
    // only gone once force-deleted.
    private static readonly string s_podName = $"multinet-agent-e2e-{Guid.NewGuid().ToString("N")[..8]}";
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task Install_OnARealApiServer_TheAgentAppliesTheSeedNetworksTheConsoleShowsThemAndForeignCredentialsAreRefused()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(admin), $"{Variable} is not set: the real kube-apiserver journey is skipped. Point it at an admin kubeconfig of a kube-apiserver whose --api-audiences include multinet-console.");
        var work = Directory.CreateTempSubdirectory("multinet-real-").FullName;
        try
        {
            await RunJourneyAsync(new Kubectl("/usr/bin/kubectl", admin!, Path.Combine(work, "cache")), work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunJourneyAsync(Kubectl kubectl, string work)
    {
        var version = JsonNode.Parse((await Ok(kubectl, "get", "--raw", "/version")).StandardOutput)!;
        TestContext.Current.SendDiagnosticMessage($"kube-apiserver {version["gitVersion"]} ({version["goVersion"]}, {version["platform"]})");

        // As an operator would: the prerequisites only where missing, then deploy/.
        var prerequisites = await kubectl.RunAsync(Token, "create", "-k", Repo("deploy/prerequisites"));
        Assert.True(prerequisites.ExitCode == 0 || prerequisites.StandardError.Contains("AlreadyExists", StringComparison.Ordinal), prerequisites.ToString());
        await Ok(kubectl, "apply", "-k", Repo("deploy"));
        await Ok(kubectl, "wait", "--for", "condition=Established", "--timeout=60s", "crd/networks.projectcalico.org",
            "crd/network-attachment-definitions.k8s.cni.cncf.io", "crd/networkpolicies.crd.projectcalico.org");
        await kubectl.RunAsync(Token, "delete", "networks.projectcalico.org", "blue", "red", "--ignore-not-found");

        // No kubelet here: the node, and the agent's pod its token is bound to, are created by hand.
        await Ok(kubectl, "apply", "-f", Write(work, "node.yaml", $$"""
            apiVersion: v1
            kind: Node
            metadata: {name: {{NodeName}}}
            """));
        await Ok(kubectl, "patch", "node", NodeName, "--subresource=status", "--type=merge", "-p",
            """{"status":{"addresses":[{"type":"InternalIP","address":"192.0.2.10"}]}}""");
        await Ok(kubectl, "apply", "-f", Write(work, "pod.yaml", $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: {{s_podName}}, namespace: {{Ns}}}
            spec:
              nodeName: {{NodeName}}
              serviceAccountName: multinet-agent
              automountServiceAccountToken: false
              containers: [{name: agent, image: multinet-agent}]
            """));

        var server = (await Ok(kubectl, "config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}")).StandardOutput.Trim();
        var consoleKubeconfig = Write(work, "console.kubeconfig", Kubeconfig(server, await TokenAsync(kubectl, "multinet-console")));
        var agentKubeconfig = Write(work, "agent.kubeconfig", Kubeconfig(server, await TokenAsync(kubectl, "multinet-agent")));
        var agentToken = await TokenAsync(kubectl, "multinet-agent", "--audience", "multinet-console", "--bound-object-kind", "Pod", "--bound-object-name", s_podName, "--duration", "10m");
        var tokenFile = Write(work, "console-token", agentToken);

        await using var console = await WebProcess.StartAsync(["--Multinet:Kubeconfig", consoleKubeconfig], waitForKubeconfig: false, cancellationToken: Token);
        await using var agent = AgentProcess.Start(new Dictionary<string, string>
        {
            ["Agent__NodeName"] = NodeName,
            ["Agent__Kubeconfig"] = agentKubeconfig,
            ["Agent__ConsoleUrl"] = console.GrpcUrl.GetLeftPart(UriPartial.Authority),
            ["Agent__ConsoleTokenFile"] = tokenFile,
            ["Agent__Dataplane"] = "Simulated",
            ["Agent__LeaseNamespace"] = Ns,
        });
        using var http = await console.HttpClientAsync(Token); // the admin's session: the console's API needs one
        try
        {
            await Ok(kubectl, "apply", "-f", Repo("examples/network.yaml"));

            // Applied on the node, at the Network's generation, as its agent reports it to the console's live feed.
            await using (var feed = await LiveFeed.ConnectAsync(console, Token))
            {
                await feed.WaitForAsync(s => new[] { "blue", "red" }.All(network => AppliedOn(s, network, NodeName)), Token);
            }

            // The elected agent wrote the status kubectl shows; the CRD's Ready column reads it. kubectl wait watches for it.
            await Ok(kubectl, "wait", "--for=jsonpath={.status.ready}=1/1", $"--timeout={s_ceiling.TotalSeconds:0}s", "network/blue");
            var table = (await Ok(kubectl, "get", "networks")).StandardOutput;
            Assert.Matches(@"blue\s+56\s+172\.19\.0\.0/16\s+1/1", table);

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(await agent.HttpUrlAsync(Token), "readyz"), Token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(console.BaseUrl, "readyz"), Token)).StatusCode);
            Assert.Contains("multinet_agent_reconcile_duration_seconds", await http.GetStringAsync(new Uri(await agent.HttpUrlAsync(Token), "metrics"), Token), StringComparison.Ordinal);

            // The real API server refuses what is not the agent pod's own token for the console.
            await AssertRefusedAsync(console, null, NodeName, StatusCode.Unauthenticated);
            await AssertRefusedAsync(console, "not-a-token", NodeName, StatusCode.Unauthenticated);
            await AssertRefusedAsync(console, Forge(agentToken), NodeName, StatusCode.Unauthenticated);
            await AssertRefusedAsync(console, await TokenAsync(kubectl, "multinet-agent"), NodeName, StatusCode.Unauthenticated); // audience: the API server
            await AssertRefusedAsync(console, await TokenAsync(kubectl, "multinet-console", "--audience", "multinet-console"), NodeName, StatusCode.Unauthenticated);
            await AssertRefusedAsync(console, agentToken, "some-other-node", StatusCode.PermissionDenied);
            Assert.Contains("Refused an agent stream", console.Output, StringComparison.Ordinal);

            // Exactly the rules of deploy/ sufficed.
            Assert.DoesNotContain("Forbidden", agent.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Forbidden", console.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(" 403", agent.Output + console.Output, StringComparison.Ordinal);
        }
        finally
        {
            await kubectl.RunAsync(Token, "delete", "networks.projectcalico.org", "blue", "red", "--ignore-not-found");
            await kubectl.RunAsync(Token, "delete", "pod", "-n", Ns, s_podName, "--ignore-not-found", "--force", "--grace-period=0");
        }
    }

    [Fact(Timeout = 600_000)]
    public async Task Start_CalicoApiServerServesProjectcalicoV3_TheConsoleSaysSoAtStart()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(admin), $"{Variable} is not set: the real kube-apiserver check is skipped.");
        var work = Directory.CreateTempSubdirectory("multinet-real-").FullName;
        var kubectl = new Kubectl("/usr/bin/kubectl", admin!, Path.Combine(work, "cache"));
        var apiService = Write(work, "apiservice.yaml", """
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v3.projectcalico.org}
            spec:
              group: projectcalico.org
              version: v3
              groupPriorityMinimum: 1500
              versionPriority: 200
              insecureSkipTLSVerify: true
              service: {name: calico-api, namespace: calico-apiserver}
            """);
        try
        {
            await Ok(kubectl, "apply", "-k", Repo("deploy"));
            await Ok(kubectl, "wait", "--for", "condition=Established", "--timeout=60s", "crd/networks.projectcalico.org");
            await Ok(kubectl, "wait", "--for", "condition=Available", "--timeout=60s", "apiservice/v3.projectcalico.org"); // the server's own, for the CRD
            await Ok(kubectl, "replace", "-f", apiService); // as the Calico API server registers itself
            var server = (await Ok(kubectl, "config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}")).StandardOutput.Trim();
            var consoleKubeconfig = Write(work, "console.kubeconfig", Kubeconfig(server, await TokenAsync(kubectl, "multinet-console")));

            await using var console = await WebProcess.StartAsync(["--Multinet:Kubeconfig", consoleKubeconfig], waitForKubeconfig: false, cancellationToken: Token);

            await console.WaitForOutputAsync("projectcalico.org/v3 is served by an aggregated API server", s_ceiling, Token);

            Assert.Contains("calico-apiserver/calico-api", console.Output, StringComparison.Ordinal);
        }
        finally
        {
            await kubectl.RunAsync(Token, "delete", "-f", apiService, "--ignore-not-found");
            await kubectl.RunAsync(Token, "wait", "--for", "condition=Available", "--timeout=60s", "apiservice/v3.projectcalico.org"); // the CRD's again
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Opens an agent stream with <paramref name="credential"/> and a Hello for <paramref name="node"/>; the console must end it with <paramref name="expected"/>.</summary>
    private static async Task AssertRefusedAsync(WebProcess console, string? credential, string node, StatusCode expected)
    {
        using var channel = GrpcChannel.ForAddress(console.GrpcUrl);
        var headers = new Metadata();
        if (credential is not null)
        {
            headers.Add("authorization", "Bearer " + credential);
        }

        using var call = new AgentGateway.AgentGatewayClient(channel).Connect(headers, cancellationToken: Token);
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { NodeName = node, AgentVersion = "e2e", Dataplane = "Simulated" } }, Token);
            await call.RequestStream.WriteAsync(new AgentMessage { Snapshot = new NodeSnapshot { Sequence = 1 } }, Token);
        }
        catch (RpcException)
        {
            // the console may end the call before the writes: the status is read below
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Token));
        Assert.Equal(expected, error.StatusCode);
    }

    /// <summary>The token with its payload changed (another node's pod) and its signature kept: only the key could make it valid.</summary>
    private static string Forge(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        var forged = payload.Replace(s_podName, "another-pod", StringComparison.Ordinal);
        Assert.NotEqual(payload, forged);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);

        static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    private static async Task<string> TokenAsync(Kubectl kubectl, string serviceAccount, params string[] options) =>
        (await Ok(kubectl, ["create", "token", serviceAccount, "-n", Ns, .. options])).StandardOutput.Trim();

    private static string Kubeconfig(string server, string token) => $$$"""
        apiVersion: v1
        kind: Config
        clusters: [{name: real, cluster: {server: "{{{server}}}", insecure-skip-tls-verify: true}}]
        users: [{name: sa, user: {token: "{{{token}}}"}}]
        contexts: [{name: real, context: {cluster: real, user: sa}}]
        current-context: real
        """;

    /// <summary>Whether the live feed's snapshot shows <paramref name="network"/> applied on <paramref name="node"/> at the Network's generation.</summary>
    private static bool AppliedOn(JsonElement snapshot, string network, string node)
    {
        var generation = snapshot.GetProperty("networks").EnumerateArray().Where(n => n.GetProperty("name").GetString() == network)
            .Select(n => n.TryGetProperty("generation", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetInt64() : 1).FirstOrDefault(-1);
        return generation >= 0 && snapshot.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("name").GetString() == node
            && n.GetProperty("vrfs").EnumerateArray().Any(v => v.GetProperty("network").GetString() == network
                && v.GetProperty("state").GetString() == "Applied" && v.GetProperty("generation").GetInt64() >= generation));
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
