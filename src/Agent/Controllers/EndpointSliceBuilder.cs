using System.Net.Sockets;
using k8s;
using k8s.Models;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.Agent.Controllers;

/// <summary>
/// The EndpointSlices network-aware Services should have: one per address family that has addresses, named
/// <c>&lt;service&gt;-multinet-ipv4</c> / <c>-ipv6</c>, owned by the Service, one endpoint per pod interface address.
/// </summary>
internal static class EndpointSliceBuilder
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";

    /// <summary>The label selector of every slice this controller manages.</summary>
    public const string ManagedSelector = ManagedByLabel + "=" + CniConstants.EndpointSliceManager;

    /// <summary>The desired slices keyed by <c>namespace/name</c>.</summary>
    public static Dictionary<string, V1EndpointSlice> Build(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var nadNetworks = ServiceEndpoints.NadNetworks(view);
        var podsByNamespace = view.Pods.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var result = new Dictionary<string, V1EndpointSlice>(StringComparer.Ordinal);
        foreach (var service in view.Services.Where(s => s.Network is not null && s.Uid is not null))
        {
            var endpoints = ServiceEndpoints.For(podsByNamespace[service.Namespace], service, nadNetworks);
            foreach (var (family, addressType, suffix) in new[] { (AddressFamily.InterNetwork, "IPv4", "ipv4"), (AddressFamily.InterNetworkV6, "IPv6", "ipv6") })
            {
                var ofFamily = endpoints.Where(e => e.Family == family).ToList();
                if (ofFamily.Count == 0)
                {
                    continue;
                }

                var slice = Slice(service, addressType, $"{service.Name}-multinet-{suffix}", ofFamily);
                result[$"{service.Namespace}/{slice.Metadata.Name}"] = slice;
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="actual"/> already says what <paramref name="desired"/> says (server-filled fields aside).</summary>
    public static bool Matches(V1EndpointSlice desired, V1EndpointSlice actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        return Fingerprint(desired) == Fingerprint(actual);
    }

    private static string Fingerprint(V1EndpointSlice slice) => KubernetesJson.Serialize(new object?[]
    {
        slice.AddressType,
        Label(slice, ServiceNameLabel),
        Label(slice, ManagedByLabel),
        slice.Metadata?.OwnerReferences?.Select(o => new object?[] { o.ApiVersion, o.Kind, o.Name, o.Uid, o.Controller }),
        slice.Ports?.Select(p => new object?[] { p.Name, p.Protocol ?? "TCP", p.Port }),
        slice.Endpoints?.Select(e => new object?[]
        {
            e.Addresses, e.NodeName, e.Conditions?.Ready, e.TargetRef?.Kind, e.TargetRef?.NamespaceProperty, e.TargetRef?.Name, e.TargetRef?.Uid,
        }),
    });

    private static string? Label(V1EndpointSlice slice, string key) =>
        slice.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private static V1EndpointSlice Slice(ClusterService service, string addressType, string name, List<ServiceEndpoint> endpoints) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = service.Namespace,
            Labels = new Dictionary<string, string>
            {
                [ServiceNameLabel] = service.Name,
                [ManagedByLabel] = CniConstants.EndpointSliceManager,
            },
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = "v1",
                    Kind = "Service",
                    Name = service.Name,
                    Uid = service.Uid,
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ],
        },
        AddressType = addressType,
        Ports = [.. service.Ports.Select(p => new Discoveryv1EndpointPort { Name = p.Name, Protocol = p.Protocol, Port = p.TargetPort })],
        Endpoints = [.. endpoints.Select(e => new V1Endpoint
        {
            Addresses = [e.Address],
            Conditions = new V1EndpointConditions { Ready = true },
            NodeName = e.Pod.NodeName,
            TargetRef = new V1ObjectReference { Kind = "Pod", NamespaceProperty = e.Pod.Namespace, Name = e.Pod.Name, Uid = e.Pod.Uid },
        })],
    };
}
