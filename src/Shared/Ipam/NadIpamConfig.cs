using System.Text.Json;

namespace Multinet.Shared.Ipam;

/// <summary>
/// What a NetworkAttachmentDefinition's CNI configuration (<c>spec.config</c>, a single plugin or a plugin list) says
/// about addressing: the calico plugin's <c>dataplane_options.network_name</c> (addresses come from that Network's
/// range), the IPAM type, and a Whereabouts <c>range</c> for NADs that are not ours.
/// </summary>
public sealed record NadIpamConfig(string? NetworkName, string? IpamType, string? IpamRange)
{
    public const string Whereabouts = "whereabouts";

    /// <summary>Parses <c>spec.config</c>; the error says what is wrong with it, for the pod's event.</summary>
    public static (NadIpamConfig? Config, string? Error) Parse(string? config)
    {
        if (string.IsNullOrWhiteSpace(config))
        {
            return (null, "spec.config is empty: a CNI configuration is needed.");
        }

        try
        {
            using var document = JsonDocument.Parse(config);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "spec.config must be a JSON object.");
            }

            var plugins = root.TryGetProperty("plugins", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray()]
                : new[] { root };
            foreach (var plugin in plugins.Where(p => p.ValueKind == JsonValueKind.Object))
            {
                var ipam = plugin.TryGetProperty("ipam", out var i) && i.ValueKind == JsonValueKind.Object ? i : (JsonElement?)null;
                var ipamType = ipam is { } ip ? String(ip, "type") : null;
                var ipamRange = ipam is { } r ? String(r, "range") : null;
                if (String(plugin, "type") == "calico")
                {
                    var network = plugin.TryGetProperty("dataplane_options", out var options) && options.ValueKind == JsonValueKind.Object
                        ? String(options, "network_name")
                        : null;
                    if (string.IsNullOrEmpty(network) && ipamRange is null)
                    {
                        return (null, "the calico plugin has no dataplane_options.network_name (and its ipam no range): no Network to take addresses from.");
                    }

                    return (new NadIpamConfig(string.IsNullOrEmpty(network) ? null : network, ipamType, ipamRange), null);
                }

                if (ipamType is not null)
                {
                    if (ipamType == Whereabouts && ipamRange is null)
                    {
                        return (null, "the whereabouts ipam has no range.");
                    }

                    return (new NadIpamConfig(null, ipamType, ipamRange), null);
                }
            }

            return (new NadIpamConfig(null, null, null), null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            return (null, $"spec.config is not valid JSON: {ex.Message}");
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
