using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

/// <summary>One document's outcome in a review or an apply.</summary>
public sealed record YamlDocumentResult(int Index, string Object, bool Succeeded, string? Message, IReadOnlyList<ObjectFieldError> Errors)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
