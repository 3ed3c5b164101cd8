using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s.Models;
using Multinet.Shared.Annotations;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>
/// The virt-launcher pod KubeVirt's virt-controller makes for a VirtualMachineInstance: the VMI's labels plus
/// <c>kubevirt.io=virt-launcher</c> and <c>kubevirt.io/created-by=&lt;uid&gt;</c>, owned by the VMI, and for each Multus
/// network of the VMI an entry of <c>k8s.v1.cni.cncf.io/networks</c> (JSON list form) with KubeVirt's hashed pod interface
/// name and the interface's MAC when the VMI asks for one. The pod network needs no entry: it is the pod's eth0.
/// </summary>
internal static class VirtLauncherPod
{
    public const string ComputeImage = "quay.io/kubevirt/virt-launcher:v1.5.0";

    /// <summary>The launcher pod's name: <c>virt-launcher-&lt;vmi&gt;-&lt;5 characters from the VMI's uid&gt;</c>.</summary>
    public static string NameOf(V1VirtualMachineInstance vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(vmi.Metadata.Uid ?? vmi.Metadata.Name));
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var suffix = new string([.. hash.Take(5).Select(b => Alphabet[b % Alphabet.Length])]);
        return $"{KubeVirtConstants.LauncherPrefix}{vmi.Metadata.Name}-{suffix}";
    }

    /// <summary>
    /// The pod-side interface name of a Multus network: KubeVirt's "pod" and the first 11 hex digits of the SHA-256 of
    /// the network's name, so a name never collides with eth0 nor exceeds the 15 characters of a Linux interface name.
    /// </summary>
    public static string PodInterfaceName(string networkName) =>
        "pod" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(networkName)))[..11];

    /// <summary>The <c>k8s.v1.cni.cncf.io/networks</c> value for the VMI's Multus networks, or null when it has none.</summary>
    public static string? NetworksAnnotation(V1VirtualMachineInstance vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        var interfaces = vmi.Spec.Domain?.Devices?.Interfaces ?? [];
        var entries = new List<Dictionary<string, string>>();
        foreach (var network in vmi.Spec.Networks ?? [])
        {
            if (network.Multus?.NetworkName is not { Length: > 0 } nad || network.Name is null)
            {
                continue;
            }

            var slash = nad.IndexOf('/', StringComparison.Ordinal);
            var entry = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["name"] = slash < 0 ? nad : nad[(slash + 1)..],
                ["namespace"] = slash < 0 ? vmi.Metadata.NamespaceProperty ?? "default" : nad[..slash],
                ["interface"] = PodInterfaceName(network.Name),
            };
            if (interfaces.FirstOrDefault(i => i.Name == network.Name)?.MacAddress is { Length: > 0 } mac)
            {
                entry["mac"] = mac;
            }

            entries.Add(entry);
        }

        return entries.Count == 0 ? null : JsonSerializer.Serialize(entries);
    }

    public static V1Pod Build(V1VirtualMachineInstance vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        var labels = new Dictionary<string, string>(vmi.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [KubeVirtConstants.AppLabel] = KubeVirtConstants.LauncherLabelValue,
            [KubeVirtConstants.CreatedByLabel] = vmi.Metadata.Uid ?? "",
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [KubeVirtConstants.DomainAnnotation] = vmi.Metadata.Name };
        if (NetworksAnnotation(vmi) is { } networks)
        {
            annotations[NetworkSelectionParser.AnnotationKey] = networks;
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = NameOf(vmi),
                NamespaceProperty = vmi.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = KubeVirtConstants.ApiVersion, Kind = KubeVirtConstants.VmiKind, Name = vmi.Metadata.Name,
                        Uid = vmi.Metadata.Uid, Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "compute", Image = ComputeImage }],
                RestartPolicy = "Never",
            },
        };
    }

    /// <summary>Whether <paramref name="pod"/> is a launcher pod, and of which VMI (by uid).</summary>
    public static string? CreatedBy(V1Pod pod) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(KubeVirtConstants.AppLabel, out var app) && app == KubeVirtConstants.LauncherLabelValue
            && labels.TryGetValue(KubeVirtConstants.CreatedByLabel, out var uid) ? uid : null;
}
