using k8s.Models;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class NadProjectionTests
{
    private static ClusterNad Project(string? config) => ClusterViewProjection.ToNad(new V1NetworkAttachmentDefinition
    {
        Metadata = new V1ObjectMeta { Name = "network-blue-conf", NamespaceProperty = "default" },
        Spec = new NetworkAttachmentDefinitionSpec { Config = config },
    });

    [Fact]
    public void ToNad_CalicoPluginList_ReadsNetworkAndIpam()
    {
        var nad = Project("""
            { "name": "network-blue", "cniVersion": "0.3.0",
              "plugins": [ { "type": "calico", "ipam": { "type": "whereabouts", "network": "blue" },
                             "dataplane_options": { "type": "grpc", "network_name": "blue" } },
                           { "type": "portmap" } ] }
            """);

        Assert.Equal(new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null), nad);
        Assert.Equal("default/network-blue-conf", nad.Key);
    }

    [Fact]
    public void ToNad_SinglePlugin_IsReadToo()
    {
        var nad = Project("""{ "type": "calico", "ipam": { "type": "calico-ipam" }, "dataplane_options": { "network_name": "red" } }""");

        Assert.Equal(("red", "calico", "calico-ipam", (string?)null), (nad.NetworkName, nad.PluginType, nad.IpamType, nad.ConfigError));
    }

    [Fact]
    public void ToNad_NotOurs_KeepsTheTypeWithoutNetwork()
    {
        var nad = Project("""{ "cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "ipam": { "type": "host-local" } }""");

        Assert.Equal((null, "macvlan", "host-local", (string?)null), (nad.NetworkName, nad.PluginType, nad.IpamType, nad.ConfigError));
    }

    [Fact]
    public void ToNad_CalicoWithoutDataplaneOptions_IsTheDefaultNetwork()
    {
        var nad = Project("""{ "plugins": [ { "type": "calico" } ] }""");

        Assert.Null(nad.NetworkName);
        Assert.Null(nad.ConfigError);
    }

    [Theory]
    [InlineData(null, "spec.config: Required value: a CNI configuration as a JSON string.")]
    [InlineData("[1]", "spec.config: must be a JSON object (a CNI plugin or a plugin list).")]
    [InlineData("""{ "plugins": {} }""", "spec.config.plugins: must be a non-empty list of CNI plugins.")]
    [InlineData("""{ "plugins": [ 3 ] }""", "spec.config.plugins[0]: must be an object with a \"type\".")]
    [InlineData("""{ "name": "x" }""", "spec.config.type: Required value: the CNI plugin type, e.g. \"calico\".")]
    [InlineData("""{ "plugins": [ { "type": "calico", "dataplane_options": { "network_name": 5 } } ] }""",
        "spec.config.plugins[0].dataplane_options.network_name: must be the name of a Network, not number.")]
    public void ToNad_BadConfig_GivesAFieldPreciseError(string? config, string error)
    {
        Assert.Equal(error, Project(config).ConfigError);
    }

    [Fact]
    public void ToNad_InvalidJson_IsAnErrorNotAnException()
    {
        var nad = Project("""{ "plugins": [ { "type": "calico", """);

        Assert.StartsWith("spec.config: not valid JSON: ", nad.ConfigError, StringComparison.Ordinal);
        Assert.Null(nad.NetworkName);
    }
}
