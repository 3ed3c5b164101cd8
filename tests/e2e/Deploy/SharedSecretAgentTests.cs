using System.Net;
using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// The docker-compose layout without containers: the embedded console with no simulated nodes, and the real standalone
/// agent reading the console's kubeconfig and generated agent secret from its data directory.
/// </summary>
public sealed class SharedSecretAgentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task StandaloneAgent_WithTheGeneratedSecret_Reports_AndWithAnotherIsRefusedAndAppliesNothing()
    {
        await using var web = await WebProcess.StartAsync(["--Multinet:SeedDemo", "true"], cancellationToken: Token);
        var secret = Path.Combine(web.DataDir, "agent-secret");
        Assert.True(File.Exists(secret), "the console writes its agent secret at start");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }

        var wrong = Path.Combine(web.DataDir, "wrong-secret");
        await File.WriteAllTextAsync(wrong, "0123456789abcdef", Token);

        await using var intruder = AgentProcess.Start(Settings(web, "node-x", wrong));
        await using var agent = AgentProcess.Start(Settings(web, "node-1", secret));
        using var http = await web.HttpClientAsync(Token);

        await UntilAsync(async () =>
        {
            using var response = await http.GetAsync("api/v1/networks/blue", Token);
            return response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["nodes"]!.AsArray()
                .Any(n => (string?)n!["node"] == "node-1" && (string?)n["state"] == "Applied");
        }, web, agent);
        await UntilAsync(() => Task.FromResult(intruder.Output.Contains("refused this agent's credential (Unauthenticated", StringComparison.Ordinal)), web, intruder);

        using var nodes = await http.GetAsync("api/v1/nodes/node-x", Token);
        Assert.Equal(HttpStatusCode.NotFound, nodes.StatusCode);
        Assert.Contains("Refused an agent stream", web.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await File.ReadAllTextAsync(secret, Token), web.Output + agent.Output + intruder.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(WebProcess web, string node, string tokenFile) => new()
    {
        ["Agent__NodeName"] = node,
        ["Agent__Kubeconfig"] = web.KubeconfigPath!,
        ["Agent__ConsoleUrl"] = web.GrpcUrl.GetLeftPart(UriPartial.Authority),
        ["Agent__ConsoleTokenFile"] = tokenFile,
        ["Agent__Dataplane"] = "Simulated",
        ["Agent__ControllersEnabled"] = "false",
    };

    private static async Task UntilAsync(Func<Task<bool>> condition, WebProcess web, AgentProcess agent)
    {
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            while (!await condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ceiling.Token);
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            Assert.Fail($"Not within 120 s.\nconsole:\n{web.Output}\nagent:\n{agent.Output}");
        }
    }
}
