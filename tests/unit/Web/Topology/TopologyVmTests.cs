using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

/// <summary>KubeVirt VMs on the graph: counted in their node's group, drawn as a VM (not as their launcher pod), linked to the VMs view.</summary>
public sealed class TopologyVmTests
{
    private static readonly TopologyQuery s_node1Open = TopologyQuery.Default.ToggleGroup("blue", "node-001");

    private static Multinet.Web.State.LiveSnapshot WithVm() => TopologyStates.Mesh(2, "blue")
        .WithPod("default", "plain", "node-001", "blue").WithVm("default", "vmi-blue", "node-001", "blue");

    [Fact]
    public void Build_ExpandedNetwork_CountsTheVmApartFromPods()
    {
        var graph = TopologyGraph.Build(WithVm(), TopologyQuery.Default.ToggleExpanded("blue"));

        var group = graph[TopologyIds.Group("blue", "node-001")];
        Assert.Equal("1 pod · 1 VM", group.Label);
        Assert.Contains("has-vms", group.Classes, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExpandedGroup_DrawsTheVmWithItsInterfaceUnderTheLaunchersId()
    {
        var graph = TopologyGraph.Build(WithVm(), s_node1Open);

        var vm = graph[TopologyIds.Vm("default", "vmi-blue")];
        Assert.Equal((TopologyElementKind.Vm, "VM vmi-blue", "vm"), (vm.Kind, vm.Label, vm.Classes));
        Assert.DoesNotContain(TopologyIds.Pod("default", "virt-launcher-vmi-blue-abcde"), graph.Keys);
        var iface = graph[TopologyIds.Interface("default", "virt-launcher-vmi-blue-abcde", "blue")];
        Assert.Equal((vm.Id, TopologyIds.Node("node-001")), (iface.Source, iface.Target));
        Assert.Contains("vm", iface.Classes.Split(' '));
        Assert.Contains("guest eth1 (bridge)", iface.Hover, StringComparison.Ordinal);
        Assert.Equal("pending 10.0.0.77", iface.Label);
        Assert.Contains(graph.Values, e => e.Id == TopologyIds.Pod("default", "plain"));
    }

    [Fact]
    public void Diff_VmStopsRunning_RestylesTheVmInPlace()
    {
        var running = WithVm();
        var stopped = running with
        {
            Objects = running.Objects with
            {
                Vmis = running.Objects.Vmis.SetItem("default/vmi-blue", running.Objects.Vmis["default/vmi-blue"] with { Phase = "Failed" }),
            },
        };

        var diff = TopologyDiff.Between(TopologyGraph.Build(running, s_node1Open), TopologyGraph.Build(stopped, s_node1Open));

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        var vm = Assert.Single(diff.Restyled);
        Assert.Equal((TopologyIds.Vm("default", "vmi-blue"), "vm not-running"), (vm.Id, vm.Classes));
    }

    [Fact]
    public void Details_Vm_LinksToTheVmsViewAndItsLauncherPod()
    {
        var details = TopologyDetailsBuilder.Describe(WithVm(), TopologyIds.Vm("default", "vmi-blue"));

        Assert.NotNull(details);
        Assert.Equal("VM default/vmi-blue", details.Title);
        Assert.Contains(("Launcher pod", "virt-launcher-vmi-blue-abcde"), details.Rows);
        Assert.Contains(("eth1", "blue (bridge): 10.0.0.77"), details.Rows);
        Assert.Contains(("VM vmi-blue", "vms?q=vmi-blue"), details.Links);
        Assert.Contains(("Launcher pod virt-launcher-vmi-blue-abcde", "pods?namespace=default&q=virt-launcher-vmi-blue-abcde"), details.Links);
    }

    [Fact]
    public void Details_Group_CountsPodsAndVmsAndLinksToTheFilteredPods()
    {
        var details = TopologyDetailsBuilder.Describe(WithVm(), TopologyIds.Group("blue", "node-001"));

        Assert.NotNull(details);
        Assert.Equal([("Pods", "1"), ("VMs", "1")], details.Rows);
        Assert.Contains(("Its pods", "pods?network=blue&node=node-001"), details.Links);
    }

    [Fact]
    public void Search_VmByName_SelectsItAndExpandsItsNetworkAndNode()
    {
        var hit = TopologySearch.Find(WithVm(), "vmi-blue");

        Assert.Equal(new TopologySearch.Hit(TopologyIds.Vm("default", "vmi-blue"), "blue", "node-001"), hit);
    }
}
