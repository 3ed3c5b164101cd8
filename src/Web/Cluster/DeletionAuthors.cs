using System.Collections.Concurrent;

namespace Multinet.Web.Cluster;

/// <summary>
/// Who asked the console to delete an object. A watch does not say who deletes, so the console's writer notes the author
/// just before it deletes, and the timeline takes the note when it sees the deletion (within a few minutes); a deletion
/// made elsewhere (kubectl) has no note and stays without an author. A note whose deletion never shows in the watch (the
/// object was already gone, the watch restarted) is dropped with the other stale ones at the next note, so the notes are
/// bounded by the deletions of the last few minutes.
/// </summary>
internal sealed class DeletionAuthors(TimeProvider time)
{
    private static readonly TimeSpan s_keep = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Kind, string Name), (string Author, DateTimeOffset At)> _notes = new();

    /// <summary>Notes kept now: the deletions of the last few minutes whose watch event has not been seen.</summary>
    internal int Count => _notes.Count;

    public void Record(string kind, string name, string author)
    {
        var now = time.GetUtcNow();
        foreach (var (key, note) in _notes)
        {
            if (now - note.At > s_keep)
            {
                _notes.TryRemove(new KeyValuePair<(string, string), (string, DateTimeOffset)>(key, note));
            }
        }

        _notes[(kind, name)] = (author, now);
    }

    public void Forget(string kind, string name) => _notes.TryRemove((kind, name), out _);

    /// <summary>The author noted for this deletion, once; null without a recent note.</summary>
    public string? Take(string kind, string name) =>
        _notes.TryRemove((kind, name), out var note) && time.GetUtcNow() - note.At <= s_keep ? note.Author : null;
}
