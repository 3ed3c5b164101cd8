using Multinet.Embedded;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Embedded;

public sealed class VmRunStrategyTests
{
    [Theory]
    [InlineData(true, null, null, "Create")]
    [InlineData(true, null, "Running", "None")]
    [InlineData(true, null, "Failed", "Delete")]
    [InlineData(true, null, "Succeeded", "Delete")]
    [InlineData(false, null, "Running", "Delete")]
    [InlineData(false, null, null, "None")]
    [InlineData(null, "Always", null, "Create")]
    [InlineData(null, "Halted", "Scheduling", "Delete")]
    [InlineData(null, "Manual", null, "None")]
    [InlineData(null, "Manual", "Running", "None")]
    [InlineData(null, "RerunOnFailure", "Failed", "Delete")]
    [InlineData(null, "RerunOnFailure", "Succeeded", "None")]
    [InlineData(null, "RerunOnFailure", null, "Create")]
    [InlineData(null, null, null, "None")]
    public void Decide_FollowsKubeVirtsRunStrategies(bool? running, string? strategy, string? vmiPhase, string expected)
    {
        var vm = new V1VirtualMachine { Spec = new VirtualMachineSpec { Running = running, RunStrategy = strategy } };
        var vmi = vmiPhase is null ? null : new V1VirtualMachineInstance { Status = new VirtualMachineInstanceStatus { Phase = vmiPhase } };

        Assert.Equal(expected, VmRunStrategy.Decide(vm, vmi).ToString());
    }

    [Fact]
    public void StatusOf_SaysStoppedStartingOrRunning()
    {
        var vm = new V1VirtualMachine();

        Assert.Equal(("Stopped", false, false), Printable(VmRunStrategy.StatusOf(vm, null)));
        Assert.Equal(("Starting", true, false), Printable(VmRunStrategy.StatusOf(vm, new V1VirtualMachineInstance { Status = new() { Phase = "Scheduling" } })));
        Assert.Equal(("Running", true, true), Printable(VmRunStrategy.StatusOf(vm, new V1VirtualMachineInstance { Status = new() { Phase = "Running" } })));
    }

    private static (string?, bool?, bool?) Printable(VirtualMachineStatus status) => (status.PrintableStatus, status.Created, status.Ready);
}
