using Multinet.KubeApi.Hosting;

namespace Multinet.UnitTests.KubeApi;

public sealed class ApiCertificateTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("multinet-cert-");

    private string PfxPath => Path.Combine(_dir.FullName, "kube-api.pfx");

    [Fact]
    public void LoadOrCreate_DefaultHost_CoversLoopbackAndLocalhost()
    {
        using var certificate = ApiCertificate.LoadOrCreate(PfxPath, "127.0.0.1");

        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.False(certificate.MatchesHostname("web"));
    }

    [Fact]
    public void LoadOrCreate_KeptCertificateLacksTheAdvertisedHost_IsReplacedByOneThatHasIt()
    {
        using var first = ApiCertificate.LoadOrCreate(PfxPath, "127.0.0.1");

        using var second = ApiCertificate.LoadOrCreate(PfxPath, "web");

        Assert.True(second.MatchesHostname("web"));
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        using var kept = ApiCertificate.LoadOrCreate(PfxPath, "web");
        Assert.Equal(second.Thumbprint, kept.Thumbprint);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
