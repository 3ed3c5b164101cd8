using k8s;
using Multinet.Shared.Crds;
using Multinet.Web.Model;

namespace Multinet.UnitTests.Web.Model;

public sealed class VmFormModelTests
{
    [Fact]
    public void ToVirtualMachine_WritesAnOrdinaryVmWithThePodNetworkAndEachNad()
    {
        var form = new VmFormModel { Name = "vm-blue", Namespace = "default", PodBinding = "masquerade", SecondaryBinding = "sriov", Nads = ["default/network-blue-conf", "other/network-blue-conf"] };

        var vm = KubernetesJson.Deserialize<V1VirtualMachine>(form.ToVirtualMachine().ToJsonString());

        Assert.Equal(("kubevirt.io/v1", "VirtualMachine", "vm-blue", "default"), (vm.ApiVersion, vm.Kind, vm.Metadata.Name, vm.Metadata.NamespaceProperty));
        Assert.Equal("Always", vm.Spec.EffectiveRunStrategy);
        var spec = vm.Spec.Template!.Spec!;
        Assert.Equal([("default", (string?)null), ("network-blue-conf", "default/network-blue-conf"), ("network-blue-conf-1", "other/network-blue-conf")],
            spec.Networks!.Select(n => (n.Name!, n.Multus?.NetworkName)));
        Assert.Equal([("default", "masquerade"), ("network-blue-conf", "sriov"), ("network-blue-conf-1", "sriov")],
            spec.Domain!.Devices!.Interfaces!.Select(i => (i.Name!, i.Binding!)));
        Assert.Empty(form.Validate());
    }

    [Fact]
    public void Validate_NamesEachBadField()
    {
        var form = new VmFormModel { Name = "Bad_Name", Namespace = "", PodNetwork = false, Memory = "lots" };

        var fields = form.Validate().Select(e => e.Field).ToList();

        Assert.Equal(["metadata.name", VmFormModel.NamespaceField, VmFormModel.NetworksField, VmFormModel.MemoryField], fields);
    }

    [Fact]
    public void Validate_MasqueradeOnThePodNetworkOnly()
    {
        var form = new VmFormModel { Name = "vm", PodNetwork = false, SecondaryBinding = "masquerade", Nads = ["default/network-blue-conf"] };

        Assert.Equal("spec.template.spec.domain.devices.interfaces[0].masquerade", Assert.Single(form.Validate()).Field);
    }
}
