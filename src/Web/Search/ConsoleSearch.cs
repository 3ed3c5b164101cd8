using System.Globalization;
using System.Net;
using Multinet.Shared.Crds;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.Web.Search;

/// <summary>
/// The global search (press <c>/</c>): Networks by name, VNI or range (an address finds the Networks whose range
/// holds it), pods by name or by an address or MAC on one of their interfaces, nodes by name, and pages by title.
/// Reads one live snapshot; ranks exact and prefix matches first.
/// </summary>
public static class ConsoleSearch
{
    private static readonly (string Title, string Href)[] s_pages =
    [
        ("Overview", ""), ("Networks", "networks"), ("NADs", "nads"), ("Nodes", "nodes"), ("Pods", "pods"), ("Services", "services"), ("Policies", "policies"),
        ("Memif", "memif"), ("Timeline", "timeline"), ("YAML editor", "yaml"),
    ];

    public static IReadOnlyList<SearchResult> Find(LiveSnapshot snapshot, string? query, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = query?.Trim() ?? "";
        if (text.Length == 0)
        {
            return [];
        }

        var address = IPAddress.TryParse(text, out var parsed) ? parsed : null;
        var mac = IsMac(text) ? text.Replace('-', ':') : null;
        var hits = new List<(int Rank, SearchResult Result)>();
        foreach (var network in snapshot.Networks.Values)
        {
            if (RankNetwork(network, text, address) is { } rank)
            {
                hits.Add((rank, new SearchResult("Network", network.Metadata.Name,
                    $"VNI {network.Spec?.Vni?.ToString(CultureInfo.InvariantCulture) ?? "?"} · {network.Spec?.Range}", $"networks/{network.Metadata.Name}")));
            }
        }

        foreach (var pod in PodInterfaceRow.From(snapshot).GroupBy(r => r.PodKey, StringComparer.Ordinal))
        {
            var byAddress = address is not null ? pod.FirstOrDefault(r => r.Ip == address.ToString()) : null;
            var byMac = mac is not null ? pod.FirstOrDefault(r => string.Equals(r.Mac, mac, StringComparison.OrdinalIgnoreCase)) : null;
            if (byMac is not null)
            {
                hits.Add((0, new SearchResult("Pod", pod.Key, $"{byMac.Network} {byMac.Mac} on {byMac.Interface} · {byMac.Node}",
                    $"pods?q={Uri.EscapeDataString(byMac.Mac!)}")));
            }
            else if (byAddress is not null)
            {
                hits.Add((0, new SearchResult("Pod", pod.Key, $"{byAddress.Network} {byAddress.Ip} on {byAddress.Interface} · {byAddress.Node}",
                    $"pods?q={Uri.EscapeDataString(byAddress.Ip)}")));
            }
            else if (Rank(pod.First().Pod, text) is { } rank)
            {
                hits.Add((rank, new SearchResult("Pod", pod.Key, string.Join(", ", pod.Select(r => $"{r.Network} {r.Ip}")),
                    $"pods?q={Uri.EscapeDataString(pod.First().Pod)}")));
            }
        }

        foreach (var node in snapshot.Nodes.Values)
        {
            if (Rank(node.Name, text) is { } rank)
            {
                hits.Add((rank, new SearchResult("Node", node.Name, $"{(node.Connected ? "connected" : "disconnected")} · {node.Dataplane}", $"nodes/{node.Name}")));
            }
        }

        foreach (var (title, href) in s_pages)
        {
            if (Rank(title, text) is { } rank)
            {
                hits.Add((rank + 1, new SearchResult("Page", title, "Go to page", href)));
            }
        }

        return [.. hits.OrderBy(h => h.Rank).ThenBy(h => h.Result.Title, StringComparer.Ordinal).Take(limit).Select(h => h.Result)];
    }

    private static int? RankNetwork(V3Network network, string text, IPAddress? address)
    {
        if (Rank(network.Metadata.Name, text) is { } byName)
        {
            return byName;
        }

        if (network.Spec?.Vni is { } vni && text.Equals(vni.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return 0;
        }

        if (address is not null && IPNetwork.TryParse(network.Spec?.Range, out var range) && range.Contains(address))
        {
            return 1;
        }

        return network.Spec?.Range?.StartsWith(text, StringComparison.Ordinal) == true ? 2 : null;
    }

    /// <summary>Six hex octets separated by colons or dashes.</summary>
    private static bool IsMac(string text)
    {
        var octets = text.Split(text.Contains('-', StringComparison.Ordinal) ? '-' : ':');
        return octets.Length == 6 && octets.All(o => o.Length == 2 && o.All(char.IsAsciiHexDigit));
    }

    /// <summary>0 exact, 1 prefix, 2 substring (case-insensitive), null no match.</summary>
    internal static int? Rank(string candidate, string text) =>
        candidate.Equals(text, StringComparison.OrdinalIgnoreCase) ? 0
        : candidate.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
        : candidate.Contains(text, StringComparison.OrdinalIgnoreCase) ? 2
        : null;
}
