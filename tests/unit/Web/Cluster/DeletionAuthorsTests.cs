using Microsoft.Extensions.Time.Testing;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.Web.Cluster;

/// <summary>
/// The console notes who deleted an object until the watch shows the deletion; a note whose deletion never shows (the
/// object was already gone, the watch restarted) must not stay for the life of the process.
/// </summary>
public sealed class DeletionAuthorsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void NotesWhoseDeletionNeverShows_AreDroppedOnceStale_AtTheNextNote()
    {
        var authors = new DeletionAuthors(_time);
        for (var i = 0; i < 1000; i++)
        {
            authors.Record("Network", $"gone-{i}", "alice");
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        authors.Record("Network", "blue", "bob");

        Assert.Equal(1, authors.Count);
        Assert.Null(authors.Take("Network", "gone-0"));
        Assert.Equal("bob", authors.Take("Network", "blue"));
    }

    [Fact]
    public void ARecentNote_IsKeptBesideNewOnes_AndTakenOnce()
    {
        var authors = new DeletionAuthors(_time);
        authors.Record("Network", "red", "alice");

        _time.Advance(TimeSpan.FromMinutes(4));
        authors.Record("Network", "blue", "bob");

        Assert.Equal(2, authors.Count);
        Assert.Equal("alice", authors.Take("Network", "red"));
        Assert.Null(authors.Take("Network", "red"));
        Assert.Equal(1, authors.Count);
    }
}
