using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// A column of the Table kubectl prints; <paramref name="Path"/> is a dotted path into the object, unless
/// <see cref="Compute"/> derives the cell as kube-apiserver's printers do (it must not change the object).
/// </summary>
internal sealed record PrinterColumn(string Name, string Path, string Type)
{
    public Func<JsonObject, JsonNode?>? Compute { get; init; }
}
