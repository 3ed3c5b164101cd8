namespace Multinet.KubeApi.Resources;

/// <summary>A column of the Table kubectl prints; <paramref name="Path"/> is a dotted path into the object.</summary>
internal sealed record PrinterColumn(string Name, string Path, string Type);
