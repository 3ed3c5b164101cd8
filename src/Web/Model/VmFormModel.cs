using System.Text.Json.Nodes;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Web.Model;

/// <summary>
/// The new-VM form: a name and namespace, the pod network (with its binding) and the NADs to attach (with one binding for
/// them), the guest's memory. <see cref="ToVirtualMachine"/> is the ordinary kubevirt.io/v1 VirtualMachine it writes
/// (runStrategy Always, a container disk); <see cref="Validate"/> checks it as KubeVirt's admission would, field by field.
/// </summary>
public sealed class VmFormModel
{
    public const string NamespaceField = "metadata.namespace";
    public const string NetworksField = "spec.template.spec.networks";
    public const string MemoryField = "spec.template.spec.domain.resources.requests.memory";
    public const string DiskImage = "quay.io/kubevirt/cirros-container-disk-demo";

    public static IReadOnlyList<string> PodBindings { get; } = ["masquerade", "bridge"];

    public static IReadOnlyList<string> SecondaryBindings { get; } = ["bridge", "sriov"];

    public string Name { get; set; } = "";

    public string Namespace { get; set; } = "default";

    public bool PodNetwork { get; set; } = true;

    public string PodBinding { get; set; } = "masquerade";

    /// <summary>NADs to attach, <c>namespace/name</c>, in order.</summary>
    public List<string> Nads { get; set; } = [];

    public string SecondaryBinding { get; set; } = "bridge";

    public string Memory { get; set; } = "128Mi";

    /// <summary>The guest-side network name of a NAD: its name, made unique by a counter when two share one.</summary>
    private IEnumerable<(string NetworkName, string Nad)> Secondary() =>
        Nads.Select((nad, i) => (Nads.Take(i).Any(n => n.Split('/')[^1] == nad.Split('/')[^1]) ? $"{nad.Split('/')[^1]}-{i}" : nad.Split('/')[^1], nad));

    public JsonObject ToVirtualMachine()
    {
        var interfaces = new JsonArray();
        var networks = new JsonArray();
        if (PodNetwork)
        {
            interfaces.Add(new JsonObject { ["name"] = "default", [PodBinding] = new JsonObject() });
            networks.Add(new JsonObject { ["name"] = "default", ["pod"] = new JsonObject() });
        }

        foreach (var (name, nad) in Secondary())
        {
            interfaces.Add(new JsonObject { ["name"] = name, [SecondaryBinding] = new JsonObject() });
            networks.Add(new JsonObject { ["name"] = name, ["multus"] = new JsonObject { ["networkName"] = nad } });
        }

        return new JsonObject
        {
            ["apiVersion"] = KubeVirtConstants.ApiVersion,
            ["kind"] = KubeVirtConstants.VmKind,
            ["metadata"] = new JsonObject { ["name"] = Name.Trim(), ["namespace"] = Namespace.Trim() },
            ["spec"] = new JsonObject
            {
                ["runStrategy"] = "Always",
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [KubeVirtConstants.VmNameLabel] = Name.Trim() } },
                    ["spec"] = new JsonObject
                    {
                        ["domain"] = new JsonObject
                        {
                            ["devices"] = new JsonObject
                            {
                                ["interfaces"] = interfaces,
                                ["disks"] = new JsonArray(new JsonObject { ["name"] = "containerdisk", ["disk"] = new JsonObject { ["bus"] = "virtio" } }),
                            },
                            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["memory"] = Memory.Trim() } },
                        },
                        ["networks"] = networks,
                        ["volumes"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "containerdisk", ["containerDisk"] = new JsonObject { ["image"] = DiskImage },
                        }),
                    },
                },
            },
        };
    }

    /// <summary>Every problem, on the form's field paths: name and namespace, no network at all, memory, then KubeVirt's networking rules.</summary>
    public IReadOnlyList<FieldViolation> Validate()
    {
        var errors = new List<FieldViolation>();
        if (NetworkValidator.CheckDns1123Label(Name.Trim()) is { } name)
        {
            errors.Add(new(NetworkValidator.NameField, string.IsNullOrWhiteSpace(Name) ? FieldReasons.Required : FieldReasons.Invalid, name));
        }

        if (NetworkValidator.CheckDns1123Label(Namespace.Trim()) is { } ns)
        {
            errors.Add(new(NamespaceField, string.IsNullOrWhiteSpace(Namespace) ? FieldReasons.Required : FieldReasons.Invalid, ns));
        }

        if (!PodNetwork && Nads.Count == 0)
        {
            errors.Add(new(NetworksField, FieldReasons.Required, "Attach the pod network or at least one network"));
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Memory.Trim(), "^[0-9]+(Ki|Mi|Gi|K|M|G)?$"))
        {
            errors.Add(new(MemoryField, FieldReasons.Invalid, "A quantity such as 128Mi or 1Gi"));
        }

        var spec = KubernetesJson.Deserialize<VirtualMachineInstanceSpec>(ToVirtualMachine()["spec"]!["template"]!["spec"]!.ToJsonString());
        errors.AddRange(VmNetworkValidator.Validate(spec, "spec.template.spec"));
        return errors;
    }
}
