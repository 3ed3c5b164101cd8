using System.Text.Json.Nodes;
using Multinet.E2ETests.Deploy;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>The embedded API enforces the Network CRD of deploy/ as a real server does: what a user trying kubectl sees.</summary>
public sealed class CrdSchemaKubectlTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Kubectl = "/usr/bin/kubectl";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("vni: 0", "spec.vni: Invalid value: 0: spec.vni in body should be greater than or equal to 1")]
    [InlineData("vni: 4096", "spec.vni: Invalid value: \"integer\": 4096 is reserved for the default pod network's VXLAN")]
    [InlineData("vni: 16777216", "spec.vni: Invalid value: 16777216: spec.vni in body should be less than or equal to 16777215")]
    [InlineData("range: banana", "spec.range: Invalid value: \"banana\": spec.range in body should match '")]
    public async Task Apply_NetworkBreakingTheCrdSchema_Is422InvalidNamingTheFieldAndStoresNothing(string field, string message)
    {
        var kubectl = console.Kubectl(Kubectl);
        var name = "bad-" + new string([.. field.Where(char.IsAsciiLetterOrDigit)]);
        var spec = field.StartsWith("vni", StringComparison.Ordinal) ? $"{field}\n  range: 172.30.0.0/16" : $"vni: 3000\n  {field}";
        var file = Path.Combine(console.Web.DataDir, $"{name}.yaml");
        await File.WriteAllTextAsync(file, $"apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: {name}\nspec:\n  {spec}\n", Token);

        var applied = await kubectl.RunAsync(Token, "apply", "-f", file, "-v=6");
        var stored = await kubectl.RunAsync(Token, "get", "network", name);

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("422 Unprocessable Entity", applied.StandardError, StringComparison.Ordinal);
        Assert.Contains($"The Network \"{name}\" is invalid: {message}", applied.StandardError, StringComparison.Ordinal);
        Assert.Contains("NotFound", stored.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCrd_Networks_IsTheCrdFileOfDeploy()
    {
        var served = await console.Kubectl(Kubectl).RunAsync(Token, "get", "crd", "networks.projectcalico.org", "-o", "json");
        var file = (await RenderedManifests.RenderAsync(Kubectl, "deploy/base", Token)).Single("CustomResourceDefinition", "networks.projectcalico.org");

        Assert.True(served.ExitCode == 0, served.ToString());
        var spec = JsonNode.Parse(served.StandardOutput)!["spec"]!;
        Assert.True(JsonNode.DeepEquals(file["spec"]!["versions"]![0]!["schema"], spec["versions"]![0]!["schema"]), spec.ToJsonString());
        Assert.True(JsonNode.DeepEquals(file["spec"]!["versions"]![0]!["additionalPrinterColumns"], spec["versions"]![0]!["additionalPrinterColumns"]));
    }
}
