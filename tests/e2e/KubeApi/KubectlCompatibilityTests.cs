using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// Every kind the product touches, driven by every kubectl binary against one console: apply of the examples, get in
/// each output, edit, the three patch types, label, annotate, diff, server-side apply and server dry-run. Each
/// binary works in its own namespace; the cluster-scoped Networks are shared and reset by each test.
/// </summary>
public sealed class KubectlCompatibilityTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>, IDisposable
{
    private static readonly string[] s_namespaced = ["netdefinitions.yaml", "pod-multinet.yaml", "service.yaml", "policy.yaml"];
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task Apply_Examples_CreatesEveryKindThenReportsUnchanged(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var ns = $"apply-{kubectl.VersionLabel}";
        await RunOkAsync(kubectl, "create", "namespace", ns);
        await RunOkAsync(kubectl, "delete", "networks", "--all");

        var networks = await RunOkAsync(kubectl, "apply", "-f", Example("network.yaml"));
        var created = await RunOkAsync(kubectl, ["apply", "-n", ns, .. Files()]);
        var again = await RunOkAsync(kubectl, ["apply", "-n", ns, .. Files()]);

        Assert.Contains("network.projectcalico.org/blue created", networks);
        Assert.Contains("networkattachmentdefinition.k8s.cni.cncf.io/network-blue-conf created", created);
        Assert.Contains("pod/samplepod created", created);
        Assert.Contains("service/my-service created", created);
        Assert.Contains("networkpolicy.crd.projectcalico.org/my-policy created", created);
        Assert.Equal(5, Lines(again).Count(l => l.EndsWith(" unchanged", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task Get_EveryKindAndOutput_ShowsTheAppliedObjects(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var ns = await ApplyExamplesAsync(kubectl, "get");

        var podYaml = await RunOkAsync(kubectl, "get", "pod", "samplepod", "-n", ns, "-o", "yaml");
        var service = JsonNode.Parse(await RunOkAsync(kubectl, "get", "svc", "my-service", "-n", ns, "-o", "json"))!;
        var wide = await RunOkAsync(kubectl, "get", "pods,net-attach-def,networkpolicies.crd.projectcalico.org", "-n", ns, "-o", "wide");
        var crds = await RunOkAsync(kubectl, "get", "crd");
        var resources = await RunOkAsync(kubectl, "api-resources");

        Assert.Contains("k8s.v1.cni.cncf.io/networks: network-blue-conf@eth1, network-red-conf@memif-eth2", podYaml);
        Assert.Equal(80, service["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("blue", service["metadata"]!["annotations"]!["extensions.projectcalico.org/network"]!.GetValue<string>());
        Assert.Contains("pod/samplepod", wide);
        Assert.Contains("networkattachmentdefinition.k8s.cni.cncf.io/network-red-conf", wide);
        Assert.Matches(@"networkpolicy\.crd\.projectcalico\.org/my-policy\s+demo == 'demo'", wide);
        foreach (var crd in new[] { "networks.projectcalico.org", "network-attachment-definitions.k8s.cni.cncf.io", "networkpolicies.crd.projectcalico.org", "ippools.whereabouts.cni.cncf.io" })
        {
            Assert.Contains(crd, crds);
        }

        Assert.Matches(@"(?m)^network-attachment-definitions\s+net-attach-def\s+k8s\.cni\.cncf\.io/v1\s+true\s+NetworkAttachmentDefinition", resources);
        Assert.Matches(@"(?m)^endpointslices\s.*discovery\.k8s\.io/v1", resources);
        Assert.Matches(@"(?m)^leases\s.*coordination\.k8s\.io/v1", resources);
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task EditPatchLabelAnnotate_EachKind_ChangesWhatWasAsked(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var ns = await ApplyExamplesAsync(kubectl, "edit");

        var edited = await kubectl.RunAsync(["edit", "network", "blue"], new Dictionary<string, string> { ["EDITOR"] = "sed -i 's/vni: 56/vni: 57/'" }, Token);
        var strategic = await RunOkAsync(kubectl, "patch", "pod", "samplepod", "-n", ns, "--type", "strategic", "-p",
            """{"spec":{"containers":[{"name":"app","image":"busybox:1.37"}]}}""");
        await RunOkAsync(kubectl, "patch", "svc", "my-service", "-n", ns, "-p", """{"spec":{"ports":[{"port":443,"protocol":"TCP","targetPort":8443}]}}""");
        var json = await RunOkAsync(kubectl, "patch", "svc", "my-service", "-n", ns, "--type", "json", "-p",
            """[{"op":"test","path":"/spec/ports/0/port","value":80},{"op":"replace","path":"/spec/ports/0/targetPort","value":9377}]""");
        var merge = await RunOkAsync(kubectl, "patch", "net", "red", "--type", "merge", "-p", """{"spec":{"range":"172.21.0.0/16"}}""");
        var failedTest = await kubectl.RunAsync(Token, "patch", "net", "red", "--type", "json", "-p", """[{"op":"test","path":"/spec/vni","value":1}]""");
        await RunOkAsync(kubectl, "label", "pod", "samplepod", "-n", ns, "tier=web");
        await RunOkAsync(kubectl, "annotate", "svc", "my-service", "-n", ns, "owner=team-a");

        Assert.True(edited.ExitCode == 0, edited.ToString());
        Assert.Matches(@"(?m)^blue\s+57\s", await RunOkAsync(kubectl, "get", "networks"));
        Assert.Contains("patched", strategic);
        var pod = JsonNode.Parse(await RunOkAsync(kubectl, "get", "pod", "samplepod", "-n", ns, "-o", "json"))!;
        var container = Assert.Single(pod["spec"]!["containers"]!.AsArray())!;
        Assert.Equal("busybox:1.37", container["image"]!.GetValue<string>());
        Assert.Equal(9376, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("web", pod["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Contains("patched", json);
        Assert.Contains("patched", merge);
        Assert.NotEqual(0, failedTest.ExitCode);
        Assert.Contains("test failed", failedTest.StandardError);
        var service = JsonNode.Parse(await RunOkAsync(kubectl, "get", "svc", "my-service", "-n", ns, "-o", "json"))!;
        Assert.Equal([(80, 9377), (443, 8443)], service["spec"]!["ports"]!.AsArray().Select(p => (p!["port"]!.GetValue<int>(), p["targetPort"]!.GetValue<int>())));
        Assert.Equal("team-a", service["metadata"]!["annotations"]!["owner"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task DiffAndServerDryRun_ChangedService_ShowTheChangeAndStoreNothing(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var ns = await ApplyExamplesAsync(kubectl, "diff");
        await RunOkAsync(kubectl, "patch", "svc", "my-service", "-n", ns, "--type", "merge", "-p", """{"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":9999}]}}""");

        var diff = await kubectl.RunAsync(Token, "diff", "-n", ns, "-f", Example("service.yaml"));
        var dryRun = await RunOkAsync(kubectl, "apply", "-n", ns, "--dry-run=server", "-f", Example("service.yaml"));
        var live = JsonNode.Parse(await RunOkAsync(kubectl, "get", "svc", "my-service", "-n", ns, "-o", "json"))!;

        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Contains("-    targetPort: 9999", diff.StandardOutput);
        Assert.Contains("+    targetPort: 9376", diff.StandardOutput);
        Assert.Contains("(server dry run)", dryRun);
        Assert.Equal(9999, live["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task ApplyServerSide_Policy_AppliesThenReportsTheConflictingManagerUntilForced(string binary)
    {
        var kubectl = console.Kubectl(binary);
        var ns = $"ssa-{kubectl.VersionLabel}";
        await RunOkAsync(kubectl, "create", "namespace", ns);

        var applied = await RunOkAsync(kubectl, "apply", "--server-side", "-n", ns, "-f", Example("policy.yaml"));
        await RunOkAsync(kubectl, "patch", "networkpolicies.crd.projectcalico.org", "my-policy", "-n", ns, "--type", "merge", "-p", """{"spec":{"selector":"demo == 'other'"}}""");
        var conflict = await kubectl.RunAsync(Token, "apply", "--server-side", "-n", ns, "-f", Example("policy.yaml"));
        var forced = await RunOkAsync(kubectl, "apply", "--server-side", "--force-conflicts", "-n", ns, "-f", Example("policy.yaml"));
        var policy = JsonNode.Parse(await RunOkAsync(kubectl, "get", "networkpolicies.crd.projectcalico.org", "my-policy", "-n", ns, "-o", "json", "--show-managed-fields"))!;

        Assert.Contains("networkpolicy.crd.projectcalico.org/my-policy serverside-applied", applied);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"kubectl-patch\"", conflict.StandardError);
        Assert.Contains(".spec.selector", conflict.StandardError);
        Assert.Contains("serverside-applied", forced);
        Assert.Equal("demo == 'demo'", policy["spec"]!["selector"]!.GetValue<string>());
        Assert.Contains(policy["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "kubectl" && e["operation"]!.GetValue<string>() == "Apply");
    }

    private CancellationToken Token => _timeout.Token;

    private static string Example(string file) => Path.Combine(WebProcess.RepositoryRoot, "examples", file);

    private static IEnumerable<string> Files() => s_namespaced.SelectMany(f => new[] { "-f", Example(f) });

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Resets the Networks and applies every example into a fresh namespace named after the test and the binary.</summary>
    private async Task<string> ApplyExamplesAsync(Kubectl kubectl, string prefix)
    {
        var ns = $"{prefix}-{kubectl.VersionLabel}";
        await RunOkAsync(kubectl, "create", "namespace", ns);
        await RunOkAsync(kubectl, "delete", "networks", "--all");
        await RunOkAsync(kubectl, "apply", "-f", Example("network.yaml"));
        await RunOkAsync(kubectl, ["apply", "-n", ns, .. Files()]);
        return ns;
    }

    private Task<string> RunOkAsync(Kubectl kubectl, params string[] args) => RunOkAsync(kubectl, (IEnumerable<string>)args);

    private async Task<string> RunOkAsync(Kubectl kubectl, IEnumerable<string> args)
    {
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var result = await kubectl.RunAsync(args, Token);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{result}");
        return result.StandardOutput;
    }
}
