using k8s;
using k8s.Models;
using Multinet.Kube;
using Multinet.UnitTests.Agent.Controllers;

namespace Multinet.UnitTests.Agent.Kubernetes;

public sealed class PodPagingTests(EmbeddedApi api) : IClassFixture<EmbeddedApi>
{
    [Fact]
    public async Task ListPods_InPages_ReturnsEveryPodAndAResourceVersionToWatchFrom()
    {
        var token = TestContext.Current.CancellationToken;
        var ns = await api.NamespaceAsync(token);
        for (var i = 0; i < 5; i++)
        {
            await api.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = $"web-{i}" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }] },
            }, ns, cancellationToken: token);
        }

        using var clients = api.Clients();
        var list = await WatchedKinds.PodsInPages(2).ListAsync(await clients.GetClientAsync(token), token);

        Assert.Equal(["web-0", "web-1", "web-2", "web-3", "web-4"], list.Items.Where(p => p.Namespace() == ns).Select(p => p.Name()).Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrEmpty(list.ResourceVersion));
    }
}
