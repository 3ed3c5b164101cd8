using System.Text.Json;
using k8s.Models;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class ServiceAndPolicyProjectionTests
{
    private static V1Service Service(string? network, string? selector) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            NamespaceProperty = "apps",
            Uid = "uid-web",
            Annotations = new Dictionary<string, string?> { [CniConstants.NetworkAnnotation] = network, [CniConstants.SelectorAnnotation] = selector }
                .Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!),
        },
        Spec = new V1ServiceSpec
        {
            ClusterIP = "10.96.0.10",
            ClusterIPs = ["10.96.0.10", "fd00:96::10"],
            Ports =
            [
                new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 },
                new V1ServicePort { Name = "grpc", Port = 9090, Protocol = "TCP", TargetPort = "grpc-port" },
                new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP" },
            ],
        },
    };

    [Fact]
    public void ToService_ReadsNetworkSelectorIpsAndTargetPorts()
    {
        var service = ClusterViewProjection.ToService(Service("blue", "app=web, tier == front"));

        Assert.Equal(("apps/web", "blue", "uid-web"), (service.Key, service.Network, service.Uid));
        Assert.Null(service.SelectorError);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, service.Selector);
        Assert.Equal(["10.96.0.10", "fd00:96::10"], service.ClusterIps);
        Assert.Equal(
            [new ClusterServicePort("http", "TCP", 80, 8080), new ClusterServicePort("grpc", "TCP", 9090, 9090), new ClusterServicePort("dns", "UDP", 53, 53)],
            service.Ports);
    }

    [Fact]
    public void ToService_Headless_HasNoClusterIps()
    {
        var raw = Service(null, null);
        raw.Spec.ClusterIPs = null;
        raw.Spec.ClusterIP = "None";

        var service = ClusterViewProjection.ToService(raw);

        Assert.Empty(service.ClusterIps);
        Assert.Null(service.Network);
        Assert.Null(service.SelectorError);
    }

    [Theory]
    [InlineData("app=web,tier", "metadata.annotations[extensions.projectcalico.org/selector][1]: \"tier\" is not a key=value term (only equality terms are supported, all of which must match).")]
    [InlineData("app=web,tier!=db", "metadata.annotations[extensions.projectcalico.org/selector][1]: \"tier!=db\" is not a key=value term (only equality terms are supported, all of which must match).")]
    [InlineData("app=web,app=db", "metadata.annotations[extensions.projectcalico.org/selector][1]: \"app\" is already required to be \"web\"; a pod cannot have both values.")]
    public void ParseSelector_BadTerm_IsNamedAndGoodTermsKept(string annotation, string error)
    {
        var (selector, message) = ClusterViewProjection.ParseSelector(annotation);

        Assert.Equal(error, message);
        Assert.Equal("web", selector["app"]);
    }

    [Fact]
    public void ToService_NetworkWithoutSelector_SaysItHasNoEndpoints()
    {
        var service = ClusterViewProjection.ToService(Service("blue", null));

        Assert.StartsWith("metadata.annotations[extensions.projectcalico.org/selector]: Required value", service.SelectorError, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPolicy_RuleNetworkComesFromTheRulesOwnAnnotation()
    {
        var policy = KubernetesJsonPolicy("""
            {"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"allow-red","namespace":"apps"},
             "spec":{"selector":"app == 'web'","order":100,
               "ingress":[
                 {"action":"Allow","protocol":"TCP","metadata":{"annotations":{"extensions.projectcalico.org/network":"red"}},
                  "source":{"nets":["172.20.0.0/16"],"selector":"role == 'client'"},"destination":{"ports":[80,"8000:8080"]}},
                 {"action":"Deny","protocol":17}],
               "egress":[{"action":"Allow","destination":{"nets":["10.0.0.0/8"]}}]}}
            """);

        var projected = ClusterViewProjection.ToPolicy(policy);

        Assert.Equal(("apps/allow-red", "app == 'web'", 100.0), (projected.Key, projected.Selector, projected.Order));
        var red = projected.Ingress[0];
        Assert.Equal(("Allow", "TCP", "red"), (red.Action, red.Protocol, red.Network));
        Assert.Equal(["172.20.0.0/16"], red.SourceNets);
        Assert.Equal("role == 'client'", red.SourceSelector);
        Assert.Equal(["80", "8000:8080"], red.DestinationPorts);
        Assert.Equal(("Deny", "17", (string?)null), (projected.Ingress[1].Action, projected.Ingress[1].Protocol, projected.Ingress[1].Network));
        Assert.Equal(["10.0.0.0/8"], Assert.Single(projected.Egress).DestinationNets);
    }

    private static CalicoNetworkPolicy KubernetesJsonPolicy(string json) => k8s.KubernetesJson.Deserialize<CalicoNetworkPolicy>(json)
        ?? throw new JsonException("null policy");
}
