using Multinet.Shared.Crds;
namespace Multinet.Web.Cluster;

/// <summary>A kind of object the console edits as YAML: where it lives on the API.</summary>
public sealed record ManagedKind(string ApiVersion, string Kind, string Plural, bool Namespaced)
{
    public static ManagedKind Network { get; } = new(CrdConstants.NetworkApiVersion, CrdConstants.NetworkKind, CrdConstants.NetworkPlural, false);

    public static ManagedKind NetworkAttachmentDefinition { get; } = new(CniConstants.NadApiVersion, CniConstants.NadKind, CniConstants.NadPlural, true);

    public static ManagedKind CalicoNetworkPolicy { get; } = new(CniConstants.PolicyApiVersion, CniConstants.PolicyKind, CniConstants.PolicyPlural, true);

    public static ManagedKind IpPool { get; } = new(CniConstants.IpPoolApiVersion, CniConstants.IpPoolKind, CniConstants.IpPoolPlural, true);

    public static ManagedKind Service { get; } = new("v1", "Service", "services", true);

    public static ManagedKind VirtualMachine { get; } = new(KubeVirtConstants.ApiVersion, KubeVirtConstants.VmKind, KubeVirtConstants.VmPlural, true);

    public static ManagedKind VirtualMachineInstance { get; } = new(KubeVirtConstants.ApiVersion, KubeVirtConstants.VmiKind, KubeVirtConstants.VmiPlural, true);

    public static IReadOnlyList<ManagedKind> All { get; } = [Network, NetworkAttachmentDefinition, CalicoNetworkPolicy, IpPool, Service, VirtualMachine, VirtualMachineInstance];

    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Version => ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The kind an object names with apiVersion and kind, or null when the console does not manage it.</summary>
    public static ManagedKind? Find(string? apiVersion, string? kind) =>
        All.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);

    /// <summary>By kind name alone, case-insensitively (<c>network</c>, <c>nad</c>, <c>service</c>...), as URLs spell it.</summary>
    public static ManagedKind? FindByName(string? name) => name?.ToLowerInvariant() switch
    {
        "network" or "networks" => Network,
        "networkattachmentdefinition" or "network-attachment-definitions" or "nad" => NetworkAttachmentDefinition,
        "networkpolicy" or "networkpolicies" or "policy" => CalicoNetworkPolicy,
        "ippool" or "ippools" => IpPool,
        "service" or "services" or "svc" => Service,
        "virtualmachine" or "virtualmachines" or "vm" => VirtualMachine,
        "virtualmachineinstance" or "virtualmachineinstances" or "vmi" => VirtualMachineInstance,
        _ => null,
    };
}

/// <summary>One object on the API: its kind, namespace (null for cluster-scoped kinds) and name.</summary>
public sealed record ObjectRef(ManagedKind Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind.Kind}/{Name}" : $"{Kind.Kind} {Namespace}/{Name}";
}
