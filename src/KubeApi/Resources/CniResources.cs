using Multinet.KubeApi.Schema;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>The custom kinds of the CNI layer: Multus' NADs, Calico's v1 NetworkPolicies and Whereabouts' IPPools.</summary>
internal static class CniResources
{
    public static ResourceDescriptor NetworkAttachmentDefinitions { get; } = new()
    {
        Group = CniConstants.NadGroup,
        Version = CniConstants.NadVersion,
        Plural = CniConstants.NadPlural,
        Singular = CniConstants.NadSingular,
        Kind = CniConstants.NadKind,
        Namespaced = true,
        IsCustomResource = true,
        ShortNames = ["net-attach-def"],
        Validate = CrdValidation.Then(CniConstants.NadGroup, CniConstants.NadPlural, static (candidate, _) => NadAdmission.Validate(candidate)),
        Warn = NadAdmission.Warnings,
    };

    public static ResourceDescriptor CalicoNetworkPolicies { get; } = new()
    {
        Group = CniConstants.PolicyGroup,
        Version = CniConstants.PolicyVersion,
        Plural = CniConstants.PolicyPlural,
        Singular = CniConstants.PolicySingular,
        Kind = CniConstants.PolicyKind,
        Namespaced = true,
        IsCustomResource = true,
        Validate = CrdValidation.Then(CniConstants.PolicyGroup, CniConstants.PolicyPlural, static (_, _) => ValidationResult.Valid),
        Columns = [new("Selector", "spec.selector", "string")],
    };

    public static ResourceDescriptor IpPools { get; } = new()
    {
        Group = CniConstants.IpPoolGroup,
        Version = CniConstants.IpPoolVersion,
        Plural = CniConstants.IpPoolPlural,
        Singular = CniConstants.IpPoolSingular,
        Kind = CniConstants.IpPoolKind,
        Namespaced = true,
        IsCustomResource = true,
        Validate = CrdValidation.Then(CniConstants.IpPoolGroup, CniConstants.IpPoolPlural, static (_, _) => ValidationResult.Valid),
        Columns = [new("Range", "spec.range", "string")],
    };
}
