using Multinet.KubeApi.Schema;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>The custom kinds of the CNI layer: Multus' NADs, Calico's v1 NetworkPolicies and Whereabouts' IPPools.</summary>
internal static class CniResources
{
    public static ResourceDescriptor NetworkAttachmentDefinitions { get; } = new()
    {
        Group = "k8s.cni.cncf.io",
        Version = "v1",
        Plural = "network-attachment-definitions",
        Singular = "network-attachment-definition",
        Kind = "NetworkAttachmentDefinition",
        Namespaced = true,
        IsCustomResource = true,
        ShortNames = ["net-attach-def"],
        Validate = CrdValidation.Then("k8s.cni.cncf.io", "network-attachment-definitions", static (candidate, _) => NadAdmission.Validate(candidate)),
        Warn = NadAdmission.Warnings,
    };

    public static ResourceDescriptor CalicoNetworkPolicies { get; } = new()
    {
        Group = "crd.projectcalico.org",
        Version = "v1",
        Plural = "networkpolicies",
        Singular = "networkpolicy",
        Kind = "NetworkPolicy",
        Namespaced = true,
        IsCustomResource = true,
        Validate = CrdValidation.Then("crd.projectcalico.org", "networkpolicies", static (_, _) => ValidationResult.Valid),
        Columns = [new("Selector", "spec.selector", "string")],
    };

    public static ResourceDescriptor IpPools { get; } = new()
    {
        Group = "whereabouts.cni.cncf.io",
        Version = "v1alpha1",
        Plural = "ippools",
        Singular = "ippool",
        Kind = "IPPool",
        Namespaced = true,
        IsCustomResource = true,
        Validate = CrdValidation.Then("whereabouts.cni.cncf.io", "ippools", static (_, _) => ValidationResult.Valid),
        Columns = [new("Range", "spec.range", "string")],
    };
}
