using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>deploy/ as kubectl renders it: what an operator applies with <c>kubectl apply -k</c>.</summary>
public sealed class DeployManifestTests
{
    private const string Kubectl = "/usr/bin/kubectl";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> EveryKubectlAndDirectory()
    {
        var data = new TheoryData<string, string>();
        foreach (var binary in Infrastructure.Kubectl.Binaries())
        {
            foreach (var directory in new[] { "deploy", "deploy/overlays/simulated", "deploy/overlays/vpp", "deploy/prerequisites" })
            {
                data.Add(binary, directory);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKubectlAndDirectory))]
    public async Task Kustomize_EveryDirectory_RendersWithEveryKubectl(string kubectl, string directory)
    {
        var rendered = await RenderedManifests.RenderAsync(kubectl, directory, Token);

        Assert.NotEmpty(rendered.Objects);
        Assert.All(rendered.Objects, o => Assert.False(string.IsNullOrEmpty((string?)o["kind"])));
    }

    [Fact]
    public async Task Deploy_IsTheSimulatedOverlay_AndLeavesOtherProjectsKindsOut()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var prerequisites = await RenderedManifests.RenderAsync(Kubectl, "deploy/prerequisites", Token);

        Assert.Equal(["networks.projectcalico.org"], rendered.OfKind("CustomResourceDefinition").Select(Name));
        Assert.Equal(
            ["ippools.whereabouts.cni.cncf.io", "network-attachment-definitions.k8s.cni.cncf.io", "networkpolicies.crd.projectcalico.org"],
            prerequisites.OfKind("CustomResourceDefinition").Select(Name).Order(StringComparer.Ordinal));
        Assert.All(prerequisites.Objects, o => Assert.Equal("CustomResourceDefinition", (string?)o["kind"]));
        Assert.Single(rendered.OfKind("Namespace"), n => Name(n) == "multinet-system");
        Assert.All(rendered.Objects.Where(o => o["metadata"]?["namespace"] is not null), o => Assert.Equal("multinet-system", (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public async Task Crds_EveryOwnedCrd_HasAFullSchemaWithStatusAndNoUnknownFieldsPreserved()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);

        foreach (var crd in rendered.OfKind("CustomResourceDefinition"))
        {
            Assert.Equal("apiextensions.k8s.io/v1", (string?)crd["apiVersion"]);
            var version = Assert.Single(crd["spec"]!["versions"]!.AsArray())!;
            var schema = version["schema"]!["openAPIV3Schema"]!;
            Assert.Equal("object", (string?)schema["type"]);
            Assert.Equal("object", (string?)schema["properties"]!["spec"]!["type"]);
            Assert.NotNull(schema["properties"]!["spec"]!["required"]);
            Assert.DoesNotContain("x-kubernetes-preserve-unknown-fields", crd.ToJsonString(), StringComparison.Ordinal);
            Assert.NotNull(version["subresources"]?["status"]);
        }
    }

    [Fact]
    public async Task NetworkCrd_CarriesTheVniAndRangeRulesAndThePrinterColumns()
    {
        var crd = (await RenderedManifests.RenderAsync(Kubectl, "deploy", Token)).Single("CustomResourceDefinition", "networks.projectcalico.org");
        var version = crd["spec"]!["versions"]![0]!;
        var spec = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;
        var vni = spec["properties"]!["vni"]!;
        var range = spec["properties"]!["range"]!;

        Assert.Equal(["vni", "range"], spec["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(("integer", 1L, 16_777_215L), ((string?)vni["type"], (long?)vni["minimum"], (long?)vni["maximum"]));
        Assert.Equal("self != 4096", (string?)Assert.Single(vni["x-kubernetes-validations"]!.AsArray())!["rule"]);
        var pattern = new Regex((string)range["pattern"]!, RegexOptions.CultureInvariant);
        Assert.All(["172.19.0.0/16", "10.0.0.0/8", "fd00:19::/64"], cidr => Assert.Matches(pattern, cidr));
        Assert.All(["banana", "10.0.0.0", "256.0.0.0/8", "10.0.0.0/33", "fd00::/129"], text => Assert.DoesNotMatch(pattern, text));
        Assert.Equal(
            [("VNI", ".spec.vni"), ("Range", ".spec.range"), ("Ready", ".status.ready"), ("Age", ".metadata.creationTimestamp")],
            version["additionalPrinterColumns"]!.AsArray().Select(c => ((string)c!["name"]!, (string)c["jsonPath"]!)));
        Assert.Equal(["True", "False", "Unknown"], version["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["properties"]!["conditions"]!["items"]!
            ["properties"]!["status"]!["enum"]!.AsArray().Select(e => (string?)e));
    }

    [Fact]
    public async Task Rbac_NoRoleUsesAWildcard_AndEachComponentHasItsOwnServiceAccount()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var roles = rendered.OfKind("ClusterRole").Concat(rendered.OfKind("Role")).ToList();

        Assert.Equal(["multinet-agent", "multinet-agent-election", "multinet-console", "multinet-console-editor", "multinet-console-impersonate"],
            roles.Select(Name).Order(StringComparer.Ordinal));
        foreach (var rule in roles.SelectMany(r => r["rules"]!.AsArray()))
        {
            foreach (var field in new[] { "verbs", "resources", "apiGroups", "resourceNames" })
            {
                Assert.DoesNotContain("*", (rule![field]?.AsArray() ?? []).Select(v => (string?)v));
            }
        }

        Assert.Equal(["multinet-agent", "multinet-console"], rendered.OfKind("ServiceAccount").Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal("multinet-agent", (string?)rendered.Single("DaemonSet", "multinet-agent")["spec"]!["template"]!["spec"]!["serviceAccountName"]);
        Assert.Equal("multinet-console", (string?)rendered.Single("Deployment", "multinet-console")["spec"]!["template"]!["spec"]!["serviceAccountName"]);
        Assert.Contains(roles.Single(r => Name(r) == "multinet-console")["rules"]!.AsArray(),
            r => r!["resources"]!.AsArray().Any(x => (string?)x == "tokenreviews") && r["verbs"]!.AsArray().Select(v => (string?)v).SequenceEqual(["create"]));
    }

    [Fact]
    public void Rbac_EveryRuleIsJustifiedByAComment()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(WebProcess.RepositoryRoot, "deploy/base/rbac"), "*.yaml"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("- apiGroups:", StringComparison.Ordinal))
                {
                    Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith('#'), $"{Path.GetFileName(file)} line {i + 1}: a rule without a comment saying why.");
                }
            }
        }
    }

    [Fact]
    public async Task AgentDaemonSet_RunsOnEveryNodeWithProbesLimitsAndANonRootRestrictedContainer()
    {
        var daemonSet = (await RenderedManifests.RenderAsync(Kubectl, "deploy/overlays/simulated", Token)).Single("DaemonSet", "multinet-agent");
        var pod = daemonSet["spec"]!["template"]!["spec"]!;
        var container = Assert.Single(pod["containers"]!.AsArray())!;

        Assert.Equal("RollingUpdate", (string?)daemonSet["spec"]!["updateStrategy"]!["type"]);
        Assert.NotNull(daemonSet["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]);
        Assert.Equal("system-node-critical", (string?)pod["priorityClassName"]);
        Assert.Contains(pod["tolerations"]!.AsArray(), t => (string?)t!["operator"] == "Exists" && t["key"] is null && t["effect"] is null);
        Assert.Equal("spec.nodeName", (string?)Env(container, "NODE_NAME")!["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("Simulated", (string?)Env(container, "Agent__Dataplane")!["value"]);
        AssertProbes(container, "/healthz", "/readyz");
        Assert.True((bool?)pod["securityContext"]!["runAsNonRoot"]);
        AssertRestricted(container);
        Assert.NotNull(container["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        var token = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "console-token")!["projected"]!["sources"]![0]!["serviceAccountToken"]!;
        Assert.Equal("multinet-console", (string?)token["audience"]);
        Assert.InRange((long)token["expirationSeconds"]!, 600, 3600);
        Assert.Equal("/var/run/secrets/multinet-console/token", (string?)Env(container, "Agent__ConsoleTokenFile")!["value"]);
    }

    [Fact]
    public async Task VppOverlay_MountsTheHostsApiSocketWithoutAddingCapabilities()
    {
        var pod = (await RenderedManifests.RenderAsync(Kubectl, "deploy/overlays/vpp", Token)).Single("DaemonSet", "multinet-agent")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;

        Assert.Equal("Vpp", (string?)Env(container, "Agent__Dataplane")!["value"]);
        Assert.Equal("/run/vpp/api.sock", (string?)Env(container, "Agent__VppApiSocket")!["value"]);
        Assert.Equal("/run/vpp", (string?)pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "vpp-api")!["hostPath"]!["path"]);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/run/vpp");
        AssertRestricted(container);
        Assert.Null(pod["hostNetwork"]);
    }

    [Fact]
    public async Task ConsoleDeployment_IsOneRecreatedNonRootReplicaWithItsVolumeAndBothPorts()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var deployment = rendered.Single("Deployment", "multinet-console");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = Assert.Single(pod["containers"]!.AsArray())!;

        Assert.Equal((1L, "Recreate"), ((long?)deployment["spec"]!["replicas"], (string?)deployment["spec"]!["strategy"]!["type"]));
        var claim = (string?)pod["volumes"]!.AsArray().Single(v => v!["persistentVolumeClaim"] is not null)!["persistentVolumeClaim"]!["claimName"];
        Assert.Equal("multinet-console-data", Name(rendered.Single("PersistentVolumeClaim", claim!)));
        Assert.True((bool?)pod["securityContext"]!["runAsNonRoot"]);
        AssertRestricted(container);
        AssertProbes(container, "/healthz", "/readyz");
        Assert.Equal("true", (string?)Env(container, "Multinet__InCluster")!["value"]);
        Assert.Equal([5080L, 5081L], rendered.Single("Service", "multinet-console")["spec"]!["ports"]!.AsArray().Select(p => (long)p!["port"]!));
    }

    [Fact]
    public void ComposeAndImages_KeepTheSameSettings_AndHoldNoSecret()
    {
        var compose = File.ReadAllText(Path.Combine(WebProcess.RepositoryRoot, "docker-compose.yml"));
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(compose));
        var services = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["services"];

        Assert.DoesNotContain("ApiToken", compose, StringComparison.Ordinal);
        Assert.DoesNotContain("AgentAuth__Secret", compose, StringComparison.Ordinal);
        var agent = services["agent-1"];
        foreach (var other in new[] { "agent-2", "agent-3" })
        {
            Assert.Same(agent, ((YamlDotNet.RepresentationModel.YamlMappingNode)services[other])["<<"]); // the same service, another node
        }

        foreach (var (name, service) in services.Children.Select(c => (c.Key.ToString(), (YamlDotNet.RepresentationModel.YamlMappingNode)c.Value))
            .Where(s => s.Item1 is "web" or "agent-1"))
        {
            Assert.Equal("true", service["read_only"].ToString());
            Assert.Equal("[ALL]", "[" + string.Join(",", ((YamlDotNet.RepresentationModel.YamlSequenceNode)service["cap_drop"]).Children) + "]");
            if (name.StartsWith("agent", StringComparison.Ordinal))
            {
                var environment = (YamlDotNet.RepresentationModel.YamlMappingNode)service["environment"];
                Assert.Equal("/data/agent-secret", environment["Agent__ConsoleTokenFile"].ToString());
                Assert.Equal("Simulated", environment["Agent__Dataplane"].ToString());
            }
        }

        foreach (var dockerfile in new[] { "src/Web/Dockerfile", "src/Agent/Dockerfile" })
        {
            var text = File.ReadAllText(Path.Combine(WebProcess.RepositoryRoot, dockerfile));
            Assert.Contains("USER $APP_UID", text, StringComparison.Ordinal);
            Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConsoleImage_SetsTheRuntimeEnvironmentDotnetRunGives_TheGcsYoungGenerationAndTheCHeapsArenas()
    {
        var local = WebProcess.RuntimeEnvironment().ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        var dockerfile = File.ReadAllText(Path.Combine(WebProcess.RepositoryRoot, "src/Web/Dockerfile"));
        var image = Regex.Matches(dockerfile, @"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+?)(?: \\)?$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

        Assert.Equal("0x3000000", local["DOTNET_GCgen0size"]); // 48 MiB, in the hex the runtime reads
        Assert.Equal("2", local["MALLOC_ARENA_MAX"]);
        Assert.All(local, v => Assert.Equal(v.Value, image.GetValueOrDefault(v.Key)));
    }

    [Fact]
    public void GrafanaDashboard_ChartsEveryInstrumentOfTheProduct_ByTheNamesTheExporterGivesThem()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(WebProcess.RepositoryRoot, "deploy/grafana/multinet-dashboard.json")))!;
        var charted = Regex.Matches(dashboard.ToJsonString(), "multinet_[a-z_]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var instruments = Directory.GetFiles(Path.Combine(WebProcess.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "Create\\w*(?:<\\w+>)?\\(\\s*\"(?<name>multinet(?:\\.[a-z]+)+)\"(?<rest>[^;]*);"))
            .Select(m => Prometheus(m.Groups["name"].Value, Regex.Match(m.Groups["rest"].Value, "unit: \"(?<unit>[^\"]*)\"").Groups["unit"].Value))
            .ToList();

        Assert.Equal(12, instruments.Count);
        Assert.All(instruments, i => Assert.Contains(charted, c => c.StartsWith(i, StringComparison.Ordinal)));
        Assert.All(charted, c => Assert.Contains(instruments, i => c.StartsWith(i, StringComparison.Ordinal)));
        Assert.All(dashboard["panels"]!.AsArray().Where(p => (string?)p!["type"] != "row"),
            p => Assert.Equal("${datasource}", (string?)p!["datasource"]!["uid"]));

        // The Prometheus exporter's name: dots become underscores, and seconds get their unit.
        static string Prometheus(string name, string unit) => name.Replace('.', '_') + (unit == "s" ? "_seconds" : "");
    }

    private static void AssertProbes(JsonNode container, string liveness, string readiness)
    {
        Assert.Equal(liveness, (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(readiness, (string?)container["readinessProbe"]!["httpGet"]!["path"]);
    }

    private static void AssertRestricted(JsonNode container)
    {
        var security = container["securityContext"]!;
        Assert.False((bool?)security["allowPrivilegeEscalation"]);
        Assert.True((bool?)security["readOnlyRootFilesystem"]);
        Assert.Null(security["privileged"]);
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        Assert.Null(security["capabilities"]!["add"]);
    }

    private static JsonNode? Env(JsonNode container, string name) => container["env"]!.AsArray().SingleOrDefault(e => (string?)e!["name"] == name);

    private static string Name(JsonNode o) => (string)o["metadata"]!["name"]!;
}
