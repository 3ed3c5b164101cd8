using System.Text;
using Multinet.Web.Configuration;
using Multinet.Web.Grpc;

namespace Multinet.UnitTests.Web.Configuration;

/// <summary>Which agent authentication the console uses, and the settings it refuses at start.</summary>
public sealed class AgentAuthSettingsTests
{
    [Fact]
    public void RealClusterByKubeconfig_UsesServiceAccountTokens()
    {
        var options = new MultinetOptions { Kubeconfig = "/etc/cluster/kubeconfig" };

        Assert.False(options.IsEmbedded);
        Assert.True(options.UsesAgentTokens);
    }

    [Fact]
    public void InCluster_UsesServiceAccountTokens_AndIsNotEmbedded()
    {
        var options = new MultinetOptions { InCluster = true };

        Assert.False(options.IsEmbedded);
        Assert.True(options.UsesAgentTokens);
    }

    [Fact]
    public void RealClusterWithSharedSecretMode_UsesTheSharedSecret()
    {
        var options = new MultinetOptions { InCluster = true, AgentAuth = new AgentAuthOptions { Mode = "sharedsecret" } };

        Assert.False(options.UsesAgentTokens);
    }

    [Fact]
    public void Validate_UnknownMode_InClusterWithKubeconfig_AreRefusedNamingTheSetting()
    {
        var kubeconfig = Path.GetTempFileName();
        try
        {
            var result = new ValidateMultinetOptions().Validate(null, new MultinetOptions
            {
                InCluster = true,
                Kubeconfig = kubeconfig,
                AgentAuth = new AgentAuthOptions { Mode = "Password" },
            });

            Assert.True(result.Failed);
            Assert.Contains(result.Failures!, f => f.StartsWith("Multinet:AgentAuth:Mode \"Password\"", StringComparison.Ordinal));
            Assert.Contains(result.Failures!, f => f.StartsWith("Multinet:InCluster and a kubeconfig", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Theory]
    [InlineData("""{"aud":["multinet-console"],"exp":1767225600,"sub":"system:serviceaccount:multinet-system:multinet-agent"}""", 1_767_225_600L)]
    [InlineData("""{"sub":"x"}""", null)]
    public void TokenExpiry_IsTheJwtsExpClaim(string payload, long? expected)
    {
        var jwt = $"e30.{Base64Url(payload)}.c2ln";

        Assert.Equal(expected, TokenReviewAgentAuthenticator.ExpiryOf(jwt)?.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void TokenExpiry_OfSomethingElse_IsNone(string token) => Assert.Null(TokenReviewAgentAuthenticator.ExpiryOf(token));

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
