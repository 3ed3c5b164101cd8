using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>ServiceAccount tokens on the embedded API with the real kubectl: <c>create serviceaccount</c>, <c>create token</c>, a TokenReview.</summary>
public sealed class KubectlTokenTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Theory]
    [MemberData(nameof(Kubectl.Binaries), MemberType = typeof(Kubectl))]
    public async Task CreateToken_ForAServiceAccount_ReviewsAsThatAccount(string binary)
    {
        var ct = TestContext.Current.CancellationToken;
        var kubectl = console.Kubectl(binary);
        var name = $"robot-{Guid.NewGuid():N}"[..14];

        var account = await kubectl.RunAsync(ct, "create", "serviceaccount", name);
        var token = await kubectl.RunAsync(ct, "create", "token", name, "--duration", "15m");
        var file = Path.Combine(console.CacheDir, $"{name}-review.json");
        await File.WriteAllTextAsync(file, new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenReview", ["spec"] = new JsonObject { ["token"] = token.StandardOutput.Trim() },
        }.ToJsonString(), ct);
        var review = await kubectl.RunAsync(ct, "create", "-f", file, "-o", "json");

        Assert.True(account.ExitCode == 0, account.ToString());
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Equal(3, token.StandardOutput.Trim().Split('.').Length);
        Assert.True(review.ExitCode == 0, review.ToString());
        var status = JsonNode.Parse(review.StandardOutput)!["status"]!;
        Assert.True((bool?)status["authenticated"]);
        Assert.Equal($"system:serviceaccount:default:{name}", (string?)status["user"]!["username"]);
    }
}
