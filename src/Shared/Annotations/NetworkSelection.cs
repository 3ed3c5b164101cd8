using System.Collections.Immutable;

namespace Multinet.Shared.Annotations;

/// <summary>
/// One attachment a pod asks for in <c>k8s.v1.cni.cncf.io/networks</c>: which NetworkAttachmentDefinition, in which
/// namespace (null: the pod's own), under which interface name (null: Multus picks net1, net2…), and any static
/// addresses or MAC requested.
/// </summary>
public sealed record NetworkSelection(string? Namespace, string Name, string? Interface, ImmutableArray<string> Ips, string? Mac)
{
    /// <summary>An interface whose name starts with "memif" becomes a VPP memif (shared-memory) interface.</summary>
    public bool IsMemif => Interface?.StartsWith("memif", StringComparison.Ordinal) == true;

    /// <summary>The NAD's namespace/name, with the pod's namespace filled in when none was given.</summary>
    public string QualifiedName(string podNamespace) => $"{Namespace ?? podNamespace}/{Name}";
}
