using k8s;
using k8s.Models;
using Multinet.Embedded;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Embedded;

public sealed class SimulatedWorkloadsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployment_GetsAnOwnedReplicaSetAndPods_ScalesUpAndDown_AndTheirStatusFollows()
    {
        await using var api = await SimulatedClusterApi.StartAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        api.StartMultus();
        var log = new CollectingLogger();
        var run = new SimulatedWorkloads(api.Client, TimeProvider.System, log).RunAsync(stop.Token);

        var deployment = await api.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }] },
                },
            },
        }, "default", cancellationToken: Token);

        var two = await WaitForDeploymentAsync(api.Client, d => d.Status?.ReadyReplicas == 2);
        var replicaSet = Assert.Single((await api.Client.AppsV1.ListNamespacedReplicaSetAsync("default", cancellationToken: Token)).Items);
        Assert.Equal(("Deployment", deployment.Metadata.Uid), (replicaSet.Metadata.OwnerReferences.Single().Kind, replicaSet.Metadata.OwnerReferences.Single().Uid));
        Assert.StartsWith("web-", replicaSet.Metadata.Name, StringComparison.Ordinal);
        var pods = (await api.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web", cancellationToken: Token)).Items;
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal(replicaSet.Metadata.Uid, p.Metadata.OwnerReferences.Single().Uid));
        Assert.All(pods, p => Assert.Equal(replicaSet.Metadata.Labels["pod-template-hash"], p.Metadata.Labels["pod-template-hash"]));
        Assert.Equal(two.Metadata.Generation, two.Status.ObservedGeneration);

        await api.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", "default",
            cancellationToken: Token);
        await WaitForDeploymentAsync(api.Client, d => d.Status?.ReadyReplicas == 3 && d.Status.Replicas == 3);
        await api.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default",
            cancellationToken: Token);
        var one = await Record.ExceptionAsync(() => WaitForDeploymentAsync(api.Client, d => d.Status?.Replicas == 1));
        Assert.True(one is null, $"{one}\n{log}");
        var left = Assert.Single((await api.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web", cancellationToken: Token)).Items);
        Assert.Equal(replicaSet.Metadata.Uid, left.Metadata.OwnerReferences.Single().Uid);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Deployment_WhoseSelectorDoesNotMatchItsTemplate_IsRefused()
    {
        await using var api = await SimulatedClusterApi.StartAsync();

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => api.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "bad" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "other" } } },
            },
        }, "default", cancellationToken: Token));

        Assert.Equal(422, (int)error.Response.StatusCode);
        Assert.Contains("spec.template.metadata.labels", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("`selector` does not match template `labels`", error.Response.Content, StringComparison.Ordinal);
    }

    private static async Task<V1Deployment> WaitForDeploymentAsync(IKubernetes client, Func<V1Deployment, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var list = await client.AppsV1.ListNamespacedDeploymentAsync("default", cancellationToken: timeout.Token);
        if (list.Items.FirstOrDefault(predicate) is { } done)
        {
            return done;
        }

        await foreach (var (type, item) in client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: list.Metadata.ResourceVersion,
            cancellationToken: timeout.Token))
        {
            if (type != WatchEventType.Deleted && predicate(item))
            {
                return item;
            }
        }

        throw new InvalidOperationException("the watch of deployments ended");
    }
}
