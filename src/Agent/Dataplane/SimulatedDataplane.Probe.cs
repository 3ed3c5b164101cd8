using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

public sealed partial class SimulatedDataplane
{
    /// <summary>The underlay this simulated node joins <see cref="Fabric"/> with (null: a dataplane on its own).</summary>
    public SimulatedFabric? Fabric { get; init; }

    /// <summary>Keeps the node's underlay addresses and joins <see cref="Fabric"/> with them, so peers' tunnels find this node.</summary>
    public void SetUnderlay(string? ipv4, string? ipv6)
    {
        Fabric?.Join(this, ipv4);
        Fabric?.Join(this, ipv6);
    }

    /// <summary>
    /// A probe answered from the tables, the way the packets would go: the VRF; the source interface (link up, in that
    /// VRF) and its egress rules; the longest-prefix route to the destination; either the local destination interface, or
    /// the tunnel (up) to the node at its far end on <see cref="Fabric"/>, which must hold the reverse tunnel (up, same VNI)
    /// decapsulating into a VRF with a route to the destination interface; that interface (up) and its ingress rules; and
    /// the route back to the source. Rules are judged by <see cref="PolicyEvaluator"/>: first match, then default deny.
    /// Every request is answered when the whole path holds, none when any step fails; the detail names the step.
    /// </summary>
    public Task<DataplaneProbeResult> ProbeAsync(DataplaneProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        cancellationToken.ThrowIfCancellationRequested();
        var steps = new List<string>();
        TunnelSpec tunnel;
        lock (_lock)
        {
            var table = (probe.TableId, probe.Destination.AddressFamily == AddressFamily.InterNetworkV6);
            if (!_tables.ContainsKey(table))
            {
                return Answer(probe, false, steps, $"No {Family(table.Item2)} table {probe.TableId} for network {probe.Network}: nothing is sent.");
            }

            if (probe.Source is { } source && SourceStep(probe, table, source, steps) is { } refused)
            {
                return Answer(probe, false, steps, refused);
            }

            var route = Lookup(table.TableId, table.Item2, probe.Destination);
            if (route is null)
            {
                return Answer(probe, false, steps, $"No route to {probe.Destination} in table {probe.TableId}: dropped.");
            }

            if (route.ViaInterfaceTag is { } tag)
            {
                var delivered = Deliver(tag, table, probe.Source, steps);
                return Answer(probe, delivered is null, steps, delivered ?? $"Delivered to {tag} on this node.");
            }

            var encap = _tunnelsByKey.TryGetValue(route.ViaTunnelKey!, out var index) ? _interfaces[index] : null;
            if (encap is not { AdminUp: true, LinkUp: true })
            {
                return Answer(probe, false, steps, $"The tunnel {route.ViaTunnelKey} of route {route.Prefix} is {(encap is null ? "missing" : "down")}: dropped.");
            }

            tunnel = encap.Tunnel!;
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"Route {route.Prefix} leads into the tunnel to {tunnel.PeerNode} ({tunnel.Dst}, VNI {tunnel.Vni}), up."));
        }

        var peer = Fabric?.At(tunnel.Dst);
        if (peer is null)
        {
            return Answer(probe, false, steps, $"No simulated node holds {tunnel.Dst}, the tunnel's far end: nothing answers.");
        }

        var arrival = peer.Arrive(tunnel, probe, steps);
        return Answer(probe, arrival is null, steps, arrival ?? $"Delivered on {tunnel.PeerNode}; the reply returns through the tunnel.");
    }

    /// <summary>The far end: the reverse tunnel (same VNI, up), its VRF's route to the destination, the destination interface and the route back.</summary>
    private string? Arrive(TunnelSpec sent, DataplaneProbe probe, List<string> steps)
    {
        lock (_lock)
        {
            var back = _interfaces.Values.FirstOrDefault(i => i.Tunnel is { } t && Same(t.Src, sent.Dst) && Same(t.Dst, sent.Src) && t.Vni == sent.Vni);
            if (back is null)
            {
                var other = _interfaces.Values.FirstOrDefault(i => i.Tunnel is { } t && Same(t.Src, sent.Dst) && Same(t.Dst, sent.Src) && t.Network == sent.Network);
                return other is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{sent.PeerNode} has no tunnel from {sent.Src} with VNI {sent.Vni}: the packets are dropped there.")
                    : string.Create(CultureInfo.InvariantCulture, $"{sent.PeerNode}'s tunnel for {sent.Network} has VNI {other.Tunnel!.Vni}, not {sent.Vni}: the packets are dropped there.");
            }

            if (!back.AdminUp || !back.LinkUp)
            {
                return $"{sent.PeerNode}'s tunnel back to {sent.Src} is down: the packets are dropped there.";
            }

            var table = back.Tunnel!.TableId;
            var isIpv6 = probe.Destination.AddressFamily == AddressFamily.InterNetworkV6;
            var route = Lookup(table, isIpv6, probe.Destination);
            if (route?.ViaInterfaceTag is not { } tag)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{sent.PeerNode} has no route to {probe.Destination} on a local interface in table {table}: dropped there.");
            }

            if (Deliver(tag, (table, isIpv6), probe.Source, steps) is { } refused)
            {
                return $"On {sent.PeerNode}: {refused}";
            }

            if (probe.Source is { } source && Lookup(table, isIpv6, source)?.ViaTunnelKey != back.Tunnel.Key)
            {
                return $"{sent.PeerNode} has no route back to {probe.Source} through its tunnel to {sent.Src}: the replies are lost.";
            }

            return null;
        }
    }

    /// <summary>The source interface: present in the VRF, up, and its egress rules letting the destination through.</summary>
    private string? SourceStep(DataplaneProbe probe, (uint, bool) table, IPAddress source, List<string> steps)
    {
        var iface = _interfaces.Values.FirstOrDefault(i => i.Pod is { } pod && Holds(pod.Address, source));
        if (iface is null)
        {
            return $"No interface on this node holds {source}: nothing is sent from it.";
        }

        if (iface.Table != table)
        {
            return $"{iface.Pod!.Tag} is in table {iface.Table?.TableId}, not {probe.TableId}: nothing is sent in {probe.Network}.";
        }

        if (!iface.AdminUp || !iface.LinkUp)
        {
            return $"{iface.Pod!.Tag} is down: nothing is sent.";
        }

        var egress = PolicyEvaluator.Evaluate(Rules(iface.Pod!.Tag), "egress", probe.Destination);
        steps.Add(egress.Reason);
        return egress.Allowed ? null : $"Egress from {iface.Pod.Tag}: {egress.Reason}";
    }

    /// <summary>The destination interface: present in the table, up, and its ingress rules letting the source in.</summary>
    private string? Deliver(string tag, (uint, bool) table, IPAddress? source, List<string> steps)
    {
        var iface = _podInterfacesByTag.TryGetValue(tag, out var index) ? _interfaces[index] : null;
        if (iface is null || iface.Table != table)
        {
            return $"The destination interface {tag} is not in table {table.Item1}: dropped.";
        }

        if (!iface.AdminUp || !iface.LinkUp)
        {
            return $"The destination interface {tag} is down: dropped.";
        }

        var ingress = PolicyEvaluator.Evaluate(Rules(tag), "ingress", source);
        steps.Add(ingress.Reason);
        return ingress.Allowed ? null : $"Ingress to {tag}: {ingress.Reason}";
    }

    private ImmutableArray<PolicyRuleStatus> Rules(string tag) =>
        _policies.TryGetValue(tag, out var binding) ? [.. binding.Rules.Select(PolicyRuleStatus.From)] : [];

    /// <summary>The longest prefix in the table that holds <paramref name="address"/>.</summary>
    private RouteSpec? Lookup(uint tableId, bool isIpv6, IPAddress address) =>
        _routes.Values
            .Where(r => r.TableId == tableId && IsIpv6Prefix(r.Prefix) == isIpv6 && IPNetwork.TryParse(r.Prefix, out var net) && net.Contains(address))
            .OrderByDescending(r => IPNetwork.Parse(r.Prefix).PrefixLength)
            .FirstOrDefault();

    private static bool Holds(string prefix, IPAddress address) =>
        IPAddress.TryParse(prefix.Split('/')[0], out var held) && held.Equals(address);

    private static bool Same(string a, string b) =>
        IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) ? x.Equals(y) : a == b;

    private static Task<DataplaneProbeResult> Answer(DataplaneProbe probe, bool answered, List<string> steps, string outcome)
    {
        steps.Add(outcome);
        return Task.FromResult(new DataplaneProbeResult(probe.Count, answered ? probe.Count : 0, string.Join(" ", steps)));
    }
}
