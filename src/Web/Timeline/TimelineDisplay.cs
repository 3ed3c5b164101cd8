using MudBlazor;

namespace Multinet.Web.Timeline;

/// <summary>How the timeline page and the overview show entries: colours, who, links.</summary>
public static class TimelineDisplay
{
    /// <summary>Shown for who deleted an object: a watch does not say.</summary>
    public const string UnknownDeleter = "—";

    public static Color KindColor(TimelineEntryKind kind) => kind switch
    {
        TimelineEntryKind.Created => Color.Info,
        TimelineEntryKind.Updated => Color.Primary,
        TimelineEntryKind.Deleted => Color.Warning,
        TimelineEntryKind.Applied => Color.Success,
        TimelineEntryKind.Failed => Color.Error,
        TimelineEntryKind.NotApplied => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Who made the change; "—" for deletions, empty for node results.</summary>
    public static string Actor(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Actor ?? (entry.Kind == TimelineEntryKind.Deleted ? UnknownDeleter : "");
    }

    public static string? ActorTitle(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind == TimelineEntryKind.Deleted && entry.Actor is null
            ? "The API does not say who deletes an object."
            : entry.Actor == Shared.Cluster.FieldManagers.Unknown ? "The object has no managedFields: the API does not say who wrote it." : "The field manager of the last write";
    }

    /// <summary>The timeline filtered on the entry's object.</summary>
    public static string ObjectLink(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"timeline?name={Uri.EscapeDataString(entry.Name)}&object={Uri.EscapeDataString(entry.ObjectKind)}";
    }

    public static string ShortKind(string objectKind) => objectKind switch
    {
        TimelineRecorder.NadKind => "NAD",
        TimelineRecorder.PolicyKind => "Policy",
        _ => objectKind,
    };
}
