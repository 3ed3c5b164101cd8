namespace Multinet.Web.Yaml;

/// <summary>The three versions of a conflict, as YAML, with the merge of your changes onto the server's version.</summary>
public sealed record YamlConflict(string Base, string Yours, string Server, string Merged, IReadOnlyList<string> ConflictingFields, IReadOnlyList<string> YourChanges, IReadOnlyList<string> TheirChanges)
{
    /// <summary>The resourceVersion of the server's version shown.</summary>
    public string? ServerResourceVersion { get; init; }
}
