using System.Text.Json.Nodes;
using System.Text;
using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

/// <summary>Helpers to read and write Networks through the generic custom-object API.</summary>
internal static class NetworkJson
{
    public static async Task<V3Network> CreateAsync(IKubernetes client, V3Network network, CancellationToken cancellationToken)
    {
        var created = await client.CustomObjects.CreateClusterCustomObjectAsync(network, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, cancellationToken: cancellationToken);
        return ToNetwork(created);
    }

    public static async Task<V3Network> GetAsync(IKubernetes client, string name, CancellationToken cancellationToken) =>
        ToNetwork(await client.CustomObjects.GetClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken));

    public static V3Network ToNetwork(object value) => KubernetesJson.Deserialize<V3Network>(KubernetesJson.Serialize(value));

    public static StringContent Body(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static string NetworkBody(string name, string vniJson, string range) =>
        new JsonObject
        {
            ["apiVersion"] = CrdConstants.NetworkApiVersion,
            ["kind"] = CrdConstants.NetworkKind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["vni"] = JsonNode.Parse(vniJson), ["range"] = range },
        }.ToJsonString();
}
