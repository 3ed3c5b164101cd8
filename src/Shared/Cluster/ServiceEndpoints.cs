using System.Collections.Immutable;
using System.Net;

namespace Multinet.Shared.Cluster;

/// <summary>
/// The endpoints of network-aware Services: pods that match ALL selector terms and have an interface on the
/// Service's Network (through a NAD naming that Network); every such interface and every address on it, both families.
/// </summary>
public static class ServiceEndpoints
{
    /// <summary>The Network each NAD attaches to, by NAD key (<c>ns/name</c>); NADs that are not ours are absent.</summary>
    public static ImmutableDictionary<string, string> NadNetworks(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return NadNetworks(view.Nads);
    }

    /// <summary>The Network each of <paramref name="nads"/> attaches to, by NAD key; NADs that are not ours are absent.</summary>
    public static ImmutableDictionary<string, string> NadNetworks(IEnumerable<ClusterNad> nads)
    {
        ArgumentNullException.ThrowIfNull(nads);
        return nads.Where(n => n.NetworkName is not null)
            .GroupBy(n => n.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First().NetworkName!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The pods of the Service's namespace that its selector matches but that have no attachment on its Network, ordered
    /// by name: they get no endpoint, which is rarely what the Service's author meant. None when the Service is not network-aware.
    /// </summary>
    public static ImmutableArray<ClusterPod> MatchedOffNetwork(IEnumerable<ClusterPod> pods, ClusterService service, ImmutableDictionary<string, string> nadNetworks)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(nadNetworks);
        if (service.Network is null || service.Selector.IsEmpty)
        {
            return [];
        }

        return
        [
            .. pods.Where(p => p.Namespace == service.Namespace && !p.Terminating && Matches(p, service)
                    && !p.Attachments.Any(a => nadNetworks.TryGetValue(a.NadKey, out var network) && network == service.Network))
                .OrderBy(p => p.Name, StringComparer.Ordinal),
        ];
    }

    /// <summary>The endpoints of <paramref name="service"/>, ordered by pod, interface and address; none when it is not network-aware or selects nothing.</summary>
    public static ImmutableArray<ServiceEndpoint> For(ClusterView view, ClusterService service, ImmutableDictionary<string, string>? nadNetworks = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return For(view.Pods, service, nadNetworks ?? NadNetworks(view));
    }

    /// <summary>
    /// The endpoints of <paramref name="service"/> among <paramref name="pods"/> (e.g. the pods of its namespace, when
    /// computing many Services at once).
    /// </summary>
    public static ImmutableArray<ServiceEndpoint> For(IEnumerable<ClusterPod> pods, ClusterService service, ImmutableDictionary<string, string> nadNetworks)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(nadNetworks);
        if (service.Network is null || service.Selector.IsEmpty)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ServiceEndpoint>();
        foreach (var pod in pods.Where(p => p.Namespace == service.Namespace && !p.Terminating && Matches(p, service)))
        {
            foreach (var attachment in pod.Attachments)
            {
                if (!nadNetworks.TryGetValue(attachment.NadKey, out var network) || network != service.Network)
                {
                    continue;
                }

                foreach (var ip in attachment.Ips)
                {
                    if (IPAddress.TryParse(ip.Split('/')[0], out var address))
                    {
                        result.Add(new ServiceEndpoint(pod, attachment, address.ToString(), address.AddressFamily));
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>True when the pod carries every selector term (AND, never OR).</summary>
    public static bool Matches(ClusterPod pod, ClusterService service)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(service);
        return !service.Selector.IsEmpty && service.Selector.All(term => pod.Labels.TryGetValue(term.Key, out var value) && value == term.Value);
    }
}
