using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Multinet.Web.Yaml;

/// <summary>How a line of a diff changed.</summary>
public enum DiffLineKind
{
    Unchanged,
    Added,
    Removed,
}

/// <summary>One line of a line diff.</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text)
{
    public string Unified => Kind switch
    {
        DiffLineKind.Added => "+ " + Text,
        DiffLineKind.Removed => "- " + Text,
        _ => "  " + Text,
    };
}

/// <summary>Line diffs of YAML texts (DiffPlex).</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string before, string after) =>
        [.. InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false).Lines.Select(line => new DiffLine(line.Type switch
        {
            ChangeType.Inserted => DiffLineKind.Added,
            ChangeType.Deleted => DiffLineKind.Removed,
            _ => DiffLineKind.Unchanged,
        }, line.Text))];

    /// <summary>The whole diff as text, each line prefixed with <c>+ </c>, <c>- </c> or two spaces.</summary>
    public static string Unified(string before, string after) => string.Join('\n', Lines(before, after).Select(l => l.Unified));
}
