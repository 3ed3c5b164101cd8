using System.Collections.Immutable;
using k8s.Models;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

public static partial class ClusterViewProjection
{
    private const string SelectorField = "metadata.annotations[" + CniConstants.SelectorAnnotation + "]";

    /// <summary>
    /// A Service with its network annotations: the Network, the selector terms (all must match), its cluster IPs
    /// (without "None") and ports (the target port, or the port itself when the target is a name or absent).
    /// </summary>
    public static ClusterService ToService(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var network = Annotation(service.Metadata, CniConstants.NetworkAnnotation);
        network = string.IsNullOrWhiteSpace(network) ? null : network.Trim();
        var selectorText = Annotation(service.Metadata, CniConstants.SelectorAnnotation);
        var (selector, selectorError) = ParseSelector(selectorText);
        if (network is not null && string.IsNullOrWhiteSpace(selectorText))
        {
            selectorError = $"{SelectorField}: Required value: a network-aware Service selects its pods with terms such as \"app=web\"; without them it has no endpoints.";
        }

        var spec = service.Spec;
        IEnumerable<string> ips = spec?.ClusterIPs is { Count: > 0 } clusterIps ? clusterIps : spec?.ClusterIP is { } single ? [single] : [];
        var ports = (spec?.Ports ?? []).Select(p => new ClusterServicePort(p.Name, p.Protocol ?? "TCP", p.Port, TargetPort(p)));
        return new ClusterService(service.Metadata?.NamespaceProperty ?? "default", service.Metadata?.Name ?? "", network)
        {
            Uid = service.Metadata?.Uid,
            Selector = selector,
            SelectorError = selectorError,
            ClusterIps = [.. ips.Where(ip => ip is { Length: > 0 } && ip != "None")],
            Ports = [.. ports],
            LastManager = FieldManagers.LastWriter(service.Metadata),
        };
    }

    /// <summary>Parses "a=b,c=d" (also "a==b"); every bad term is named, good terms are kept.</summary>
    public static (ImmutableDictionary<string, string> Selector, string? Error) ParseSelector(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return (ImmutableDictionary<string, string>.Empty, null);
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var terms = annotation.Split(',');
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i].Trim();
            var path = $"{SelectorField}[{i}]";
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || term.Contains("!=", StringComparison.Ordinal))
            {
                errors.Add($"{path}: \"{term}\" is not a key=value term (only equality terms are supported, all of which must match).");
                continue;
            }

            var key = term[..equals].Trim();
            var value = term[(equals + 1)..];
            value = (value.StartsWith('=') ? value[1..] : value).Trim();
            if (key.Any(char.IsWhiteSpace) || value.Any(c => char.IsWhiteSpace(c) || c == '='))
            {
                errors.Add($"{path}: \"{term}\" is not a key=value term.");
                continue;
            }

            if (builder.TryGetValue(key, out var existing) && existing != value)
            {
                errors.Add($"{path}: \"{key}\" is already required to be \"{existing}\"; a pod cannot have both values.");
                continue;
            }

            builder[key] = value;
        }

        return (builder.ToImmutable(), errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private static int TargetPort(V1ServicePort port) =>
        port.TargetPort?.Value is { } target && int.TryParse(target, System.Globalization.NumberStyles.None, null, out var number) && number > 0 ? number : port.Port;
}
