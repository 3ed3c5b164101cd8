using System.Text.Json.Serialization;

namespace Multinet.Web.Topology;

/// <summary>An element as the browser's graph takes it (camelCase JSON through JS interop).</summary>
internal sealed record TopologyJsElement(string Id, string Kind, string Label, string Classes, string Color, string Hover, double X, double Y)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Target { get; init; }

    public static TopologyJsElement Of(TopologyElement element) =>
        new(element.Id, element.Kind.ToString(), element.Label, element.Classes, element.Color, element.Hover, element.X, element.Y)
        {
            Source = element.Source,
            Target = element.Target,
        };
}
