using Multinet.KubeApi.Hosting;

namespace Multinet.UnitTests.KubeApi;

public sealed class KubeconfigWriterTests
{
    [Fact]
    public void ChooseServer_SkipsTheGrpcEndpointAndPrefersHttpLoopback()
    {
        var server = KubeconfigWriter.ChooseServer(
            ["http://127.0.0.1:5081", "https://127.0.0.1:5443", "http://10.0.0.5:5080", "http://127.0.0.1:5080"], "http://127.0.0.1:5081");

        Assert.Equal(new Uri("http://127.0.0.1:5080/k8s"), server);
    }

    [Fact]
    public void ChooseServer_WildcardAddress_BecomesLocalhost()
    {
        Assert.Equal(new Uri("http://localhost:5080/k8s"), KubeconfigWriter.ChooseServer(["http://[::]:5080"], "http://127.0.0.1:5081"));
    }

    [Fact]
    public void ChooseServer_OnlyGrpc_IsNull()
    {
        Assert.Null(KubeconfigWriter.ChooseServer(["http://127.0.0.1:5081"], "http://127.0.0.1:5081"));
    }
}
