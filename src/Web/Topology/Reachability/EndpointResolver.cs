using System.Collections.Immutable;
using System.Net;
using Multinet.Shared.Cluster;
using Multinet.Shared.Validation;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>Finds what an endpoint names in a snapshot: a pod interface, an address on a Network, or a network-aware Service.</summary>
internal sealed class EndpointResolver(LiveSnapshot snapshot)
{
    private readonly ImmutableDictionary<string, string> _nadNetworks = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);

    public LiveSnapshot Snapshot => snapshot;

    /// <summary>Every interface the pods' configuration puts on <paramref name="network"/>.</summary>
    public IEnumerable<ResolvedInterface> InterfacesOn(string network) =>
        snapshot.Objects.Pods.Values.SelectMany(Interfaces).Where(i => i.Network == network);

    /// <summary>Every interface of one pod, on every Network its attachments reach.</summary>
    public IEnumerable<ResolvedInterface> Interfaces(ClusterPod pod) =>
        pod.Attachments
            .Where(a => _nadNetworks.ContainsKey(a.NadKey))
            .Select(a => new ResolvedInterface(pod.Namespace, pod.Name, a.Interface, _nadNetworks[a.NadKey], pod.NodeName, FirstAddress(a.Ips)));

    /// <summary>The interface holding <paramref name="address"/> on <paramref name="network"/>, if a pod's configuration says one does.</summary>
    public ResolvedInterface? Holder(IPAddress address, string network) =>
        InterfacesOn(network).FirstOrDefault(i => address.Equals(i.Address));

    /// <summary>A pod or address endpoint as an interface; an address nobody holds resolves to null with no error.</summary>
    public (ResolvedInterface? Interface, FieldViolation? Error) Interface(string field, ReachabilityEndpoint endpoint)
    {
        if (endpoint.Network is { } network && !snapshot.Networks.ContainsKey(network))
        {
            return (null, NotFound(field, $"No Network named \"{network}\" is known to the console."));
        }

        switch (endpoint.Kind)
        {
            case EndpointKind.Pod:
                if (!snapshot.Objects.Pods.TryGetValue($"{endpoint.Namespace}/{endpoint.Name}", out var pod))
                {
                    return (null, NotFound(field, $"No pod {endpoint.Namespace}/{endpoint.Name} is known to the console."));
                }

                return Interfaces(pod).FirstOrDefault(i => i.Network == endpoint.Network) is { } found
                    ? (found, null)
                    : (null, NotFound(field, $"Pod {pod.Key} has no interface on Network \"{endpoint.Network}\"."));
            case EndpointKind.Address:
                return (Holder(endpoint.Address!, endpoint.Network!), null);
            default:
                return (null, Invalid(field, "A Service is a destination only: use it in \"to\"."));
        }
    }

    /// <summary>A Service endpoint: it must exist, be network-aware, and agree with the Network the endpoint names.</summary>
    public (ClusterService? Service, FieldViolation? Error) Service(string field, ReachabilityEndpoint endpoint)
    {
        if (!snapshot.Objects.Services.TryGetValue($"{endpoint.Namespace}/{endpoint.Name}", out var service))
        {
            return (null, NotFound(field, $"No Service {endpoint.Namespace}/{endpoint.Name} is known to the console."));
        }

        if (service.Network is null)
        {
            return (null, Invalid(field, $"Service {service.Key} is not network-aware (it has no extensions.projectcalico.org/network annotation)."));
        }

        if (endpoint.Network is { } network && network != service.Network)
        {
            return (null, Invalid(field, $"Service {service.Key} is on Network \"{service.Network}\", not \"{network}\"."));
        }

        return (service, null);
    }

    /// <summary>The first address of a network-status entry (entries may carry a prefix length).</summary>
    public static IPAddress? FirstAddress(IEnumerable<string> ips) =>
        ips.Select(ip => IPAddress.TryParse(ip.Split('/')[0], out var address) ? address : null).FirstOrDefault(a => a is not null);

    private static FieldViolation NotFound(string field, string message) => new(field, "FieldValueNotFound", message);

    private static FieldViolation Invalid(string field, string message) => new(field, FieldReasons.Invalid, message);
}
