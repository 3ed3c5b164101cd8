using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.UnitTests.Shared.Validation;

public sealed class VmNetworkValidatorTests
{
    private static VirtualMachineInstanceSpec Spec(string json) => KubernetesJson.Deserialize<VirtualMachineInstanceSpec>(json);

    [Fact]
    public void PodAndMultusNetworks_WithMatchingInterfaces_AreValid()
    {
        var spec = Spec("""
            {"networks":[{"name":"default","pod":{}},{"name":"blue","multus":{"networkName":"default/network-blue-conf"}}],
             "domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},{"name":"blue","bridge":{}}]}}}
            """);

        Assert.Empty(VmNetworkValidator.Validate(spec, "spec"));
    }

    [Fact]
    public void EachMistake_IsReportedOnItsField()
    {
        var spec = Spec("""
            {"networks":[{"name":"default","pod":{}},{"name":"blue","multus":{"networkName":""}},{"name":"red","pod":{},"multus":{"networkName":"r"}}],
             "domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},{"name":"blue","masquerade":{}},{"name":"green","bridge":{},"sriov":{}}]}}}
            """);

        var errors = VmNetworkValidator.Validate(spec, "spec.template.spec").Select(e => (e.Field, e.Reason)).ToList();

        Assert.Equal(
        [
            ("spec.template.spec.networks[1].multus.networkName", FieldReasons.Required),
            ("spec.template.spec.networks[2]", FieldReasons.Invalid),
            ("spec.template.spec.networks", FieldReasons.Invalid),
            ("spec.template.spec.domain.devices.interfaces[1].masquerade", FieldReasons.Invalid),
            ("spec.template.spec.domain.devices.interfaces[2].name", "FieldValueNotFound"),
            ("spec.template.spec.domain.devices.interfaces[2]", FieldReasons.Invalid),
            ("spec.template.spec.networks[2].name", "FieldValueNotFound"),
        ], errors);
    }
}
