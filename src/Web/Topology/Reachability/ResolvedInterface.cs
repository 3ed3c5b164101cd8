using System.Net;

namespace Multinet.Web.Topology.Reachability;

/// <summary>A pod interface on one Network, as its pod's configuration places it: node, interface name and address.</summary>
internal sealed record ResolvedInterface(string Namespace, string Pod, string Interface, string Network, string? Node, IPAddress? Address)
{
    /// <summary>The inventory key of its memif, tap and policy binding (<c>ns/pod/iface</c>).</summary>
    public string Key => $"{Namespace}/{Pod}/{Interface}";

    public string Id => TopologyIds.Interface(Namespace, Pod, Network);

    public string Describe => $"{Namespace}/{Pod} ({Interface}{(Address is null ? "" : $", {Address}")})";
}
