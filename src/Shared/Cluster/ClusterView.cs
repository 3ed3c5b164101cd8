using System.Collections.Immutable;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

/// <summary>
/// Everything the planner and the controllers read from the Kubernetes API, already parsed.
/// Built by <see cref="ClusterViewProjection"/> from the watched objects; tests build it directly.
/// </summary>
public sealed record ClusterView
{
    public static ClusterView Empty { get; } = new();

    public ImmutableArray<V3Network> Networks { get; init; } = [];

    public ImmutableArray<ClusterNad> Nads { get; init; } = [];

    public ImmutableArray<ClusterPod> Pods { get; init; } = [];

    public ImmutableArray<ClusterNode> Nodes { get; init; } = [];

    public ImmutableArray<ClusterService> Services { get; init; } = [];

    public ImmutableArray<ClusterPolicy> Policies { get; init; } = [];
}

/// <summary>A Kubernetes Node and the underlay addresses tunnels are built between.</summary>
public sealed record ClusterNode(string Name, string? InternalIPv4, string? InternalIPv6)
{
    /// <summary>What the node's agent reports per Network (the <c>multinet.projectcalico.org/network-state</c> annotation).</summary>
    public ImmutableDictionary<string, NodeNetworkState> NetworkStates { get; init; } = ImmutableDictionary<string, NodeNetworkState>.Empty;

    /// <summary>Why the network-state annotation could not be read, if it could not.</summary>
    public string? NetworkStateError { get; init; }
}

/// <summary>
/// A NetworkAttachmentDefinition with its CNI config parsed. <paramref name="NetworkName"/> is the calico plugin's
/// <c>dataplane_options.network_name</c> (null for NADs that are not ours); <paramref name="ConfigError"/> says why
/// <c>spec.config</c> could not be read, if it could not.
/// </summary>
public sealed record ClusterNad(string Namespace, string Name, string? NetworkName, string? PluginType, string? IpamType, string? ConfigError)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>The IPAM section's <c>routes</c> (CNI's dst/gw), applied to every attached pod's interface; malformed entries left out.</summary>
    public ImmutableArray<Ipam.NadRoute> Routes { get; init; } = [];

    /// <summary>Who wrote it last (<see cref="FieldManagers.LastWriter"/>); null when the API does not say.</summary>
    public string? LastManager { get; init; }

    /// <summary>The pod interface MTU the plugin's <c>mtu</c> asks for; null when it is unset (or not a positive number).</summary>
    public int? Mtu { get; init; }
}

/// <summary>
/// A pod and its secondary attachments. <see cref="Requested"/> comes from <c>k8s.v1.cni.cncf.io/networks</c>;
/// <see cref="Attachments"/> from <c>k8s.v1.cni.cncf.io/network-status</c> (the addresses it actually got).
/// </summary>
public sealed record ClusterPod(string Namespace, string Name, string? NodeName)
{
    public string Key => $"{Namespace}/{Name}";

    public string? Uid { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<PodAttachmentRequest> Requested { get; init; } = [];

    public ImmutableArray<PodAttachment> Attachments { get; init; } = [];

    /// <summary>Why the networks or network-status annotation could not be read, if it could not.</summary>
    public string? AnnotationError { get; init; }

    /// <summary>Why a requested attachment was not made (the pod's NetworksAttached condition when False), if one was not.</summary>
    public string? AttachmentError { get; init; }

    /// <summary>The pod's status as kubectl prints it: a waiting container's reason (e.g. ContainerCreating), else the phase.</summary>
    public string? Status { get; init; }

    public bool Terminating { get; init; }
}

/// <summary>One entry of the pod's networks annotation: which NAD, under which interface name, with which static requests.</summary>
public sealed record PodAttachmentRequest(string NadNamespace, string NadName, string Interface)
{
    public ImmutableArray<string> Ips { get; init; } = [];

    public string? Mac { get; init; }
}

/// <summary>One non-default entry of network-status: the NAD (<c>ns/name</c>), the interface and its addresses.</summary>
public sealed record PodAttachment(string NadNamespace, string NadName, string Interface, ImmutableArray<string> Ips, string? Mac)
{
    public string NadKey => $"{NadNamespace}/{NadName}";
}

/// <summary>
/// A network-aware Service: <c>extensions.projectcalico.org/network</c> and <c>.../selector</c> (terms ANDed).
/// Services without the network annotation have <paramref name="Network"/> null.
/// </summary>
public sealed record ClusterService(string Namespace, string Name, string? Network)
{
    public string Key => $"{Namespace}/{Name}";

    public string? Uid { get; init; }

    public ImmutableDictionary<string, string> Selector { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Why the selector annotation could not be read, if it could not.</summary>
    public string? SelectorError { get; init; }

    public ImmutableArray<string> ClusterIps { get; init; } = [];

    public ImmutableArray<ClusterServicePort> Ports { get; init; } = [];

    /// <summary>Who wrote it last (<see cref="FieldManagers.LastWriter"/>); null when the API does not say.</summary>
    public string? LastManager { get; init; }
}

public sealed record ClusterServicePort(string? Name, string Protocol, int Port, int TargetPort);

/// <summary>A Calico NetworkPolicy (crd.projectcalico.org/v1). Each rule carries the network it is scoped to (null = default network).</summary>
public sealed record ClusterPolicy(string? Namespace, string Name, string Selector)
{
    public string Key => Namespace is null ? Name : $"{Namespace}/{Name}";

    public double? Order { get; init; }

    public ImmutableArray<ClusterPolicyRule> Ingress { get; init; } = [];

    public ImmutableArray<ClusterPolicyRule> Egress { get; init; } = [];

    /// <summary>Who wrote it last (<see cref="FieldManagers.LastWriter"/>); null when the API does not say.</summary>
    public string? LastManager { get; init; }
}

/// <summary>One ingress or egress rule. <paramref name="Network"/> comes from the rule's own metadata annotation.</summary>
public sealed record ClusterPolicyRule(string Action, string? Protocol, string? Network)
{
    public ImmutableArray<string> SourceNets { get; init; } = [];

    public string? SourceSelector { get; init; }

    public ImmutableArray<string> DestinationNets { get; init; } = [];

    public ImmutableArray<string> DestinationPorts { get; init; } = [];
}
