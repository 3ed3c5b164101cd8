using System.Text.Json.Nodes;

namespace Multinet.E2ETests.Deploy;

/// <summary>deploy/ as kubectl renders it, for the console's sign-in: the narrow impersonation rule and the first admin's Secret.</summary>
public sealed class ConsoleSignInManifestTests
{
    private const string Kubectl = "/usr/bin/kubectl";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(v => (string?)v ?? "")];

    [Fact]
    public async Task Impersonation_IsBoundToTheConsoleAccountAndLimitedToItsOwnGroups()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var role = rendered.Single("ClusterRole", "multinet-console-impersonate");
        var binding = rendered.Single("ClusterRoleBinding", "multinet-console-impersonate");
        var rules = role["rules"]!.AsArray().Select(r => r!).ToList();

        Assert.All(rules, r => Assert.Equal(["impersonate"], Strings(r["verbs"])));
        Assert.All(rules, r => Assert.Equal([""], Strings(r["apiGroups"])));
        Assert.Equal(["groups", "serviceaccounts", "users"], rules.SelectMany(r => Strings(r["resources"])).Order(StringComparer.Ordinal));
        var groups = Assert.Single(rules, r => Strings(r["resources"]).Contains("groups"));
        Assert.Equal(["multinet-console:admin", "multinet-console:operator", "multinet-console:viewer"],
            Strings(groups["resourceNames"]).Order(StringComparer.Ordinal));
        Assert.Equal("multinet-console-impersonate", (string?)binding["roleRef"]!["name"]);
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal(("ServiceAccount", "multinet-console", "multinet-system"),
            ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        // Nothing else in deploy/ lets anyone impersonate.
        Assert.All(rendered.OfKind("ClusterRole").Concat(rendered.OfKind("Role")).Where(r => (string?)r["metadata"]!["name"] != "multinet-console-impersonate"),
            r => Assert.DoesNotContain(r["rules"]!.AsArray(), rule => Strings(rule!["verbs"]).Contains("impersonate")));
    }

    [Fact]
    public async Task RoleGroups_OperatorsAndAdminsMayWriteTheConsolesKinds_ViewersNothing()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var editor = rendered.Single("ClusterRole", "multinet-console-editor");
        var binding = rendered.Single("ClusterRoleBinding", "multinet-console-editor");

        Assert.Equal(["multinet-console:admin", "multinet-console:operator"],
            binding["subjects"]!.AsArray().Select(s => (Kind: (string?)s!["kind"], Name: (string?)s["name"])).Where(s => s.Kind == "Group").Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, binding["subjects"]!.AsArray().Count);
        Assert.Contains(editor["rules"]!.AsArray(), r => Strings(r!["resources"]).Contains("networks") && Strings(r["verbs"]).Contains("create") && Strings(r["verbs"]).Contains("delete"));
        Assert.DoesNotContain(rendered.OfKind("ClusterRoleBinding").Concat(rendered.OfKind("RoleBinding")),
            b => (b["subjects"]?.AsArray() ?? []).Any(s => (string?)s!["name"] == "multinet-console:viewer"));
    }

    [Fact]
    public async Task KubeVirt_TheConsoleReadsVmsAndVmis_OperatorsMayCreateStartStopAndRestartVms()
    {
        // Without the read rule a real API server answers 403 (not 404) whether or not KubeVirt is installed, and the
        // console's live view of the cluster never finishes its first list.
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var console = rendered.Single("ClusterRole", "multinet-console")["rules"]!.AsArray();
        var editor = rendered.Single("ClusterRole", "multinet-console-editor")["rules"]!.AsArray();

        var read = Assert.Single(console, r => Strings(r!["apiGroups"]).Contains("kubevirt.io"))!;
        Assert.Equal(["virtualmachineinstances", "virtualmachines"], Strings(read["resources"]).Order(StringComparer.Ordinal));
        Assert.Equal(["get", "list", "watch"], Strings(read["verbs"]).Order(StringComparer.Ordinal));
        var write = Assert.Single(editor, r => Strings(r!["apiGroups"]).Contains("kubevirt.io"))!;
        Assert.Equal(["virtualmachines"], Strings(write["resources"]));
        Assert.Contains("create", Strings(write["verbs"]));

        // The VMs page's Start, Stop and Restart are PUTs on virt-api's subresources, which RBAC checks as update.
        var actions = Assert.Single(editor, r => Strings(r!["apiGroups"]).Contains("subresources.kubevirt.io"))!;
        Assert.Equal(["virtualmachines/restart", "virtualmachines/start", "virtualmachines/stop"], Strings(actions["resources"]).Order(StringComparer.Ordinal));
        Assert.Equal(["update"], Strings(actions["verbs"]));
        Assert.DoesNotContain(console, r => Strings(r!["apiGroups"]).Contains("subresources.kubevirt.io")); // the console itself starts nothing
    }

    [Fact]
    public async Task ConsoleDeployment_TakesTheFirstAdminsPasswordFromAnOptionalSecret()
    {
        var rendered = await RenderedManifests.RenderAsync(Kubectl, "deploy", Token);
        var container = rendered.Single("Deployment", "multinet-console")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var env = Assert.Single(container["env"]!.AsArray(), e => (string?)e!["name"] == "Multinet__Auth__InitialAdminPassword")!;
        var secret = env["valueFrom"]!["secretKeyRef"]!;

        Assert.Null(env["value"]);
        Assert.Equal(("multinet-console-initial-admin", "password", true), ((string?)secret["name"], (string?)secret["key"], (bool?)secret["optional"]));
        Assert.Empty(rendered.OfKind("Secret")); // no password in the tree: the operator creates the Secret
    }
}
