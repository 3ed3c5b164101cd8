using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multinet.Shared.Domain;

/// <summary>
/// What a policy rule's fields may hold, as Calico accepts them: the planner binds only rules that pass, and the console
/// refuses a report whose rule does not. Each check names the field it refuses.
/// </summary>
public static class PolicyRuleSyntax
{
    /// <summary>Calico's rule actions.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["Allow", "Deny", "Log", "Pass"];

    /// <summary>The directions a binding's rules have.</summary>
    public static IReadOnlyList<string> Directions { get; } = ["ingress", "egress"];

    private static readonly string[] s_protocols = ["TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite"];

    public static bool IsAction(string? action) => action is not null && Actions.Contains(action, StringComparer.OrdinalIgnoreCase);

    public static bool IsDirection(string? direction) => direction is not null && Directions.Contains(direction, StringComparer.Ordinal);

    /// <summary>A protocol name Calico knows (any case) or a number 1..255; null is any protocol.</summary>
    public static bool IsProtocol(string? protocol) =>
        protocol is null
        || s_protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase)
        || (byte.TryParse(protocol, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0);

    /// <summary>A CIDR (<c>10.0.0.0/8</c>, <c>fd00::/64</c>) or a single address.</summary>
    public static bool IsNet(string? net)
    {
        if (string.IsNullOrEmpty(net))
        {
            return false;
        }

        var slash = net.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? net : net[..slash], out var address))
        {
            return false;
        }

        var max = address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32;
        return slash < 0 || (int.TryParse(net.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= max);
    }

    /// <summary>A port (1..65535), a range <c>from:to</c> with from ≤ to, or a named port (IANA service name syntax).</summary>
    public static bool IsPort(string? port)
    {
        if (string.IsNullOrEmpty(port))
        {
            return false;
        }

        var colon = port.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return PortNumber(port[..colon]) is { } from && PortNumber(port[(colon + 1)..]) is { } to && from <= to;
        }

        return PortNumber(port) is not null || IsPortName(port);
    }

    /// <summary>
    /// The first field of a rule that is not valid, as a message naming it below <paramref name="at"/> (e.g.
    /// <c>policy_binding[ns/pod/eth1].rules[1].ports[0] "x:y" is not a port…</c>); null when the rule is valid.
    /// <paramref name="netsField"/> and <paramref name="portsField"/> name the nets and ports as the caller's format does.
    /// </summary>
    public static string? Problem(string at, string? direction, string? action, string? protocol, IReadOnlyList<string> nets, IReadOnlyList<string> ports,
        string netsField = "nets", string portsField = "ports")
    {
        ArgumentNullException.ThrowIfNull(nets);
        ArgumentNullException.ThrowIfNull(ports);
        if (direction is not null && !IsDirection(direction))
        {
            return $"{at}.direction \"{direction}\" is not ingress or egress.";
        }

        if (!IsAction(action))
        {
            return $"{at}.action \"{action}\" is not one of {string.Join(", ", Actions)}.";
        }

        if (!IsProtocol(protocol))
        {
            return $"{at}.protocol \"{protocol}\" is not a protocol ({string.Join(", ", s_protocols)} or a number 1..255).";
        }

        for (var i = 0; i < nets.Count; i++)
        {
            if (!IsNet(nets[i]))
            {
                return $"{at}.{netsField}[{i}] \"{nets[i]}\" is not a CIDR.";
            }
        }

        for (var i = 0; i < ports.Count; i++)
        {
            if (!IsPort(ports[i]))
            {
                return $"{at}.{portsField}[{i}] \"{ports[i]}\" is not a port (1..65535), a range (from:to) or a port name.";
            }
        }

        return null;
    }

    private static int? PortNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535 ? number : null;

    private static bool IsPortName(string name) =>
        name.Length <= 15 && name.Any(char.IsAsciiLetterLower) && name[0] != '-' && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !name.Contains("--", StringComparison.Ordinal);
}
