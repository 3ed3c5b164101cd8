using System.Collections.Immutable;
using System.Text.Json;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Cluster;

/// <summary>Reads and writes the Node annotation <c>multinet.projectcalico.org/network-state</c>.</summary>
public static class NodeNetworkStates
{
    public const string Applied = "Applied";
    public const string Pending = "Pending";
    public const string Error = "Error";

    private const string Field = "metadata.annotations[" + CniConstants.NodeNetworkStateAnnotation + "]";

    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = false };

    /// <summary>Compact JSON, keys in ordinal order so equal states give equal text.</summary>
    public static string Serialize(IReadOnlyDictionary<string, NodeNetworkState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var ordered = new SortedDictionary<string, NodeNetworkState>(states.ToDictionary(), StringComparer.Ordinal);
        return JsonSerializer.Serialize(ordered, s_options);
    }

    /// <summary>Parses the annotation; a missing one is no states, a bad one an error naming the field.</summary>
    public static (ImmutableDictionary<string, NodeNetworkState> States, string? Error) Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return (ImmutableDictionary<string, NodeNetworkState>.Empty, null);
        }

        try
        {
            using var document = JsonDocument.Parse(annotation);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (ImmutableDictionary<string, NodeNetworkState>.Empty, $"{Field}: must be a JSON object keyed by Network name.");
            }

            var builder = ImmutableDictionary.CreateBuilder<string, NodeNetworkState>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind != JsonValueKind.Object
                    || !value.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String)
                {
                    return (builder.ToImmutable(), $"{Field}[{property.Name}]: must be an object with a \"state\" string.");
                }

                long? generation = value.TryGetProperty("generation", out var g) && g.ValueKind == JsonValueKind.Number && g.TryGetInt64(out var n) ? n : null;
                string? error = value.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                builder[property.Name] = new NodeNetworkState(generation, state.GetString()!, error);
            }

            return (builder.ToImmutable(), null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            return (ImmutableDictionary<string, NodeNetworkState>.Empty, $"{Field}: not valid JSON: {ex.Message}");
        }
    }
}
