using k8s.Models;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Web.Topology.Reachability;

public sealed class NadMtuProjectionTests
{
    private static ClusterNad Project(string config) => ClusterViewProjection.ToNad(new V1NetworkAttachmentDefinition
    {
        Metadata = new V1ObjectMeta { Name = "blue-net", NamespaceProperty = "default" },
        Spec = new NetworkAttachmentDefinitionSpec { Config = config },
    });

    [Theory]
    [InlineData("""{ "type": "calico", "mtu": 1450, "dataplane_options": { "network_name": "blue" } }""", 1450)]
    [InlineData("""{ "type": "calico", "dataplane_options": { "network_name": "blue" } }""", null)]
    [InlineData("""{ "type": "calico", "mtu": "big", "dataplane_options": { "network_name": "blue" } }""", null)]
    [InlineData("""{ "type": "calico", "mtu": -1, "dataplane_options": { "network_name": "blue" } }""", null)]
    public void ToNad_ReadsThePluginsMtu_OnlyWhenItIsAPositiveNumber(string config, int? expected)
    {
        var nad = Project(config);

        Assert.Equal(("blue", expected, (string?)null), (nad.NetworkName, nad.Mtu, nad.ConfigError));
    }
}
