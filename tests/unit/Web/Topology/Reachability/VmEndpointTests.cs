using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Web.State;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>A VM as a reachability endpoint: <c>vm/ns/name@net</c> is answered through its virt-launcher pod's interface.</summary>
public sealed class VmEndpointTests
{
    private static readonly ReachabilityService s_service = new(new LiveState(new FakeTimeProvider(ReachabilityScenario.Now)), new FakeTimeProvider(ReachabilityScenario.Now));

    /// <summary>The healthy scenario with pod a on node-1 being the launcher of VM vm-a.</summary>
    private static LiveSnapshot WithVmA()
    {
        var snapshot = ReachabilityScenario.Healthy();
        var launcher = snapshot.Objects.Pods["default/a"] with
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add(KubeVirtConstants.AppLabel, KubeVirtConstants.LauncherLabelValue).Add(KubeVirtConstants.CreatedByLabel, "uid-a"),
        };
        var vmi = new ClusterVmi("default", "vm-a") { Uid = "uid-a", Phase = "Running", NodeName = "node-1" };
        return snapshot with
        {
            Objects = snapshot.Objects with
            {
                Pods = snapshot.Objects.Pods.SetItem(launcher.Key, launcher),
                Vmis = snapshot.Objects.Vmis.SetItem(vmi.Key, vmi),
            },
        };
    }

    [Fact]
    public void Check_FromAVm_GivesItsLauncherPodsAnswer()
    {
        var snapshot = WithVmA();

        var vm = s_service.Check(snapshot, "vm/default/vm-a@blue", "pod/default/b@blue");
        var pod = s_service.Check(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.NotNull(vm.Answer);
        Assert.Equal(ReachabilityVerdict.Reachable, vm.Answer.Verdict);
        Assert.Equal(pod.Answer!.ElementIds, vm.Answer.ElementIds);
    }

    [Theory]
    [InlineData("vm/default/nope@blue", "\"vm/default/nope@blue\": there is no VirtualMachineInstance default/nope.")]
    [InlineData("vm/default/vm-a", "\"vm/default/vm-a\": a VM endpoint names its network: vm/default/vm-a@<network>.")]
    [InlineData("vm/vm-a@blue", "\"vm/vm-a@blue\" is not a VM endpoint: use vm/<namespace>/<name>@<network>.")]
    public void Check_WrongVm_IsAFieldErrorOnThatEnd(string to, string message)
    {
        var result = s_service.Check(WithVmA(), "pod/default/a@blue", to);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("to", message), (error.Field, error.Message));
    }
}
