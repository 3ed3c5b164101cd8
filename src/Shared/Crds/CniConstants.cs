namespace Multinet.Shared.Crds;

/// <summary>
/// Names of the CNI-layer kinds and annotations the product reads: Multus' NADs, Calico's v1 policies, Whereabouts'
/// IPPools, the service and policy extensions. The one place their group, version, kind and plural are spelled.
/// </summary>
public static class CniConstants
{
    public const string NadGroup = "k8s.cni.cncf.io";
    public const string NadVersion = "v1";
    public const string NadKind = "NetworkAttachmentDefinition";
    public const string NadPlural = "network-attachment-definitions";
    public const string NadSingular = "network-attachment-definition";
    public const string NadApiVersion = NadGroup + "/" + NadVersion;

    public const string PolicyGroup = "crd.projectcalico.org";
    public const string PolicyVersion = "v1";
    public const string PolicyKind = "NetworkPolicy";
    public const string PolicyPlural = "networkpolicies";
    public const string PolicySingular = "networkpolicy";
    public const string PolicyApiVersion = PolicyGroup + "/" + PolicyVersion;

    public const string IpPoolGroup = "whereabouts.cni.cncf.io";
    public const string IpPoolVersion = "v1alpha1";
    public const string IpPoolKind = "IPPool";
    public const string IpPoolPlural = "ippools";
    public const string IpPoolSingular = "ippool";
    public const string IpPoolApiVersion = IpPoolGroup + "/" + IpPoolVersion;

    /// <summary>The pod annotation Multus writes after attaching: the addresses each interface actually got.</summary>
    public const string NetworkStatusAnnotation = "k8s.v1.cni.cncf.io/network-status";

    /// <summary>On a Service: the Network its endpoints live on. On a policy rule's metadata: the Network the rule applies to.</summary>
    public const string NetworkAnnotation = "extensions.projectcalico.org/network";

    /// <summary>On a Service: the pods it selects, "key=value" terms separated by commas, all of which must match.</summary>
    public const string SelectorAnnotation = "extensions.projectcalico.org/selector";

    /// <summary>On a Node: the agent's per-Network applied state, JSON keyed by Network name.</summary>
    public const string NodeNetworkStateAnnotation = "multinet.projectcalico.org/network-state";

    /// <summary>The value of <c>endpointslice.kubernetes.io/managed-by</c> on the EndpointSlices the product writes.</summary>
    public const string EndpointSliceManager = "multinet.projectcalico.org";
}
