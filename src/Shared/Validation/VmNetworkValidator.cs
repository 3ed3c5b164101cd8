using Multinet.Shared.Crds;

namespace Multinet.Shared.Validation;

/// <summary>
/// The networking rules KubeVirt's admission enforces on a VMI spec (and a VirtualMachine's template): every network
/// names exactly one source (<c>pod</c> or <c>multus</c>), at most one pod network, unique names, every interface
/// connects to a network of that name and every network has an interface, one binding per interface, masquerade
/// only on the pod network, a Multus network names its NAD. Errors carry the field path under <c>prefix</c>.
/// </summary>
public static class VmNetworkValidator
{
    public static IReadOnlyList<FieldViolation> Validate(VirtualMachineInstanceSpec? spec, string prefix)
    {
        var errors = new List<FieldViolation>();
        var networks = spec?.Networks ?? [];
        var interfaces = spec?.Domain?.Devices?.Interfaces ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var podNetworks = 0;
        for (var i = 0; i < networks.Count; i++)
        {
            var network = networks[i];
            var path = $"{prefix}.networks[{i}]";
            if (string.IsNullOrEmpty(network.Name))
            {
                errors.Add(new($"{path}.name", FieldReasons.Required, "Required value"));
            }
            else if (!names.Add(network.Name))
            {
                errors.Add(new($"{path}.name", FieldReasons.Duplicate, $"Duplicate value: \"{network.Name}\""));
            }

            var sources = (network.Pod is null ? 0 : 1) + (network.Multus is null ? 0 : 1);
            if (sources != 1)
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: a network must have exactly one source, pod or multus; it has {sources}"));
            }

            podNetworks += network.Pod is null ? 0 : 1;
            if (network.Multus is { } multus && string.IsNullOrWhiteSpace(multus.NetworkName))
            {
                errors.Add(new($"{path}.multus.networkName", FieldReasons.Required, "Required value: the NetworkAttachmentDefinition, name or namespace/name"));
            }
        }

        if (podNetworks > 1)
        {
            errors.Add(new($"{prefix}.networks", FieldReasons.Invalid, "Invalid value: more than one pod network"));
        }

        var connected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < interfaces.Count; i++)
        {
            var iface = interfaces[i];
            var path = $"{prefix}.domain.devices.interfaces[{i}]";
            var network = networks.FirstOrDefault(n => n.Name == iface.Name);
            if (string.IsNullOrEmpty(iface.Name))
            {
                errors.Add(new($"{path}.name", FieldReasons.Required, "Required value"));
            }
            else if (!connected.Add(iface.Name))
            {
                errors.Add(new($"{path}.name", FieldReasons.Duplicate, $"Duplicate value: \"{iface.Name}\""));
            }
            else if (network is null)
            {
                errors.Add(new($"{path}.name", "FieldValueNotFound", $"Not found: \"{iface.Name}\": no network of spec.networks has this name"));
            }

            var bindings = new[] { iface.Bridge, iface.Masquerade, iface.Sriov, iface.Slirp, iface.Passt }.Count(b => b is not null);
            if (bindings > 1)
            {
                errors.Add(new(path, FieldReasons.Invalid, "Invalid value: an interface has at most one binding (bridge, masquerade, sriov, slirp or passt)"));
            }

            if (iface.Masquerade is not null && network is { Pod: null })
            {
                errors.Add(new($"{path}.masquerade", FieldReasons.Invalid, "Invalid value: masquerade is only implemented for the pod network"));
            }
        }

        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i].Name is { Length: > 0 } name && interfaces.Count > 0 && !connected.Contains(name))
            {
                errors.Add(new($"{prefix}.networks[{i}].name", "FieldValueNotFound", $"Not found: \"{name}\": no interface of domain.devices.interfaces connects to this network"));
            }
        }

        return errors;
    }
}
