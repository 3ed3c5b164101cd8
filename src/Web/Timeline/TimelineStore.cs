using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.Web.Data;

namespace Multinet.Web.Timeline;

/// <summary>
/// Reads and appends timeline entries. Appends are batched by <see cref="TimelineRecorder"/>; the table is kept to
/// <see cref="TimelineOptions.MaxEntries"/> rows by deleting the oldest. <see cref="Appended"/> tells open pages.
/// </summary>
internal sealed class TimelineStore(IDbContextFactory<TimelineDbContext> factory, IOptions<TimelineOptions> options)
{
    private readonly SemaphoreSlim _schema = new(1, 1);
    private bool _created;

    /// <summary>Raised after entries were stored, with the id of the newest.</summary>
    public event Action<long>? Appended;

    public async Task AppendAsync(IReadOnlyCollection<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await EnsureCreatedAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        var newest = entries.Max(e => e.Id);
        var keepFrom = newest - options.Value.MaxEntries;
        if (keepFrom > 0)
        {
            await db.Entries.Where(e => e.Id <= keepFrom).ExecuteDeleteAsync(cancellationToken);
        }

        Appended?.Invoke(newest);
    }

    public async Task<IReadOnlyList<TimelineEntry>> QueryAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCreatedAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IQueryable<TimelineEntry> entries = db.Entries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Name))
        {
            entries = entries.Where(e => e.Name == query.Name);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrEmpty(query.Node))
        {
            entries = entries.Where(e => e.Node == query.Node);
        }

        if (!string.IsNullOrEmpty(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrEmpty(query.ObjectKind))
        {
            entries = entries.Where(e => e.ObjectKind == query.ObjectKind);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{query.Text.Trim()}%";
            entries = entries.Where(e => EF.Functions.Like(e.Name, pattern) || EF.Functions.Like(e.Summary, pattern)
                || (e.Actor != null && EF.Functions.Like(e.Actor, pattern)) || (e.Node != null && EF.Functions.Like(e.Node, pattern))
                || (e.Error != null && EF.Functions.Like(e.Error, pattern)));
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        return await entries.OrderByDescending(e => e.Id).Take(Math.Clamp(query.Limit, 1, TimelineQuery.MaxLimit)).ToListAsync(cancellationToken);
    }

    /// <summary>The <paramref name="count"/> latest changes (created, edited, deleted), newest first, each with its node results.</summary>
    public async Task<IReadOnlyList<TimelineGroup>> RecentChangesAsync(int count, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var changes = await db.Entries.AsNoTracking()
            .Where(e => e.Kind == TimelineEntryKind.Created || e.Kind == TimelineEntryKind.Updated || e.Kind == TimelineEntryKind.Deleted)
            .OrderByDescending(e => e.Id).Take(Math.Clamp(count, 1, TimelineQuery.MaxLimit)).ToListAsync(cancellationToken);
        if (changes.Count == 0)
        {
            return [];
        }

        var oldest = changes[^1].Id;
        var names = changes.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var results = await db.Entries.AsNoTracking()
            .Where(e => e.Id > oldest && names.Contains(e.Name)
                && (e.Kind == TimelineEntryKind.Applied || e.Kind == TimelineEntryKind.Failed || e.Kind == TimelineEntryKind.NotApplied))
            .OrderByDescending(e => e.Id).Take(TimelineQuery.MaxLimit * 4).ToListAsync(cancellationToken);
        return [.. TimelineGroup.Group(changes.Concat(results)).Where(g => g.IsChange)];
    }

    /// <summary>The newest entry per object (kind and name) that carries a spec: where the recorder picks up after a restart.</summary>
    public async Task<IReadOnlyDictionary<(string Kind, string Name), TimelineEntry>> LatestSpecsAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var latestIds = db.Entries.Where(e => e.SpecText != null || e.Kind == TimelineEntryKind.Deleted)
            .GroupBy(e => new { e.ObjectKind, e.Name }).Select(g => g.Max(e => e.Id));
        var latest = await db.Entries.AsNoTracking().Where(e => latestIds.Contains(e.Id)).ToListAsync(cancellationToken);
        return latest.Where(e => e.Kind != TimelineEntryKind.Deleted).ToDictionary(e => (e.ObjectKind, e.Name));
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created))
        {
            return;
        }

        await _schema.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                await SqliteTables.EnsureAsync(db, "Timeline", cancellationToken);
                Volatile.Write(ref _created, true);
            }
        }
        finally
        {
            _schema.Release();
        }
    }
}
