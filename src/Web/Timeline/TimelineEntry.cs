namespace Multinet.Web.Timeline;

/// <summary>What a timeline entry records.</summary>
public enum TimelineEntryKind
{
    Created,
    Updated,
    Deleted,
    Applied,
    Failed,

    /// <summary>A node did not report the change applied (nor failed) within the result timeout.</summary>
    NotApplied,
}

/// <summary>
/// One row of the audit timeline: a change seen on the Kubernetes API (who, what, the spec diff), or a node's
/// apply result for such a change (applied in N ms, or failed with an error).
/// </summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public TimelineEntryKind Kind { get; set; }

    public string ObjectKind { get; set; } = "Network";

    public string Name { get; set; } = "";

    /// <summary>
    /// For changes: the field manager of the last write (kubectl-client-side-apply, multinet-console...), "unknown" when the
    /// API does not say; for deletions the person who deleted through the console, else null (a watch does not say who
    /// deletes); null for node results.
    /// </summary>
    public string? Actor { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Unified diff of the spec for updates.</summary>
    public string? Diff { get; set; }

    /// <summary>The spec as text after the change, so a diff survives a console restart.</summary>
    public string? SpecText { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    /// <summary>For apply results: the node.</summary>
    public string? Node { get; set; }

    /// <summary>
    /// For apply results: for a Network, from the console seeing the change to the node reporting the VRF applied; for
    /// other objects, the duration of the node's apply pass that applied it.
    /// </summary>
    public double? DurationMs { get; set; }

    public string? Error { get; set; }
}
