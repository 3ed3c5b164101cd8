using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>
    /// One entry per (cluster IP, port) of every network-aware Service on a usable Network, in that Network's VRF.
    /// Endpoints are the Service's namespace's running pods that match every selector term and are attached to the
    /// Network; the backends are all their addresses there of the VIP's family (a dual-stack Service has one VIP per
    /// family), as <c>ip:targetPort</c>. A Service without a selector has no backends; one without a cluster IP has no entry.
    /// </summary>
    private static ImmutableArray<ServiceEntrySpec> PlanServices(PlanContext context)
    {
        var entries = new List<ServiceEntrySpec>();
        foreach (var service in context.View.Services
                     .Where(s => !string.IsNullOrEmpty(s.Network))
                     .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!context.Networks.TryGetValue(service.Network!, out var network))
            {
                continue; // the Network is missing or unusable: its own problem says why
            }

            if (service.SelectorError is { } selectorError)
            {
                context.Problem(network.Vrf.Network, $"service {service.Key}", $"Service {service.Key}: {selectorError}");
                continue;
            }

            var addresses = new List<IPAddress>();
            if (!service.Selector.IsEmpty)
            {
                foreach (var pod in context.View.Pods.Where(p => p.Namespace == service.Namespace && !p.Terminating
                             && service.Selector.All(term => p.Labels.TryGetValue(term.Key, out var value) && value == term.Value)))
                {
                    foreach (var attachment in pod.Attachments.Where(a => context.NetworkOf(a) == network))
                    {
                        addresses.AddRange(attachment.Ips.Select(ip => IPAddress.TryParse(ip.Split('/')[0].Trim(), out var address) ? address : null).OfType<IPAddress>());
                    }
                }
            }

            foreach (var vip in service.ClusterIps.Select(ip => IPAddress.TryParse(ip, out var address) ? address : null).OfType<IPAddress>().Distinct())
            {
                foreach (var port in service.Ports)
                {
                    var target = port.TargetPort > 0 ? port.TargetPort : port.Port;
                    var backends = addresses.Where(a => a.AddressFamily == vip.AddressFamily)
                        .Select(a => Endpoint(a, target)).Distinct().Order(StringComparer.Ordinal);
                    entries.Add(new ServiceEntrySpec(service.Namespace, service.Name, network.Vrf.Network, network.Vrf.TableId, vip.ToString(), port.Port,
                        port.Protocol) { Backends = [.. backends] });
                }
            }
        }

        return [.. entries.DistinctBy(e => e.Key).OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    private static string Endpoint(IPAddress address, int port) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
        : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
}
