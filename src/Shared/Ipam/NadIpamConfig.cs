using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Ipam;

/// <summary>
/// What a NetworkAttachmentDefinition's CNI configuration (<c>spec.config</c>, a single plugin or a plugin list) says
/// about addressing: the calico plugin's <c>dataplane_options.network_name</c> (addresses come from that Network's
/// range), the IPAM type, a Whereabouts <c>range</c> for NADs that are not ours, the addresses the IPAM never hands
/// out (<c>ipam.excludeIps</c>, or Whereabouts' <c>ipam.exclude</c>) and CNI's <c>ipam.routes</c>.
/// </summary>
public sealed record NadIpamConfig(string? NetworkName, string? IpamType, string? IpamRange)
{
    public const string Whereabouts = "whereabouts";
    public const string ConfigField = "spec.config";

    /// <summary>The excluded entries as written; read against the range with <see cref="ExcludedAddresses.Parse"/>.</summary>
    public ImmutableArray<string> Exclude { get; init; } = [];

    /// <summary>Where <see cref="Exclude"/> was read, for field-precise errors (e.g. <c>spec.config.plugins[0].ipam.excludeIps</c>).</summary>
    public string ExcludeField { get; init; } = ConfigField;

    public ImmutableArray<NadRoute> Routes { get; init; } = [];

    /// <summary>Where <see cref="Routes"/> was read (e.g. <c>spec.config.plugins[0].ipam.routes</c>).</summary>
    public string RoutesField { get; init; } = ConfigField;

    /// <summary>Malformed <c>routes</c> or <c>exclude</c> entries, each at its path; the rest of the configuration stands.</summary>
    public ImmutableArray<FieldViolation> Problems { get; init; } = [];

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

            var isList = root.TryGetProperty("plugins", out var list) && list.ValueKind == JsonValueKind.Array;
            var plugins = isList ? [.. list.EnumerateArray()] : new[] { root };
            for (var index = 0; index < plugins.Length; index++)
            {
                var plugin = plugins[index];
                if (plugin.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var path = isList ? $"{ConfigField}.plugins[{index}]" : ConfigField;
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

                    return (WithIpamOptions(new NadIpamConfig(string.IsNullOrEmpty(network) ? null : network, ipamType, ipamRange), ipam, $"{path}.ipam"), null);
                }

                if (ipamType is not null)
                {
                    if (ipamType == Whereabouts && ipamRange is null)
                    {
                        return (null, "the whereabouts ipam has no range.");
                    }

                    return (WithIpamOptions(new NadIpamConfig(null, ipamType, ipamRange), ipam, $"{path}.ipam"), null);
                }
            }

            return (new NadIpamConfig(null, null, null), null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            return (null, $"spec.config is not valid JSON: {ex.Message}");
        }
    }

    private static NadIpamConfig WithIpamOptions(NadIpamConfig config, JsonElement? ipam, string path)
    {
        if (ipam is not { } element)
        {
            return config;
        }

        var problems = ImmutableArray.CreateBuilder<FieldViolation>();
        var excludeName = element.TryGetProperty("excludeIps", out _) ? "excludeIps" : "exclude";
        var exclude = ImmutableArray.CreateBuilder<string>();
        if (element.TryGetProperty(excludeName, out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new($"{path}.{excludeName}", FieldReasons.Invalid, "must be a list of addresses, a..b ranges or CIDRs."));
            }
            else
            {
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        exclude.Add(item.GetString()!);
                    }
                    else
                    {
                        problems.Add(new($"{path}.{excludeName}[{index}]", FieldReasons.Invalid, $"must be a string, not {Kind(item)}."));
                    }

                    index++;
                }
            }
        }

        var routes = ReadRoutes(element, $"{path}.routes", problems);
        return config with
        {
            Exclude = exclude.ToImmutable(), ExcludeField = $"{path}.{excludeName}",
            Routes = routes, RoutesField = $"{path}.routes", Problems = problems.ToImmutable(),
        };
    }

    private static ImmutableArray<NadRoute> ReadRoutes(JsonElement ipam, string path, ImmutableArray<FieldViolation>.Builder problems)
    {
        if (!ipam.TryGetProperty("routes", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(path, FieldReasons.Invalid, "must be a list of {\"dst\": \"10.0.0.0/8\", \"gw\": \"172.19.0.1\"} objects."));
            return [];
        }

        var routes = ImmutableArray.CreateBuilder<NadRoute>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(at, FieldReasons.Invalid, "must be an object such as {\"dst\": \"10.0.0.0/8\", \"gw\": \"172.19.0.1\"}."));
                continue;
            }

            var dstText = String(item, "dst");
            var gwText = String(item, "gw");
            IPNetwork dst = default;
            var ok = true;
            if (dstText is null)
            {
                problems.Add(new($"{at}.dst", FieldReasons.Required, "a destination CIDR such as 10.0.0.0/8 (0.0.0.0/0 for a default route) is needed."));
                ok = false;
            }
            else if (Cidr.Parse(dstText, out dst, out var dstError) is not CidrProblem.None)
            {
                problems.Add(new($"{at}.dst", FieldReasons.Invalid, dstError ?? $"\"{dstText}\" is not a CIDR."));
                ok = false;
            }

            IPAddress? gw = null;
            if (gwText is not null && !AddressAllocator.TryParseAddress(gwText, out gw))
            {
                problems.Add(new($"{at}.gw", FieldReasons.Invalid, $"\"{gwText}\" is not an IP address."));
                ok = false;
            }
            else if (gw is not null && ok && gw.AddressFamily != dst.BaseAddress.AddressFamily)
            {
                problems.Add(new($"{at}.gw", FieldReasons.Invalid, $"{gw} is not of the family of dst {dst}."));
                ok = false;
            }

            if (ok)
            {
                routes.Add(new NadRoute(dst, gw));
            }
        }

        return routes.ToImmutable();
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
