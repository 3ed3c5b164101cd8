using System.Net;
using System.Text.Json.Nodes;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// Gives a new Service a cluster IP the way kube-apiserver does: from the service range (here 10.96.0.0/16, the
/// kubeadm default's first /16), the first free one from .10, unless the Service asks for one, is headless
/// (<c>None</c>) or is an ExternalName. A requested address that is taken or outside the range is refused.
/// </summary>
internal static class ServiceClusterIps
{
    public static readonly IPNetwork Range = IPNetwork.Parse("10.96.0.0/16");

    public static IReadOnlyList<FieldViolation> Assign(JsonObject service, IReadOnlyList<JsonObject> existing)
    {
        var spec = service["spec"] as JsonObject ?? [];
        service["spec"] = spec;
        var type = spec["type"]?.GetValue<string>() ?? "ClusterIP";
        spec["type"] = type;
        if (type == "ExternalName")
        {
            return [];
        }

        var used = existing.Select(s => s["spec"]?["clusterIP"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var requested = spec["clusterIP"]?.GetValue<string>();
        if (requested == "None")
        {
            spec["clusterIPs"] = new JsonArray("None");
            return [];
        }

        if (!string.IsNullOrEmpty(requested))
        {
            if (!IPAddress.TryParse(requested, out var address) || !Range.Contains(address))
            {
                return [new("spec.clusterIP", FieldReasons.Invalid, $"Invalid value: \"{requested}\": provided IP is not in the valid range. The range of valid IPs is {Range}")];
            }

            if (used.Contains(requested))
            {
                return [new("spec.clusterIP", FieldReasons.Invalid, $"Invalid value: \"{requested}\": provided IP is already allocated")];
            }
        }
        else if (Free(used) is { } free)
        {
            requested = free;
        }
        else
        {
            return [new("spec.clusterIP", FieldReasons.Invalid, $"Internal error: range {Range} is full")];
        }

        spec["clusterIP"] = requested;
        spec["clusterIPs"] = new JsonArray(requested);
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        return [];
    }

    private static string? Free(HashSet<string> used)
    {
        var bytes = Range.BaseAddress.GetAddressBytes();
        for (var i = 10; i < 65535; i++)
        {
            bytes[2] = (byte)(i >> 8);
            bytes[3] = (byte)(i & 0xFF);
            var candidate = new IPAddress(bytes).ToString();
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
