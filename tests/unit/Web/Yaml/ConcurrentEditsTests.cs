using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Kube.Yaml;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.Web.Yaml;

namespace Multinet.UnitTests.Web.Yaml;

/// <summary>
/// Many writers edit one Network at once, through the console's YAML editor (its session and object client, as four
/// signed-in people) and the real kubectl (replace, merge patch with a resourceVersion, server-side apply with one),
/// against the embedded API. Each write reads the Network, adds one to a counter annotation and writes it guarded by
/// the resourceVersion it read. Every write must be either acknowledged or a 409 shown as a conflict, and nothing may
/// be lost: the counter ends at the number of acknowledged writes, and the values they wrote are exactly 1..N.
/// <c>MULTINET_DRILL_WRITES</c> sets the number of writes (bench/concurrent-edits.sh runs 1,000).
/// </summary>
public sealed class ConcurrentEditsTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string Counter = "drill.multinet.io/counter";
    private const int YamlWriters = 4;
    private static readonly string s_resource = $"{CrdConstants.NetworkPlural}.{CrdConstants.NetworkGroup}";

    private readonly ConcurrentBag<int> _acknowledged = [];
    private readonly ConcurrentDictionary<string, int> _conflicts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _failures = [];
    private int _yamlAttempts;
    private int _kubectlAttempts;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static int Writes => int.TryParse(Environment.GetEnvironmentVariable("MULTINET_DRILL_WRITES"), out var n) && n > 1 ? n : 60;

    [Fact]
    public async Task ConcurrentEdits_FromYamlEditorAndKubectl_EachAppliedOrAConflict_NoneLost()
    {
        Assert.SkipUnless(KubectlRunner.Available, $"{KubectlRunner.Binary} is not installed.");
        var name = KubeApiServer.UniqueName("race");
        var network = V3Network.Create(name, KubeApiServer.NextVni(), "10.160.0.0/16");
        network.Metadata.Annotations = new Dictionary<string, string> { [Counter] = "0" };
        await NetworkJson.CreateAsync(server.Client, network, Token);
        var kubectl = new KubectlRunner(server.Info.KubeconfigPath);
        var scopes = new List<AsyncServiceScope>();
        for (var i = 0; i < YamlWriters; i++)
        {
            scopes.Add(await server.SignedInScopeAsync(ConsoleRoles.Admin));
        }

        try
        {
            var started = DateTime.UtcNow;
            var yamlShare = Writes / 2;
            var writers = scopes.Select(s => WriteLoopAsync(() => YamlEditAsync(s.ServiceProvider.GetRequiredService<IKubeObjectClient>(), name),
                    () => Interlocked.Increment(ref _yamlAttempts) <= yamlShare))
                .Append(WriteLoopAsync(() => KubectlReplaceAsync(kubectl, name), () => Interlocked.Increment(ref _kubectlAttempts) <= Writes - yamlShare))
                .Append(WriteLoopAsync(() => KubectlPatchAsync(kubectl, name), () => Interlocked.Increment(ref _kubectlAttempts) <= Writes - yamlShare))
                .Append(WriteLoopAsync(() => KubectlApplyAsync(kubectl, name), () => Interlocked.Increment(ref _kubectlAttempts) <= Writes - yamlShare));
            await Task.WhenAll(writers);
            var elapsed = DateTime.UtcNow - started;

            var final = await NetworkJson.GetAsync(server.Client, name, Token);
            var finalCounter = int.Parse(final.Metadata.Annotations[Counter], CultureInfo.InvariantCulture);
            var written = _acknowledged.Order().ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"concurrent edits: {Writes} writes in {elapsed.TotalSeconds:F1} s: {written.Count} applied, {_conflicts.Values.Sum()} conflicts " +
                $"({string.Join(", ", _conflicts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}), {_failures.Count} other outcomes; " +
                $"final counter {finalCounter}, lost updates {written.Count - finalCounter}");

            Assert.Empty(_failures);
            Assert.Equal(Writes, written.Count + _conflicts.Values.Sum());
            Assert.Equal(written.Count, finalCounter);
            Assert.Equal(Enumerable.Range(1, written.Count), written);
            Assert.True(written.Count > 0 && _conflicts.Values.Sum() > 0, "the drill raced: some writes applied, some met a conflict");
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    /// <summary>Writes while <paramref name="claim"/> grants another attempt: half the writes go through the editor, half through kubectl.</summary>
    private static async Task WriteLoopAsync(Func<Task> write, Func<bool> claim)
    {
        while (claim())
        {
            await write();
        }
    }

    /// <summary>Opens the editor on the Network, edits the counter in the YAML text and applies it: applied, or the editor shows a conflict.</summary>
    private async Task YamlEditAsync(IKubeObjectClient objects, string name)
    {
        var session = new YamlEditSession(objects);
        if (!await session.LoadAsync(new ObjectRef(ManagedKind.Network, null, name), Token))
        {
            _failures.Add($"yaml load: {session.TextError}");
            return;
        }

        var document = YamlText.ParseDocuments(session.EditorText)[0];
        var next = Next(document);
        document["metadata"]!["annotations"]![Counter] = next.ToString(CultureInfo.InvariantCulture);
        if (await session.ApplyAsync(YamlText.ToYaml(document), Token))
        {
            _acknowledged.Add(next);
        }
        else if (session is { Stage: YamlEditStage.Conflict, Conflict: not null })
        {
            _conflicts.AddOrUpdate("yaml editor", 1, (_, n) => n + 1);
        }
        else
        {
            _failures.Add($"yaml apply: stage {session.Stage}, {session.TextError} {string.Join("; ", session.Results.Select(r => r.Message))}");
        }
    }

    private async Task KubectlReplaceAsync(KubectlRunner kubectl, string name)
    {
        if (await KubectlGetAsync(kubectl, name) is not { } current)
        {
            return;
        }

        var next = Next(current);
        current["metadata"]!["annotations"]![Counter] = next.ToString(CultureInfo.InvariantCulture);
        Record("kubectl replace", next, await kubectl.RunAsync(current.ToJsonString(), Token, "replace", "-f", "-"));
    }

    private async Task KubectlPatchAsync(KubectlRunner kubectl, string name)
    {
        if (await KubectlGetAsync(kubectl, name) is not { } current)
        {
            return;
        }

        var next = Next(current);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone(),
                ["annotations"] = new JsonObject { [Counter] = next.ToString(CultureInfo.InvariantCulture) },
            },
        };
        Record("kubectl patch", next, await kubectl.RunAsync(null, Token, "patch", s_resource, name, "--type", "merge", "-p", patch.ToJsonString()));
    }

    private async Task KubectlApplyAsync(KubectlRunner kubectl, string name)
    {
        if (await KubectlGetAsync(kubectl, name) is not { } current)
        {
            return;
        }

        var next = Next(current);
        var applied = new JsonObject
        {
            ["apiVersion"] = CrdConstants.NetworkApiVersion,
            ["kind"] = CrdConstants.NetworkKind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone(),
                ["annotations"] = new JsonObject { [Counter] = next.ToString(CultureInfo.InvariantCulture) },
            },
        };
        Record("kubectl apply --server-side", next,
            await kubectl.RunAsync(applied.ToJsonString(), Token, "apply", "--server-side", "--force-conflicts", "--field-manager", "drill", "-f", "-"));
    }

    private async Task<JsonObject?> KubectlGetAsync(KubectlRunner kubectl, string name)
    {
        var (exitCode, stdout, stderr) = await kubectl.RunAsync(null, Token, "get", s_resource, name, "-o", "json");
        if (exitCode != 0)
        {
            _failures.Add($"kubectl get: {stderr}");
            return null;
        }

        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>
    /// kubectl's verdict: exit 0 is applied; a 409 is printed as "Error from server (Conflict): Operation cannot be fulfilled on …: the
    /// object has been modified" (apply prints it as "error: Operation cannot be fulfilled on …").
    /// </summary>
    private void Record(string writer, int next, (int ExitCode, string Stdout, string Stderr) result)
    {
        if (result.ExitCode == 0)
        {
            _acknowledged.Add(next);
        }
        else if ((result.Stderr.Contains("Error from server (Conflict)", StringComparison.Ordinal) || result.Stderr.Contains("Operation cannot be fulfilled", StringComparison.Ordinal))
            && result.Stderr.Contains("the object has been modified", StringComparison.Ordinal))
        {
            _conflicts.AddOrUpdate(writer, 1, (_, n) => n + 1);
        }
        else
        {
            _failures.Add($"{writer}: exit {result.ExitCode}: {result.Stderr}");
        }
    }

    private static int Next(JsonObject network) =>
        int.Parse(network["metadata"]!["annotations"]![Counter]!.GetValue<string>(), CultureInfo.InvariantCulture) + 1;
}
