using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>What a VirtualMachine's run strategy asks of its VMI right now.</summary>
internal enum VmAction
{
    None,
    Create,
    Delete,
}

/// <summary>
/// KubeVirt's run strategies as far as they concern whether the VMI exists: Always keeps one (a finished one is
/// replaced), RerunOnFailure keeps one until it succeeds (a failed one is replaced), Halted keeps none, Manual and
/// WaitAsReceiver leave it to the start/stop subresources (not served here), Once starts one a single time.
/// <c>running: true/false</c> is Always/Halted.
/// </summary>
internal static class VmRunStrategy
{
    public static VmAction Decide(V1VirtualMachine vm, V1VirtualMachineInstance? vmi)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var phase = vmi?.Status?.Phase;
        return vm.Spec.EffectiveRunStrategy switch
        {
            "Always" when vmi is null => VmAction.Create,
            "Always" when phase is "Succeeded" or "Failed" => VmAction.Delete,
            "RerunOnFailure" when vmi is null => vm.Status?.PrintableStatus == "Succeeded" ? VmAction.None : VmAction.Create,
            "RerunOnFailure" when phase is "Failed" => VmAction.Delete,
            "Once" when vmi is null && vm.Status is null => VmAction.Create,
            "Halted" when vmi is not null => VmAction.Delete,
            _ => VmAction.None,
        };
    }

    /// <summary>The VirtualMachine's status for its VMI (or the lack of one).</summary>
    public static VirtualMachineStatus StatusOf(V1VirtualMachine vm, V1VirtualMachineInstance? vmi)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var printable = vmi?.Status?.Phase switch
        {
            null when vmi is null => vm.Status?.PrintableStatus is "Succeeded" ? "Succeeded" : "Stopped",
            "Running" => "Running",
            "Succeeded" => "Succeeded",
            "Failed" => "Stopped",
            _ => "Starting",
        };
        return new VirtualMachineStatus { PrintableStatus = printable, Created = vmi is not null, Ready = vmi?.Status?.Phase == "Running" };
    }
}
