namespace Multinet.KubeApi.Storage;

/// <summary>One object as stored: its identity, its resourceVersion and its full JSON (unknown fields included).</summary>
internal sealed class StoredObject
{
    public required string Group { get; set; }

    public required string Plural { get; set; }

    /// <summary>Empty for cluster-scoped objects.</summary>
    public required string Namespace { get; set; }

    public required string Name { get; set; }

    public required long ResourceVersion { get; set; }

    public required string Json { get; set; }
}
