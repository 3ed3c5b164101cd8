using System.Net;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// The docker-compose layout without containers: the embedded console with no simulated nodes, and the real standalone
/// agent reading the console's kubeconfig and generated agent secret from its data directory.
/// </summary>
public sealed class SharedSecretAgentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
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

        await using var feed = await LiveFeed.ConnectAsync(web, Token);
        await feed.WaitForAsync(s => s.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("name").GetString() == "node-1"
            && n.GetProperty("vrfs").EnumerateArray().Any(v => v.GetProperty("network").GetString() == "blue" && v.GetProperty("state").GetString() == "Applied")), Token);
        using (var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            ceiling.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure
            await intruder.WaitForOutputAsync("refused this agent's credential (Unauthenticated", ceiling.Token);
        }

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
}
