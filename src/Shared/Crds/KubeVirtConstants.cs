namespace Multinet.Shared.Crds;

/// <summary>
/// Names of KubeVirt's kinds (kubevirt.io/v1) and of the labels and annotations the virt-controller puts on a
/// virtual machine's virt-launcher pod. The one place they are spelled.
/// </summary>
public static class KubeVirtConstants
{
    public const string Group = "kubevirt.io";
    public const string Version = "v1";
    public const string ApiVersion = Group + "/" + Version;

    public const string VmiKind = "VirtualMachineInstance";
    public const string VmiPlural = "virtualmachineinstances";
    public const string VmiSingular = "virtualmachineinstance";

    public const string VmKind = "VirtualMachine";
    public const string VmPlural = "virtualmachines";
    public const string VmSingular = "virtualmachine";

    /// <summary>On a virt-launcher pod: <c>kubevirt.io=virt-launcher</c>.</summary>
    public const string AppLabel = "kubevirt.io";

    public const string LauncherLabelValue = "virt-launcher";

    /// <summary>On a virt-launcher pod: the uid of the VirtualMachineInstance it runs.</summary>
    public const string CreatedByLabel = "kubevirt.io/created-by";

    /// <summary>On a virt-launcher pod: the name of the VirtualMachineInstance it runs.</summary>
    public const string DomainAnnotation = "kubevirt.io/domain";

    /// <summary>On a VirtualMachineInstance a VirtualMachine created: the VirtualMachine's name (KubeVirt's <c>vm.kubevirt.io/name</c>).</summary>
    public const string VmNameLabel = "vm.kubevirt.io/name";

    /// <summary>The virt-launcher pod's name prefix: <c>virt-launcher-&lt;vmi&gt;-&lt;suffix&gt;</c>.</summary>
    public const string LauncherPrefix = "virt-launcher-";

    /// <summary>Where an interface's addresses came from, as KubeVirt reports it: the pod's network status here.</summary>
    public const string InfoSourceDomain = "domain";

    public const string InfoSourceMultusStatus = "multus-status";

    public const string InfoSourceGuestAgent = "guest-agent";
}
