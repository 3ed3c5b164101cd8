using System.Text.Json;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

public static partial class ClusterViewProjection
{
    private const string ConfigField = "spec.config";
    private const string CalicoPluginType = "calico";

    /// <summary>
    /// A NAD with its CNI config read: a plugin list (<c>plugins</c>) or a single plugin. For ours, the calico plugin's
    /// <c>dataplane_options.network_name</c> and <c>ipam.type</c>; other NADs keep their first plugin's type and no network.
    /// </summary>
    public static ClusterNad ToNad(V1NetworkAttachmentDefinition nad)
    {
        ArgumentNullException.ThrowIfNull(nad);
        return ParseNad(nad) with
        {
            LastManager = FieldManagers.LastWriter(nad.Metadata),
            Routes = Ipam.NadIpamConfig.Parse(nad.Spec?.Config).Config?.Routes ?? [],
        };
    }

    private static ClusterNad ParseNad(V1NetworkAttachmentDefinition nad)
    {
        var ns = nad.Metadata?.NamespaceProperty ?? "default";
        var name = nad.Metadata?.Name ?? "";
        var config = nad.Spec?.Config;
        if (string.IsNullOrWhiteSpace(config))
        {
            return new ClusterNad(ns, name, null, null, null, $"{ConfigField}: Required value: a CNI configuration as a JSON string.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(config);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            return new ClusterNad(ns, name, null, null, null, $"{ConfigField}: not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ClusterNad(ns, name, null, null, null, $"{ConfigField}: must be a JSON object (a CNI plugin or a plugin list).");
            }

            if (!root.TryGetProperty("plugins", out var plugins))
            {
                return FromPlugin(ns, name, root, ConfigField);
            }

            if (plugins.ValueKind != JsonValueKind.Array || plugins.GetArrayLength() == 0)
            {
                return new ClusterNad(ns, name, null, null, null, $"{ConfigField}.plugins: must be a non-empty list of CNI plugins.");
            }

            var index = 0;
            var first = -1;
            foreach (var plugin in plugins.EnumerateArray())
            {
                var path = $"{ConfigField}.plugins[{index}]";
                if (plugin.ValueKind != JsonValueKind.Object)
                {
                    return new ClusterNad(ns, name, null, null, null, $"{path}: must be an object with a \"type\".");
                }

                if (Text(plugin, "type") == CalicoPluginType)
                {
                    return FromPlugin(ns, name, plugin, path);
                }

                first = first < 0 ? index : first;
                index++;
            }

            return FromPlugin(ns, name, plugins[first], $"{ConfigField}.plugins[{first}]");
        }
    }

    private static ClusterNad FromPlugin(string ns, string name, JsonElement plugin, string path)
    {
        if (!plugin.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not { Length: > 0 } type)
        {
            return new ClusterNad(ns, name, null, null, null, $"{path}.type: Required value: the CNI plugin type, e.g. \"calico\".");
        }

        var ipamType = plugin.TryGetProperty("ipam", out var ipam) && ipam.ValueKind == JsonValueKind.Object ? Text(ipam, "type") : null;
        if (type != CalicoPluginType)
        {
            return new ClusterNad(ns, name, null, type, ipamType, null);
        }

        if (!plugin.TryGetProperty("dataplane_options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return new ClusterNad(ns, name, null, type, ipamType, null); // calico on the default network
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            return new ClusterNad(ns, name, null, type, ipamType, $"{path}.dataplane_options: must be an object such as {{\"network_name\": \"blue\"}}.");
        }

        if (!options.TryGetProperty("network_name", out var network) || network.ValueKind == JsonValueKind.Null)
        {
            return new ClusterNad(ns, name, null, type, ipamType, null);
        }

        return network.ValueKind == JsonValueKind.String && network.GetString() is { Length: > 0 } networkName
            ? new ClusterNad(ns, name, networkName, type, ipamType, null) { Mtu = plugin.TryGetProperty("mtu", out var mtu) && mtu.ValueKind == JsonValueKind.Number && mtu.TryGetInt32(out var value) && value > 0 ? value : null }
            : new ClusterNad(ns, name, null, type, ipamType, $"{path}.dataplane_options.network_name: must be the name of a Network, not {Describe(network)}.");
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.String ? "an empty string" : value.ValueKind.ToString().ToLowerInvariant();
}
