using System.Collections.Concurrent;

namespace Multinet.Web.Cluster;

/// <summary>
/// Who asked the console to delete an object. A watch does not say who deletes, so the console's writer notes the author
/// just before it deletes, and the timeline takes the note when it sees the deletion (within a few minutes); a deletion
/// made elsewhere (kubectl) has no note and stays without an author.
/// </summary>
internal sealed class DeletionAuthors(TimeProvider time)
{
    private static readonly TimeSpan s_keep = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Kind, string Name), (string Author, DateTimeOffset At)> _notes = new();

    public void Record(string kind, string name, string author) => _notes[(kind, name)] = (author, time.GetUtcNow());

    public void Forget(string kind, string name) => _notes.TryRemove((kind, name), out _);

    /// <summary>The author noted for this deletion, once; null without a recent note.</summary>
    public string? Take(string kind, string name) =>
        _notes.TryRemove((kind, name), out var note) && time.GetUtcNow() - note.At <= s_keep ? note.Author : null;
}
