namespace Multinet.Web.Timeline;

/// <summary><c>Multinet:Timeline</c> settings.</summary>
public sealed class TimelineOptions
{
    public const string SectionName = "Multinet:Timeline";

    /// <summary>Entries kept; older ones are deleted as new ones arrive.</summary>
    public int MaxEntries { get; set; } = 20_000;
}
