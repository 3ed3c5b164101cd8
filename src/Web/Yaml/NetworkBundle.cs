using System.Text.Json.Nodes;
using System.Text.Json;
using Multinet.Kube.Yaml;
using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

/// <summary>
/// A Network with everything that belongs to it — the NADs whose calico plugin names it, the network-aware Services
/// on it, the Calico policies with rules scoped to it — as one file that <c>kubectl apply -f</c> recreates elsewhere.
/// Server-assigned fields (uid, resourceVersion, timestamps, managedFields, status, cluster IPs) are left out.
/// </summary>
public static class NetworkBundle
{
    public const string NetworkAnnotation = "extensions.projectcalico.org/network";

    public static async Task<string?> BuildAsync(IKubeObjectClient objects, string network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentException.ThrowIfNullOrEmpty(network);
        var root = await objects.GetAsync(new ObjectRef(ManagedKind.Network, null, network), cancellationToken);
        if (root is null)
        {
            return null;
        }

        root["apiVersion"] ??= ManagedKind.Network.ApiVersion;
        root["kind"] ??= ManagedKind.Network.Kind;
        var nads = (await objects.ListAsync(ManagedKind.NetworkAttachmentDefinition, cancellationToken)).Where(n => NadNames(n, network));
        var services = (await objects.ListAsync(ManagedKind.Service, cancellationToken))
            .Where(s => s["metadata"]?["annotations"]?[NetworkAnnotation]?.GetValue<string>() == network);
        var policies = (await objects.ListAsync(ManagedKind.CalicoNetworkPolicy, cancellationToken)).Where(p => PolicyScopes(p, network));

        var documents = new List<JsonObject> { Clean(root) };
        documents.AddRange(Ordered(nads).Select(Clean));
        documents.AddRange(Ordered(services).Select(Clean));
        documents.AddRange(Ordered(policies).Select(Clean));
        return $"# Network {network} and what belongs to it: kubectl apply -f this file.\n" + YamlText.ToYaml(documents);
    }

    /// <summary>True when the NAD's CNI config has a plugin whose dataplane_options.network_name (or whereabouts network) is the network.</summary>
    public static bool NadNames(JsonObject nad, string network)
    {
        ArgumentNullException.ThrowIfNull(nad);
        if (nad["spec"]?["config"] is not JsonValue value || !value.TryGetValue<string>(out var config))
        {
            return false;
        }

        try
        {
            var parsed = JsonNode.Parse(config) as JsonObject;
            var plugins = parsed?["plugins"] is JsonArray list ? list.OfType<JsonObject>() : parsed is null ? [] : [parsed];
            return plugins.Any(p => Text(p["dataplane_options"]?["network_name"]) == network
                || (Text(p["type"]) == "calico" && Text(p["ipam"]?["network"]) == network));
        }
        catch (JsonException)
        {
            return false; // invalid config names nothing; the NADs page reports it
        }
    }

    private static bool PolicyScopes(JsonObject policy, string network) =>
        new[] { "ingress", "egress" }.SelectMany(direction => policy["spec"]?[direction] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Any(rule => Text(rule["metadata"]?["annotations"]?[NetworkAnnotation]) == network);

    private static IEnumerable<JsonObject> Ordered(IEnumerable<JsonObject> items) =>
        items.OrderBy(i => Text(i["metadata"]?["namespace"]), StringComparer.Ordinal).ThenBy(i => Text(i["metadata"]?["name"]), StringComparer.Ordinal);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Clean(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "selfLink" })
            {
                metadata.Remove(field);
            }
        }

        if (copy["kind"]?.GetValue<string>() == ManagedKind.Service.Kind && copy["spec"] is JsonObject spec)
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
        }

        return copy;
    }
}
