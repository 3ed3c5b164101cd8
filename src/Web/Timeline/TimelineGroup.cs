namespace Multinet.Web.Timeline;

/// <summary>
/// A change (created, edited, deleted) with the node results recorded for it, oldest first; or a node result on its own
/// when its change is not among the entries at hand (another page, or filtered out).
/// </summary>
public sealed record TimelineGroup(TimelineEntry Entry, IReadOnlyList<TimelineEntry> Results)
{
    public bool IsChange => IsChangeKind(Entry.Kind);

    public static bool IsChangeKind(TimelineEntryKind kind) => kind is TimelineEntryKind.Created or TimelineEntryKind.Updated or TimelineEntryKind.Deleted;

    /// <summary>"2 applied · 1 failed · 1 not applied", or "no node results".</summary>
    public string ResultSummary
    {
        get
        {
            var parts = new[] { (TimelineEntryKind.Applied, "applied"), (TimelineEntryKind.Failed, "failed"), (TimelineEntryKind.NotApplied, "not applied") }
                .Select(k => (Count: Results.Count(r => r.Kind == k.Item1), Text: k.Item2)).Where(k => k.Count > 0).Select(k => $"{k.Count} {k.Text}").ToList();
            return parts.Count == 0 ? "no node results" : string.Join(" · ", parts);
        }
    }

    /// <summary>
    /// Groups entries (newest first, as the store returns them): each node result joins the latest older change of the
    /// same object, as the recorder records results only after their change and before the object's next change.
    /// </summary>
    public static List<TimelineGroup> Group(IEnumerable<TimelineEntry> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var groups = new List<(TimelineEntry Entry, List<TimelineEntry> Results)>();
        var latest = new Dictionary<(string Kind, string Name), List<TimelineEntry>>();
        foreach (var entry in newestFirst.OrderBy(e => e.Id))
        {
            if (IsChangeKind(entry.Kind))
            {
                var results = new List<TimelineEntry>();
                latest[(entry.ObjectKind, entry.Name)] = results;
                groups.Add((entry, results));
            }
            else if (latest.TryGetValue((entry.ObjectKind, entry.Name), out var results))
            {
                results.Add(entry);
            }
            else
            {
                groups.Add((entry, []));
            }
        }

        return [.. groups.OrderByDescending(g => g.Entry.Id).Select(g => new TimelineGroup(g.Entry, g.Results))];
    }
}
