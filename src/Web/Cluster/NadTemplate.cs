using System.Text.Json.Nodes;

namespace Multinet.Web.Cluster;

/// <summary>
/// The NetworkAttachmentDefinition a new Network gets when the console creates both: a plugin list whose calico plugin
/// names the Network in <c>dataplane_options.network_name</c> with Whereabouts IPAM, as in the project's examples.
/// </summary>
public static class NadTemplate
{
    public const string Namespace = "default";

    public static string NameFor(string network) => $"network-{network}-conf";

    public static JsonObject For(string network)
    {
        ArgumentException.ThrowIfNullOrEmpty(network);
        var config = new JsonObject
        {
            ["name"] = $"network-{network}",
            ["cniVersion"] = "0.3.0",
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["type"] = "calico",
                ["ipam"] = new JsonObject { ["type"] = "whereabouts", ["network"] = network },
                ["dataplane_options"] = new JsonObject { ["type"] = "grpc", ["network_name"] = network },
            }),
        };
        return new JsonObject
        {
            ["apiVersion"] = ManagedKind.NetworkAttachmentDefinition.ApiVersion,
            ["kind"] = ManagedKind.NetworkAttachmentDefinition.Kind,
            ["metadata"] = new JsonObject { ["name"] = NameFor(network), ["namespace"] = Namespace },
            ["spec"] = new JsonObject { ["config"] = config.ToJsonString() },
        };
    }
}
