using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>
    /// The NAD's <c>ipam.routes</c> of each local pod interface, in the network's VRF through that interface: to
    /// <c>dst</c>, via <c>gw</c> (or on link). Two interfaces with the same route are two paths of one prefix. A gateway
    /// outside the network's range is a problem, and that route is left out.
    /// </summary>
    private static ImmutableArray<RouteSpec> PlanAttachmentRoutes(PlanContext context, ImmutableArray<PodInterfaceSpec> interfaces)
    {
        var local = interfaces.ToDictionary(i => i.Tag, StringComparer.Ordinal);
        var routes = new List<RouteSpec>();
        foreach (var pod in context.View.Pods.Where(p => !p.Terminating && p.NodeName == context.NodeName))
        {
            foreach (var attachment in pod.Attachments)
            {
                if (context.NadOf(attachment) is not { Routes.IsEmpty: false } nad || context.NetworkOf(attachment) is not { } network
                    || !local.TryGetValue(DataplaneNames.InterfaceTag(pod.Namespace, pod.Name, attachment.Interface), out var spec))
                {
                    continue;
                }

                var name = network.Vrf.Network;
                for (var i = 0; i < nad.Routes.Length; i++)
                {
                    var route = nad.Routes[i];
                    if (route.Check(network.Range) is { } error)
                    {
                        context.Problem(name, $"route {nad.Key} routes[{i}] on {pod.Key}/{attachment.Interface}",
                            $"NetworkAttachmentDefinition {nad.Key}: ipam.routes[{i}]: {error} The route is not applied.");
                        continue;
                    }

                    var via = route.Gw is { } gw ? $"via {gw}" : "on link";
                    routes.Add(new RouteSpec(name, network.Vrf.TableId, route.Dst.ToString())
                    {
                        Attachment = true,
                        ViaInterfaceTag = spec.Tag,
                        Gateway = route.Gw?.ToString(),
                        Via = $"{pod.Key}/{attachment.Interface} {via}",
                    });
                }
            }
        }

        return [.. routes.DistinctBy(r => r.Key).OrderBy(r => r.TableId).ThenBy(r => r.Prefix, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }
}
