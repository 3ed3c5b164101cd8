using Multinet.Shared.Cluster;

namespace Multinet.Web.Model;

/// <summary>
/// Whether KubeVirt would take a start, stop or restart of a VirtualMachine now, by its run strategy and its VMI (the
/// rules of virt-api's subresources): the reason it would refuse, or null. The buttons on the VMs page are disabled with
/// it; the API has the last word.
/// </summary>
public static class VmActionRules
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";

    public static IReadOnlyList<string> Actions { get; } = [Start, Stop, Restart];

    public static string? Refusal(string action, ClusterVm vm, ClusterVmi? vmi)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var final = vmi?.Phase is "Succeeded" or "Failed";
        var running = vmi is not null && !final && vmi.Phase is not (null or "" or "Unknown");
        var strategy = vm.RunStrategy;
        return action switch
        {
            Start when running => "The VM is already running.",
            Start when strategy is "Always" or "Once" => $"Run strategy {strategy} starts the VM by itself: it takes no manual start.",
            Start when strategy == "RerunOnFailure" && vmi?.Phase == "Failed" => "RerunOnFailure does not start a VM from the failed state.",
            Start => null,
            Stop when strategy is "Always" or "Once" => null,
            Stop when vmi is null || final => "The VM is not running.",
            Stop when strategy == "Halted" => "Run strategy Halted takes only a stop with a shorter grace period.",
            Stop => null,
            Restart when strategy is "Halted" or "Once" => $"Run strategy {strategy} takes no manual restart.",
            Restart when vmi is null => "The VM is not running.",
            Restart => null,
            _ => $"Unknown action {action}.",
        };
    }
}
