using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>The embedded API driven by the real kubectl binaries, as users do: no --validate=false, no special flags.</summary>
/// <remarks>One console serves the whole class; each test starts from the Networks it needs.</remarks>
public sealed class KubectlTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    private static string ExampleNetworks => Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml");

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task ApplyGetDelete_ExampleNetworks_BehaveAsOnKubeApiserver(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var token = Timeout();
        var reset = await kubectl.RunAsync(token, "delete", "networks", "--all");
        Assert.True(reset.ExitCode == 0, reset.ToString());

        var created = await kubectl.RunAsync(token, "apply", "-f", ExampleNetworks);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("network.projectcalico.org/blue created", created.StandardOutput);
        Assert.Contains("network.projectcalico.org/red created", created.StandardOutput);

        var list = await kubectl.RunAsync(token, "get", "networks");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"(?m)^blue\s+56\s+172\.19\.0\.0/16", list.StandardOutput);
        Assert.Matches(@"(?m)^red\s+88\s+172\.20\.0\.0/16", list.StandardOutput);

        var blue = await kubectl.RunAsync(token, "get", "network", "blue", "-o", "json");
        Assert.True(blue.ExitCode == 0, blue.ToString());
        Assert.Equal(56, JsonNode.Parse(blue.StandardOutput)!["spec"]!["vni"]!.GetValue<int>());

        var again = await kubectl.RunAsync(token, "apply", "-f", ExampleNetworks);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("network.projectcalico.org/blue unchanged", again.StandardOutput);
        Assert.Contains("network.projectcalico.org/red unchanged", again.StandardOutput);

        var deleted = await kubectl.RunAsync(token, "delete", "network", "red");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains("\"red\" deleted", deleted.StandardOutput);
        var gone = await kubectl.RunAsync(token, "get", "network", "red");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.StandardError);
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task Apply_InvalidVni_FailsWithTheFieldMessageAndStoresNothing(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var token = Timeout();
        var file = Path.Combine(console.Web.DataDir, "green.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata:
              name: green
            spec:
              vni: 4096
              range: "172.21.0.0/16"
            """, token);

        var applied = await kubectl.RunAsync(token, "apply", "-f", file);
        var list = await kubectl.RunAsync(token, "get", "networks", "-o", "name");

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("spec.vni", applied.StandardError);
        Assert.Contains("4096 is reserved", applied.StandardError);
        Assert.DoesNotContain("green", list.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task GetWatch_NetworkEdited_PrintsTheEditedLine(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var token = Timeout();
        var created = await kubectl.RunAsync(token, "apply", "-f", ExampleNetworks);
        Assert.True(created.ExitCode == 0, created.ToString());

        using var watch = kubectl.StartBackground("get", "networks", "-w");
        try
        {
            // The initial list is printed once the watch is set up: wait for it before editing.
            await ReadUntilAsync(watch.StandardOutput, line => line.StartsWith("red ", StringComparison.Ordinal), token);
            var patched = await kubectl.RunAsync(token, "patch", "network", "blue", "--type", "merge", "-p", """{"spec":{"range":"172.29.0.0/16"}}""");
            Assert.True(patched.ExitCode == 0, patched.ToString());

            var line = await ReadUntilAsync(watch.StandardOutput, line => line.Contains("172.29.0.0/16", StringComparison.Ordinal), token);

            Assert.Matches(@"^blue\s+56\s+172\.29\.0\.0/16", line);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task CreateDeleteNamespace_Works(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var token = Timeout();

        var created = await kubectl.RunAsync(token, "create", "namespace", "team-a");
        var listed = await kubectl.RunAsync(token, "get", "namespaces", "-o", "name");
        var deleted = await kubectl.RunAsync(token, "delete", "namespace", "team-a");
        var after = await kubectl.RunAsync(token, "get", "namespaces", "-o", "name");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(["namespace/default", "namespace/kube-system", "namespace/team-a"], Lines(listed.StandardOutput));
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(["namespace/default", "namespace/kube-system"], Lines(after.StandardOutput));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<string> ReadUntilAsync(StreamReader reader, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (wanted(line))
            {
                return line;
            }
        }

        throw new EndOfStreamException("kubectl ended before the expected line appeared.");
    }

    private CancellationToken Timeout()
    {
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return _timeout.Token;
    }
}
