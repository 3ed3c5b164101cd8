using System.Net;
using System.Text.Json;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.KubeApi;

/// <summary>The console's first start in its embedded default seeds the demo workload, which the simulated Multus attaches.</summary>
[Collection(SeededClusterFixture.Collection)]
public sealed class DemoWorkloadTests(SeededClusterFixture cluster)
{
    [Fact]
    public async Task FirstStart_SamplepodRunsWithABlueAddressInItsNetworkStatus()
    {
        var token = TestContext.Current.CancellationToken;
        var (web, kubectl) = (cluster.Web, cluster.Kubectl);

        var created = await kubectl.RunAsync(token, "wait", "--for=create", "pod/samplepod", "--timeout=60s");
        var ready = await kubectl.RunAsync(token, "wait", "--for=condition=Ready", "pod/samplepod", "--timeout=60s");
        var status = await kubectl.RunAsync(token, "get", "pod", "samplepod", "-o", @"jsonpath={.metadata.annotations.k8s\.v1\.cni\.cncf\.io/network-status}");

        Assert.True(created.ExitCode == 0, $"{created}\n{web.Output}");
        Assert.True(ready.ExitCode == 0, $"{ready}\n{web.Output}");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var document = JsonDocument.Parse(status.StandardOutput);
        var blue = document.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "default/network-blue-conf");
        Assert.Equal("eth1", blue.GetProperty("interface").GetString());
        var address = IPAddress.Parse(Assert.Single(blue.GetProperty("ips").EnumerateArray()).GetString()!);
        Assert.True(IPNetwork.Parse("172.19.0.0/16").Contains(address), $"{address} is not in blue's 172.19.0.0/16");
    }

    [Fact]
    public void FirstStart_BindsItsEndpointsWithoutKestrelOverridingThem()
    {
        // WebProcess starts the console with --urls, as a user does; Kestrel warns when it overrides addresses the host gave it.
        Assert.DoesNotContain("Overriding address(es)", cluster.Web.Output, StringComparison.Ordinal);
        Assert.Contains($"Now listening on: {cluster.Web.BaseUrl.GetLeftPart(UriPartial.Authority)}", cluster.Web.Output, StringComparison.Ordinal);
    }
}
