using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Multinet.Web.Data;

/// <summary>
/// The console keeps several DbContexts (timeline, users) in one SQLite file. EnsureCreated does nothing once the file has
/// any table, so each context creates its own tables when its marker table is missing, in one transaction: an existing
/// database (a timeline from before users existed) gains the new tables, and neither context depends on which came first.
/// </summary>
internal static class SqliteTables
{
    public static async Task EnsureAsync(DbContext db, string markerTable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var exists = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {markerTable}")
                .SingleAsync(cancellationToken);
            if (exists == 0)
            {
                await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
