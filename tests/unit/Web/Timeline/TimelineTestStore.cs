using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Timeline;

/// <summary>A <see cref="TimelineStore"/> on a real SQLite file in a temporary directory, deleted on dispose.</summary>
internal sealed class TimelineTestStore : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("multinet-timeline-").FullName;

    public TimelineTestStore(int maxEntries = 20_000) => Store = Open(maxEntries);

    public TimelineStore Store { get; }

    /// <summary>A second store on the same file: what a restarted console opens.</summary>
    public TimelineStore Open(int maxEntries = 20_000) =>
        new(new Factory(Path.Combine(_directory, "console.db")), Options.Create(new TimelineOptions { MaxEntries = maxEntries }));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class Factory(string path) : IDbContextFactory<TimelineDbContext>
    {
        public TimelineDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<TimelineDbContext>().UseSqlite($"Data Source={path}").Options);
    }
}
