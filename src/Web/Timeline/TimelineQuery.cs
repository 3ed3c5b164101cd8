namespace Multinet.Web.Timeline;

/// <summary>
/// A page of the timeline, newest first. Filters combine with AND; <see cref="Before"/> is the id of the last entry
/// of the previous page (keyset paging).
/// </summary>
public sealed record TimelineQuery
{
    public const int MaxLimit = 500;

    public string? Name { get; init; }

    public TimelineEntryKind? Kind { get; init; }

    public string? Node { get; init; }

    /// <summary>Who made the change (the field manager), exactly.</summary>
    public string? Actor { get; init; }

    /// <summary>The object's kind (Network, Service...), exactly.</summary>
    public string? ObjectKind { get; init; }

    /// <summary>Matches the name, summary, actor, node or error, case-insensitively.</summary>
    public string? Text { get; init; }

    public long? Before { get; init; }

    public int Limit { get; init; } = 50;
}
