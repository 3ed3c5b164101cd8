using System.Collections.Immutable;
using System.Text.Json;
using k8s.Models;
using Multinet.Shared.Annotations;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

public static partial class ClusterViewProjection
{
    private const string StatusField = "metadata.annotations[" + CniConstants.NetworkStatusAnnotation + "]";

    /// <summary>
    /// A pod with the attachments it asks for (<c>k8s.v1.cni.cncf.io/networks</c>) and the ones it got
    /// (<c>k8s.v1.cni.cncf.io/network-status</c>, default and unnamed entries skipped).
    /// </summary>
    public static ClusterPod ToPod(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Metadata?.NamespaceProperty ?? "default";
        var errors = new List<string>();

        var (selections, selectionErrors) = NetworkSelectionParser.Parse(Annotation(pod.Metadata, NetworkSelectionParser.AnnotationKey));
        errors.AddRange(selectionErrors.Select(e => e.ToString()));
        var requested = selections.Select((s, i) => new PodAttachmentRequest(s.Namespace ?? ns, s.Name, s.Interface ?? $"net{i + 1}")
        {
            Ips = s.Ips,
            Mac = s.Mac,
        });

        var attached = selections.Select(s => s.QualifiedName(ns)).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(KubeOvnAnnotations.Unattached(pod.Metadata?.Annotations?.AsReadOnly(), attached).Select(e => e.ToString()));
        errors.AddRange(selections.SelectMany(s => KubeOvnAnnotations.Read(pod.Metadata?.Annotations?.AsReadOnly(), s.Name, s.Namespace ?? ns).Errors)
            .Select(e => e.ToString()).Distinct(StringComparer.Ordinal));
        var attachments = ParseNetworkStatus(Annotation(pod.Metadata, CniConstants.NetworkStatusAnnotation), ns, errors);
        return new ClusterPod(ns, pod.Metadata?.Name ?? "", pod.Spec?.NodeName)
        {
            Uid = pod.Metadata?.Uid,
            Labels = ToImmutable(pod.Metadata?.Labels),
            Annotations = ToImmutable(pod.Metadata?.Annotations),
            Requested = [.. requested],
            Attachments = attachments,
            AnnotationError = errors.Count == 0 ? null : string.Join("; ", errors),
            AttachmentError = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodConditions.NetworksAttached && c.Status == "False") is { } failed
                ? $"{failed.Reason}: {failed.Message}"
                : null,
            Status = pod.Status?.ContainerStatuses?.Select(c => c.State?.Waiting?.Reason).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? pod.Status?.Phase,
            Terminating = pod.Metadata?.DeletionTimestamp is not null,
        };
    }

    /// <summary>Reads network-status; entries that cannot be read are reported and skipped, the rest kept.</summary>
    public static ImmutableArray<PodAttachment> ParseNetworkStatus(string? annotation, string podNamespace, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(annotation);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            errors.Add($"{StatusField}: not valid JSON: {ex.Message}");
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{StatusField}: must be a JSON list of {{\"name\": \"ns/nad\", \"interface\": …, \"ips\": […]}} objects.");
                return [];
            }

            var result = ImmutableArray.CreateBuilder<PodAttachment>();
            var index = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (ReadStatusEntry(entry, $"{StatusField}[{index++}]", podNamespace, errors) is { } attachment)
                {
                    result.Add(attachment);
                }
            }

            return result.ToImmutable();
        }
    }

    private static PodAttachment? ReadStatusEntry(JsonElement entry, string path, string podNamespace, List<string> errors)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        if (entry.TryGetProperty("default", out var isDefault) && isDefault.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        var name = StatusString(entry, "name", path, errors);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var (nadNamespace, nadName) = slash < 0 ? (podNamespace, name) : (name[..slash], name[(slash + 1)..]);
        if (nadNamespace.Length == 0 || nadName.Length == 0 || nadName.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"{path}.name: \"{name}\" is not \"namespace/name\" or \"name\" of a NetworkAttachmentDefinition.");
            return null;
        }

        var ips = ImmutableArray<string>.Empty;
        if (entry.TryGetProperty("ips", out var ipsElement) && ipsElement.ValueKind != JsonValueKind.Null)
        {
            if (ipsElement.ValueKind != JsonValueKind.Array || ipsElement.EnumerateArray().Any(ip => ip.ValueKind != JsonValueKind.String))
            {
                errors.Add($"{path}.ips: must be a list of address strings.");
                return null;
            }

            ips = [.. ipsElement.EnumerateArray().Select(ip => ip.GetString()!)];
        }

        var iface = StatusString(entry, "interface", path, errors) ?? "";
        var mac = StatusString(entry, "mac", path, errors);
        return new PodAttachment(nadNamespace, nadName, iface, ips, mac);
    }

    private static string? StatusString(JsonElement entry, string property, string path, List<string> errors)
    {
        if (!entry.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add($"{path}.{property}: must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return null;
    }
}
