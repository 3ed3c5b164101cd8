using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Multinet.KubeApi.Schema;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// KubeVirt's VirtualMachine and VirtualMachineInstance (kubevirt.io/v1), served from the CRD files a KubeVirt install
/// brings (trimmed, see deploy/prerequisites/kubevirt), with the networking rules of KubeVirt's admission webhook.
/// </summary>
internal static class KubeVirtResources
{
    public static ResourceDescriptor VirtualMachineInstances { get; } = new()
    {
        Group = KubeVirtConstants.Group,
        Version = KubeVirtConstants.Version,
        Plural = KubeVirtConstants.VmiPlural,
        Singular = KubeVirtConstants.VmiSingular,
        Kind = KubeVirtConstants.VmiKind,
        Namespaced = true,
        HasStatusSubresource = true,
        IsCustomResource = true,
        ShortNames = ["vmi", "vmis"],
        Validate = CrdValidation.Then(KubeVirtConstants.Group, KubeVirtConstants.VmiPlural, static (candidate, _) => Admit(candidate["spec"], "spec")),
        Columns = CrdValidation.Columns(KubeVirtConstants.Group, KubeVirtConstants.VmiPlural),
    };

    public static ResourceDescriptor VirtualMachines { get; } = new()
    {
        Group = KubeVirtConstants.Group,
        Version = KubeVirtConstants.Version,
        Plural = KubeVirtConstants.VmPlural,
        Singular = KubeVirtConstants.VmSingular,
        Kind = KubeVirtConstants.VmKind,
        Namespaced = true,
        HasStatusSubresource = true,
        IsCustomResource = true,
        ShortNames = ["vm", "vms"],
        Validate = CrdValidation.Then(KubeVirtConstants.Group, KubeVirtConstants.VmPlural, static (candidate, _) => AdmitVm(candidate)),
        Columns = CrdValidation.Columns(KubeVirtConstants.Group, KubeVirtConstants.VmPlural),
    };

    private static ValidationResult AdmitVm(JsonObject candidate)
    {
        var spec = candidate["spec"] as JsonObject;
        if (spec?["running"] is not null && spec["runStrategy"] is not null)
        {
            return new([new("spec.running", FieldReasons.Invalid, "Invalid value: running and runStrategy are mutually exclusive")], []);
        }

        if (spec?["runStrategy"]?.GetValueKind() == JsonValueKind.String
            && spec["runStrategy"]!.GetValue<string>() is var strategy && !s_runStrategies.Contains(strategy))
        {
            return new([new("spec.runStrategy", "FieldValueNotSupported",
                $"Unsupported value: \"{strategy}\": supported values: {string.Join(", ", s_runStrategies.Select(s => $"\"{s}\""))}")], []);
        }

        return Admit(spec?["template"]?["spec"], "spec.template.spec");
    }

    private static readonly string[] s_runStrategies = ["Always", "RerunOnFailure", "Manual", "Halted", "Once", "WaitAsReceiver"];

    /// <summary>The schema has already checked the types, so the typed read cannot fail on them.</summary>
    private static ValidationResult Admit(JsonNode? spec, string prefix)
    {
        if (spec is not JsonObject)
        {
            return ValidationResult.Valid;
        }

        var typed = KubernetesJson.Deserialize<VirtualMachineInstanceSpec>(spec.ToJsonString());
        var errors = VmNetworkValidator.Validate(typed, prefix);
        return errors.Count == 0 ? ValidationResult.Valid : new(errors, []);
    }
}
