namespace Multinet.Web.Timeline;

/// <summary><c>Multinet:Timeline</c> settings.</summary>
public sealed class TimelineOptions
{
    public const string SectionName = "Multinet:Timeline";

    /// <summary>Entries kept; older ones are deleted as new ones arrive.</summary>
    public int MaxEntries { get; set; } = 20_000;

    /// <summary>How long a change waits for each node's result before "not applied within N s" is recorded.</summary>
    public int ResultTimeoutSeconds { get; set; } = 60;
}
