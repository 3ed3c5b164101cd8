using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Multinet.KubeApi.Storage;

internal sealed partial class ObjectStore : IDisposable
{
    private SqliteConnection? _commitConnection;
    private SqliteCommand? _upsert;
    private SqliteCommand? _delete;
    private SqliteCommand? _counter;
    private bool _disposed;

    /// <summary>
    /// Commits one write and the new revision in one SQLite transaction (WAL, the default synchronous=FULL: durable when
    /// this returns). Runs under the single writer, on one connection kept open with its statements prepared: a write
    /// costs an upsert (or delete) and the counter's update, with no context, change tracking or read before it.
    /// </summary>
    private Task CommitAsync(ObjectKey key, string? json, long revision, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = CommitConnection();
        var transaction = connection.BeginTransaction();
        try
        {
            var write = json is null ? _delete! : _upsert!;
            write.Transaction = transaction;
            write.Parameters["$group"].Value = key.Group;
            write.Parameters["$plural"].Value = key.Plural;
            write.Parameters["$namespace"].Value = key.Namespace;
            write.Parameters["$name"].Value = key.Name;
            if (json is not null)
            {
                write.Parameters["$rv"].Value = revision;
                write.Parameters["$json"].Value = json;
            }

            write.ExecuteNonQuery();
            _counter!.Transaction = transaction;
            _counter.Parameters["$value"].Value = revision;
            _counter.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            EndFailed(transaction);
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends a transaction whose statement or COMMIT failed, keeping the error that failed it. Some errors (a full disk,
    /// an I/O error, a failed COMMIT) make SQLite roll the transaction back itself; rolling back again then fails with
    /// "no transaction is active", which would hide the cause. Either way the transaction is over afterwards and the
    /// connection takes the next write.
    /// </summary>
    private static void EndFailed(SqliteTransaction transaction)
    {
        try
        {
            transaction.Dispose();
        }
        catch (SqliteException)
        {
            // Already rolled back by SQLite: the transaction is marked complete all the same.
        }
    }

    private SqliteConnection CommitConnection()
    {
        if (_commitConnection is { } open)
        {
            return open;
        }

        using (var db = dbFactory.CreateDbContext())
        {
            _commitConnection = new SqliteConnection(db.Database.GetConnectionString());
        }

        _commitConnection.Open();
        using (var durable = _commitConnection.CreateCommand())
        {
            // SQLite's default, said explicitly: an acknowledged write is on disk, as StoreDurabilityTests check.
            durable.CommandText = "PRAGMA synchronous=FULL;";
            durable.ExecuteNonQuery();
        }

        _upsert = Prepare(_commitConnection,
            """
            INSERT INTO "Objects" ("Group", "Plural", "Namespace", "Name", "ResourceVersion", "Json") VALUES ($group, $plural, $namespace, $name, $rv, $json)
            ON CONFLICT ("Group", "Plural", "Namespace", "Name") DO UPDATE SET "ResourceVersion" = excluded."ResourceVersion", "Json" = excluded."Json"
            """, "$group", "$plural", "$namespace", "$name", "$rv", "$json");
        _delete = Prepare(_commitConnection,
            """DELETE FROM "Objects" WHERE "Group" = $group AND "Plural" = $plural AND "Namespace" = $namespace AND "Name" = $name""",
            "$group", "$plural", "$namespace", "$name");
        _counter = Prepare(_commitConnection,
            $"""INSERT INTO "Revision" ("Id", "Value") VALUES ({StoreRevision.SingletonId}, $value) ON CONFLICT ("Id") DO UPDATE SET "Value" = excluded."Value" """,
            "$value");
        return _commitConnection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    /// <summary>
    /// Closes the database once the write in flight, if any, has committed: the host disposes the store while a request
    /// it gave up waiting for on shutdown may still be writing, and closing the connection under that write would roll
    /// back a commit about to be acknowledged. Writes that come later fail with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        _writer.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _upsert?.Dispose();
            _delete?.Dispose();
            _counter?.Dispose();
            _commitConnection?.Dispose();
        }
        finally
        {
            _writer.Release();
        }
    }
}
