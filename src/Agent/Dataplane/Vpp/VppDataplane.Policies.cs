using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// Policy bindings through the ACL plugin. A binding becomes two ACLs on its pod interface (tags <c>mn:p:i:HASH</c> and
/// <c>mn:p:o:HASH</c>, HASH naming the interface): the input ACL holds the egress rules (what the pod sends), the output ACL
/// the ingress rules (what VPP delivers to it). Rules keep their order; Allow permits and reflects (the reply of a permitted
/// flow passes the other way), Deny denies, Log and Pass decide nothing and are left out. A direction with rules ends in a
/// deny (a policy that selects a pod isolates it in that direction, as Calico does); a direction without rules permits and
/// reflects everything. Each net (none: any address) and each destination port or range (none: all) gives one ACL rule.
/// </summary>
internal sealed partial class VppDataplane
{
    private const string AclTagPrefix = DataplaneNames.InterfaceTagPrefix + "p:";

    private readonly ConcurrentDictionary<string, PolicyBindingSpec> _policies = new(StringComparer.Ordinal);

    private async Task BindPolicyAsync(DataplaneOperation operation, PolicyBindingSpec binding, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        RequireAcl(operation, connection);
        var input = AclRules(operation, binding.Rules.Where(r => r.Direction == "egress"));
        var output = AclRules(operation, binding.Rules.Where(r => r.Direction == "ingress"));
        var swIfIndex = await PodInterfaceIndexAsync(connection, binding.InterfaceTag, cancellationToken)
            ?? throw new DataplaneException($"{operation.Describe()}: no interface in VPP carries the tag \"{binding.InterfaceTag}\".",
                "VNET_API_ERROR_INVALID_SW_IF_INDEX");

        // Replace our ACLs in place when the interface has them (no window without rules), else create them.
        var ours = await OurAclsAsync(connection, binding.InterfaceTag, cancellationToken);
        var digest = PolicyBindingDigest.Of(binding);
        var inputIndex = (await connection.RequestAsync(new AclAddReplace(ours.Input ?? uint.MaxValue, AclTag("i", binding.InterfaceTag, digest), input), cancellationToken))
            .Get<uint>("acl_index");
        var outputIndex = (await connection.RequestAsync(new AclAddReplace(ours.Output ?? uint.MaxValue, AclTag("o", binding.InterfaceTag, digest), output), cancellationToken))
            .Get<uint>("acl_index");
        await connection.RequestAsync(new AclInterfaceSetAclList(swIfIndex, [inputIndex], [outputIndex]), cancellationToken);
        _policies[binding.InterfaceTag] = binding;
    }

    private async Task UnbindPolicyAsync(DataplaneOperation operation, PolicyBindingSpec binding, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        RequireAcl(operation, connection);
        await RemoveAclsAsync(connection, binding.InterfaceTag, cancellationToken);
        _policies.TryRemove(binding.InterfaceTag, out _);
    }

    /// <summary>Takes the interface's ACLs off it (when it still exists) and deletes them.</summary>
    private static async Task RemoveAclsAsync(VppApiConnection connection, string interfaceTag, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("acl_del"))
        {
            return;
        }

        if (await PodInterfaceIndexAsync(connection, interfaceTag, cancellationToken) is { } swIfIndex)
        {
            await connection.RequestAsync(new AclInterfaceSetAclList(swIfIndex, [], []), cancellationToken);
        }

        var ours = await OurAclsAsync(connection, interfaceTag, cancellationToken);
        foreach (var index in new[] { ours.Input, ours.Output }.OfType<uint>())
        {
            try
            {
                await connection.RequestAsync(new AclDel(index), cancellationToken);
            }
            catch (DataplaneException ex) when (IsGone(ex))
            {
                // Already gone.
            }
        }
    }

    /// <summary>
    /// Bindings as VPP holds them: a pod interface with our ACLs. Rules and policy names from this instance's binds; after a
    /// restart the digest in the input ACL's tag (<see cref="PolicyBindingSpec.ReadBackDigest"/>), so an unchanged binding
    /// is not bound again.
    /// </summary>
    private async Task<List<PolicyBindingSpec>> DumpPoliciesAsync(VppApiConnection connection, List<ObservedPodInterface> pods, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("acl_interface_list_dump"))
        {
            return [];
        }

        var tags = (await connection.DumpAsync(new AclDump(), cancellationToken)).ToDictionary(d => d.Get<uint>("acl_index"), d => d.Get<string>("tag"));
        var bound = (await connection.DumpAsync(new AclInterfaceListDump(), cancellationToken))
            .Where(d => d.Get<object?[]>("acls").OfType<uint>().Any(a => tags.GetValueOrDefault(a)?.StartsWith(AclTagPrefix, StringComparison.Ordinal) == true))
            .ToDictionary(d => d.Get<uint>("sw_if_index"), d => d.Get<object?[]>("acls").OfType<uint>().Select(a => tags.GetValueOrDefault(a)).OfType<string>().ToList());
        return [.. pods.Where(p => bound.ContainsKey(p.SwIfIndex)).Select(p => _policies.TryGetValue(p.Spec.Tag, out var known)
            ? known
            : new PolicyBindingSpec(p.Spec.Tag, p.Spec.Namespace, p.Spec.Pod, p.Spec.Interface, p.Spec.Network) { ReadBackDigest = DigestOf(bound[p.SwIfIndex], p.Spec.Tag) })];
    }

    private static void RequireAcl(DataplaneOperation operation, VppApiConnection connection)
    {
        if (!connection.MessageTable.Offers("acl_add_replace"))
        {
            throw new DataplaneException($"{operation.Describe()}: acl plugin not loaded: policies unavailable.", "VNET_API_ERROR_UNIMPLEMENTED");
        }
    }

    private static async Task<uint?> PodInterfaceIndexAsync(VppApiConnection connection, string tag, CancellationToken cancellationToken) =>
        (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From)
            .Where(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == tag).Select(i => (uint?)i.SwIfIndex).FirstOrDefault();

    private static async Task<(uint? Input, uint? Output)> OurAclsAsync(VppApiConnection connection, string interfaceTag, CancellationToken cancellationToken)
    {
        var acls = (await connection.DumpAsync(new AclDump(), cancellationToken)).Select(d => (Index: d.Get<uint>("acl_index"), Tag: d.Get<string>("tag"))).ToList();
        return (acls.Where(a => IsAclOf(a.Tag, "i", interfaceTag)).Select(a => (uint?)a.Index).FirstOrDefault(),
            acls.Where(a => IsAclOf(a.Tag, "o", interfaceTag)).Select(a => (uint?)a.Index).FirstOrDefault());
    }

    /// <summary><c>mn:p:DIR:HASH:DIGEST</c>: the direction, the interface (HASH of its tag) and the binding's content digest (56 of the tag's 64 bytes).</summary>
    private static string AclTag(string direction, string interfaceTag, string digest) => $"{AclTagBase(direction, interfaceTag)}:{digest}";

    private static string AclTagBase(string direction, string interfaceTag) =>
        $"{AclTagPrefix}{direction}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(interfaceTag)))[..32]}";

    /// <summary>Whether an ACL's tag names this direction of this interface (with a digest, or without one as earlier versions tagged it).</summary>
    private static bool IsAclOf(string tag, string direction, string interfaceTag)
    {
        var prefix = AclTagBase(direction, interfaceTag);
        return tag == prefix || (tag.StartsWith(prefix, StringComparison.Ordinal) && tag.Length > prefix.Length && tag[prefix.Length] == ':');
    }

    /// <summary>The digest in the tag of the interface's input ACL; null when it has none (then the binding is bound again).</summary>
    private static string? DigestOf(IEnumerable<string> tags, string interfaceTag)
    {
        var prefix = AclTagBase("i", interfaceTag) + ":";
        return tags.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t[prefix.Length..]).FirstOrDefault(d => d.Length > 0);
    }

    /// <summary>One direction's rules as ACL rules, ending in a deny when there are any, else a single permit-and-reflect.</summary>
    internal static List<AclRule> AclRules(DataplaneOperation operation, IEnumerable<PolicyRuleSpec> rules)
    {
        var result = new List<AclRule>();
        var any = false;
        foreach (var rule in rules)
        {
            any = true;
            var action = rule.Action.ToUpperInvariant() switch
            {
                "ALLOW" => AclRule.PermitReflect,
                "DENY" => AclRule.Deny,
                _ => (byte?)null, // Log, Pass: no verdict here
            };
            if (action is null)
            {
                continue;
            }

            var protocol = Protocol(operation, rule.Protocol);
            var ports = rule.Ports.IsEmpty ? [(First: (ushort)0, Last: ushort.MaxValue)] : rule.Ports.Select(p => PortRange(operation, p)).OfType<(ushort First, ushort Last)>().ToList();
            var nets = rule.Nets.IsEmpty ? [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")] : rule.Nets.Select(n => Net(operation, n)).ToList();
            foreach (var net in nets)
            {
                var anyOfFamily = net.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6 ? IPNetwork.Parse("::/0") : IPNetwork.Parse("0.0.0.0/0");
                foreach (var (first, last) in ports)
                {
                    // Ingress nets are sources, egress nets destinations; the ports are the destination's either way.
                    result.Add(rule.Direction == "ingress"
                        ? new AclRule(action.Value, net, anyOfFamily, protocol, first, last)
                        : new AclRule(action.Value, anyOfFamily, net, protocol, first, last));
                }
            }
        }

        var final = any ? AclRule.Deny : AclRule.PermitReflect;
        result.Add(new AclRule(final, IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("0.0.0.0/0"), 0, 0, ushort.MaxValue));
        result.Add(new AclRule(final, IPNetwork.Parse("::/0"), IPNetwork.Parse("::/0"), 0, 0, ushort.MaxValue));
        return result;
    }

    private static byte Protocol(DataplaneOperation operation, string? protocol) => protocol?.ToUpperInvariant() switch
    {
        null => 0,
        "TCP" => 6,
        "UDP" => 17,
        "ICMP" => 1,
        "ICMPV6" => 58,
        "SCTP" => 132,
        "UDPLITE" => 136,
        var number when byte.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
        _ => throw Invalid(operation, "Protocol", protocol, "TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1..255"),
    };

    /// <summary>A port or <c>from:to</c> range; null for a named port (the ACL plugin matches numbers only), which is left out.</summary>
    private static (ushort First, ushort Last)? PortRange(DataplaneOperation operation, string port)
    {
        var parts = port.Split(':');
        if (parts.Length is 1 or 2 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) && first > 0)
        {
            var last = first;
            if (parts.Length == 2 && !(ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last) && last >= first))
            {
                throw Invalid(operation, "Ports", port, "a port 1..65535 or a range from:to with from <= to");
            }

            return (first, last);
        }

        return char.IsLetter(port.FirstOrDefault()) ? null : throw Invalid(operation, "Ports", port, "a port 1..65535 or a range from:to with from <= to");
    }

    private static IPNetwork Net(DataplaneOperation operation, string net)
    {
        if (IPNetwork.TryParse(net, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(net, out var address)
            ? new IPNetwork(address, address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32)
            : throw Invalid(operation, "Nets", net, "a CIDR whose host bits are zero, or an address");
    }
}
