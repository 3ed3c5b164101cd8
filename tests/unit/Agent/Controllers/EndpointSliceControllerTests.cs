using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Controllers;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Agent.Controllers;

public sealed class EndpointSliceControllerTests(EmbeddedApi api) : IClassFixture<EmbeddedApi>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Status(params (string Nad, string Interface, string[] Ips)[] attachments) => JsonSerializer.Serialize(
        new object[] { new { name = "k8s-pod-network", @interface = "eth0", ips = new[] { "10.244.0.9" }, @default = true } }
            .Concat(attachments.Select(a => (object)new { name = a.Nad, @interface = a.Interface, ips = a.Ips })));

    private async Task CreateNadAsync(string ns, string name, string network)
    {
        var nad = new V1NetworkAttachmentDefinition
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new NetworkAttachmentDefinitionSpec
            {
                Config = $$$"""{"cniVersion":"0.3.0","name":"{{{name}}}","plugins":[{"type":"calico","ipam":{"type":"whereabouts"},"dataplane_options":{"network_name":"{{{network}}}"}}]}""",
            },
        };
        await api.Client.CustomObjects.CreateNamespacedCustomObjectAsync(nad, CniConstants.NadGroup, CniConstants.NadVersion, ns, CniConstants.NadPlural,
            cancellationToken: Token);
    }

    private async Task CreatePodAsync(string ns, string name, string node, Dictionary<string, string> labels, string status) =>
        await api.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = labels,
                Annotations = new Dictionary<string, string> { [CniConstants.NetworkStatusAnnotation] = status },
            },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "app", Image = "busybox" }] },
        }, ns, cancellationToken: Token);

    private async Task<V1Service> CreateServiceAsync(string ns, string network, string selector) =>
        await api.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web",
                Annotations = new Dictionary<string, string> { [CniConstants.NetworkAnnotation] = network, [CniConstants.SelectorAnnotation] = selector },
            },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
        }, ns, cancellationToken: Token);

    /// <summary>The view an agent would have: every object of the test's namespace, read back from the API and projected.</summary>
    private async Task<ClusterView> ViewAsync(string ns)
    {
        var nads = await api.Client.CustomObjects.ListNamespacedCustomObjectAsync<V1NetworkAttachmentDefinitionList>(
            CniConstants.NadGroup, CniConstants.NadVersion, ns, CniConstants.NadPlural, cancellationToken: Token);
        var pods = await api.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Token);
        var services = await api.Client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: Token);
        return ClusterViewProjection.Build([], nads.Items, pods.Items, [], services.Items, []);
    }

    private async Task<Dictionary<string, V1EndpointSlice>> SlicesAsync(string ns)
    {
        var slices = await api.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, cancellationToken: Token);
        return slices.Items.ToDictionary(s => s.Metadata.Name);
    }

    private static string[] Addresses(V1EndpointSlice slice) => [.. slice.Endpoints.SelectMany(e => e.Addresses).Order(StringComparer.Ordinal)];

    private EndpointSliceController Controller() => new(api.Clients(), NullLogger<EndpointSliceController>.Instance);

    [Fact]
    public async Task Sync_SelectsPodsMatchingAllTermsOnTheNetwork_OneSlicePerFamilyOwnedByTheService()
    {
        var ns = await api.NamespaceAsync(Token);
        await CreateNadAsync(ns, "blue-conf", "blue");
        await CreateNadAsync(ns, "red-conf", "red");
        var service = await CreateServiceAsync(ns, "blue", "app=web,tier=front");
        var both = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        await CreatePodAsync(ns, "web-1", "node-1", both, Status(($"{ns}/blue-conf", "eth1", ["172.19.0.5", "fd00:19::5"]), ($"{ns}/red-conf", "eth2", ["172.20.0.5"])));
        await CreatePodAsync(ns, "web-2", "node-2", new() { ["app"] = "web" }, Status(("blue-conf", "eth1", ["172.19.0.6"])));
        await CreatePodAsync(ns, "web-3", "node-2", both, Status(("blue-conf", "eth1", ["172.19.0.7"]), ("blue-conf", "memif-eth2", ["172.19.0.8"])));
        await CreatePodAsync(ns, "red-only", "node-1", both, Status(("red-conf", "eth1", ["172.20.0.9"])));

        await Controller().SyncAsync(await ViewAsync(ns), resync: true, Token);

        var slices = await SlicesAsync(ns);
        Assert.Equal(["web-multinet-ipv4", "web-multinet-ipv6"], slices.Keys.Order(StringComparer.Ordinal));
        var v4 = slices["web-multinet-ipv4"];
        Assert.Equal("IPv4", v4.AddressType);
        Assert.Equal(["172.19.0.5", "172.19.0.7", "172.19.0.8"], Addresses(v4)); // web-2 lacks tier=front; red addresses are not blue's
        Assert.Equal(["fd00:19::5"], Addresses(slices["web-multinet-ipv6"]));
        Assert.Equal("IPv6", slices["web-multinet-ipv6"].AddressType);
        var owner = Assert.Single(v4.Metadata.OwnerReferences);
        Assert.Equal(("Service", "web", service.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal("web", v4.Metadata.Labels[EndpointSliceBuilder.ServiceNameLabel]);
        Assert.Equal(CniConstants.EndpointSliceManager, v4.Metadata.Labels[EndpointSliceBuilder.ManagedByLabel]);
        Assert.Equal(("http", 8080, "TCP"), (v4.Ports.Single().Name, v4.Ports.Single().Port, v4.Ports.Single().Protocol));
        var first = v4.Endpoints.Single(e => e.Addresses.Contains("172.19.0.5"));
        Assert.Equal(("Pod", ns, "web-1", "node-1"), (first.TargetRef.Kind, first.TargetRef.NamespaceProperty, first.TargetRef.Name, first.NodeName));
    }

    [Fact]
    public async Task Sync_FamilyEmptiesThenAnnotationGoes_RemovesTheSlices()
    {
        var ns = await api.NamespaceAsync(Token);
        await CreateNadAsync(ns, "blue-conf", "blue");
        await CreateServiceAsync(ns, "blue", "app=web");
        await CreatePodAsync(ns, "web-1", "node-1", new() { ["app"] = "web" }, Status(("blue-conf", "eth1", ["172.19.0.5", "fd00:19::5"])));
        var controller = Controller();
        await controller.SyncAsync(await ViewAsync(ns), resync: true, Token);
        Assert.Equal(2, (await SlicesAsync(ns)).Count);

        var pod = await api.Client.CoreV1.ReadNamespacedPodAsync("web-1", ns, cancellationToken: Token);
        pod.Metadata.Annotations[CniConstants.NetworkStatusAnnotation] = Status(("blue-conf", "eth1", ["172.19.0.15"]));
        await api.Client.CoreV1.ReplaceNamespacedPodAsync(pod, "web-1", ns, cancellationToken: Token);
        await controller.SyncAsync(await ViewAsync(ns), resync: false, Token);

        var slices = await SlicesAsync(ns);
        Assert.Equal(["172.19.0.15"], Addresses(Assert.Single(slices.Values)));
        Assert.Equal("web-multinet-ipv4", slices.Keys.Single());

        var service = await api.Client.CoreV1.ReadNamespacedServiceAsync("web", ns, cancellationToken: Token);
        service.Metadata.Annotations.Remove(CniConstants.NetworkAnnotation);
        await api.Client.CoreV1.ReplaceNamespacedServiceAsync(service, "web", ns, cancellationToken: Token);
        await controller.SyncAsync(await ViewAsync(ns), resync: false, Token);

        Assert.Empty(await SlicesAsync(ns));
    }

    [Fact]
    public async Task Sync_NothingChanged_WritesNothing()
    {
        var ns = await api.NamespaceAsync(Token);
        await CreateNadAsync(ns, "blue-conf", "blue");
        await CreateServiceAsync(ns, "blue", "app=web");
        await CreatePodAsync(ns, "web-1", "node-1", new() { ["app"] = "web" }, Status(("blue-conf", "eth1", ["172.19.0.5"])));
        var view = await ViewAsync(ns);
        await Controller().SyncAsync(view, resync: true, Token);
        var before = (await SlicesAsync(ns))["web-multinet-ipv4"].Metadata.ResourceVersion;

        await Controller().SyncAsync(view, resync: true, Token); // a fresh leader reads the slices and finds them right

        Assert.Equal(before, (await SlicesAsync(ns))["web-multinet-ipv4"].Metadata.ResourceVersion);
    }
}
