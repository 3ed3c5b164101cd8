using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Multinet.Shared.Cluster;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>Annotation on a pod giving memif queue counts per interface: <c>memif-eth2=2,memif-eth3=4</c>.</summary>
    public const string MemifQueuesAnnotation = "multinet.projectcalico.org/memif-queues";

    /// <summary>Where VPP, the memif master, listens for a pod interface's application.</summary>
    public static string MemifSocketPath(string podNamespace, string pod, string podInterface) => $"/run/vpp/memif/{podNamespace}-{pod}-{podInterface}.sock";

    /// <summary>
    /// Local pods' interfaces (memif for names starting "memif", else tap) with a host route each, and host routes to
    /// remote pods' addresses through the tunnel to their node. Terminating pods get neither.
    /// </summary>
    private static (ImmutableArray<PodInterfaceSpec> Interfaces, ImmutableArray<RouteSpec> Routes) PlanPods(PlanContext context, ImmutableArray<TunnelSpec> tunnels)
    {
        var interfaces = new List<PodInterfaceSpec>();
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var routes = new Dictionary<string, RouteSpec>(StringComparer.Ordinal);
        var tunnelTo = tunnels.ToDictionary(t => (t.Network, t.PeerNode));

        foreach (var pod in context.View.Pods
                     .Where(p => !p.Terminating && !string.IsNullOrEmpty(p.NodeName))
                     .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var local = pod.NodeName == context.NodeName;
            var queues = local ? MemifQueues(context, pod) : null;
            foreach (var attachment in pod.Attachments)
            {
                if (context.NetworkOf(attachment) is not { } network)
                {
                    continue;
                }

                var name = network.Vrf.Network;
                var obj = $"interface {pod.Key}/{attachment.Interface}";
                if (HostPrefix(attachment, network) is not { } address)
                {
                    if (local)
                    {
                        context.Problem(name, obj, $"Pod {pod.Key} has no address in {network.Range} on {attachment.Interface}: the interface is not created.");
                    }

                    continue;
                }

                RouteSpec route;
                if (local)
                {
                    var memif = attachment.Interface.StartsWith("memif", StringComparison.Ordinal);
                    var spec = new PodInterfaceSpec(memif ? PodInterfaceKind.Memif : PodInterfaceKind.Tap, pod.Namespace, pod.Name, attachment.Interface,
                        name, network.Vrf.TableId, address)
                    {
                        MemifSocket = memif ? MemifSocketPath(pod.Namespace, pod.Name, attachment.Interface) : null,
                        RxQueues = memif ? queues!.GetValueOrDefault(attachment.Interface, 1) : 1,
                        TxQueues = memif ? queues!.GetValueOrDefault(attachment.Interface, 1) : 1,
                        Mac = attachment.Mac,
                    };
                    if (!tags.Add(spec.Tag))
                    {
                        context.Problem(name, obj, $"Pod {pod.Key} lists interface {attachment.Interface} more than once: only the first is created.");
                        continue;
                    }

                    interfaces.Add(spec);
                    route = new RouteSpec(name, network.Vrf.TableId, address) { ViaInterfaceTag = spec.Tag, Via = $"{pod.Key}/{attachment.Interface}" };
                }
                else if (tunnelTo.TryGetValue((name, pod.NodeName!), out var tunnel))
                {
                    route = new RouteSpec(name, network.Vrf.TableId, address) { ViaTunnelKey = tunnel.Key, Via = pod.NodeName! };
                }
                else
                {
                    continue; // no tunnel to that node (no address, or no nodes in the view): nothing to route through
                }

                if (!routes.TryAdd(route.Key, route))
                {
                    context.Problem(name, $"route {name}/{address}",
                        $"Address {address} of {pod.Key}/{attachment.Interface} is already routed to {routes[route.Key].Via}: the first keeps it.");
                }
            }
        }

        return ([.. interfaces], [.. routes.Values.OrderBy(r => r.TableId).ThenBy(r => r.Prefix, StringComparer.Ordinal)]);
    }

    /// <summary>The attachment's first address of the network's family inside its range, as a /32 or /128; null if none.</summary>
    private static string? HostPrefix(PodAttachment attachment, UsableNetwork network)
    {
        foreach (var ip in attachment.Ips)
        {
            var text = ip.Split('/')[0].Trim();
            if (IPAddress.TryParse(text, out var address) && address.AddressFamily == network.Family && network.Range.Contains(address))
            {
                return $"{address}/{(network.Vrf.IsIpv6 ? 128 : 32)}";
            }
        }

        return null;
    }

    private static Dictionary<string, int> MemifQueues(PlanContext context, ClusterPod pod)
    {
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!pod.Annotations.TryGetValue(MemifQueuesAnnotation, out var text))
        {
            return queues;
        }

        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 255)
            {
                queues[parts[0]] = count;
            }
            else
            {
                context.Problem("", $"pod {pod.Key}",
                    $"metadata.annotations[{MemifQueuesAnnotation}]: \"{entry}\" is not <interface>=<queues 1..255>; that interface keeps 1 queue.");
            }
        }

        return queues;
    }
}
