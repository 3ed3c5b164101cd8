using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

/// <summary>
/// An in-memory VPP, faithful where the agent can tell: tables are keyed by (id, address family) and carry a
/// name; table 0 exists in both families and cannot be deleted; adding a taken id under another name and
/// deleting a missing table fail as VPP does. Thread-safe. Outlives agent restarts when the host keeps it.
/// </summary>
public sealed class SimulatedDataplane : IDataplane
{
    private const string DefaultTableName = "ipv4-VRF:0";
    private const string DefaultIpv6TableName = "ipv6-VRF:0";

    private readonly Lock _lock = new();
    private readonly Dictionary<(uint TableId, bool IsIpv6), string> _tables = new()
    {
        [(0, false)] = DefaultTableName,
        [(0, true)] = DefaultIpv6TableName,
    };

    private uint _nextSwIfIndex = 1; // 0 is local0, as in VPP
    private long _operationCount;
    private long _dumpCount;

    public string Kind => DataplaneKinds.Simulated;

    /// <summary>Add and delete calls issued so far, whether they succeeded or not. Dumps are not counted.</summary>
    public long OperationCount => Interlocked.Read(ref _operationCount);

    /// <summary>Dump calls issued so far.</summary>
    public long DumpCount => Interlocked.Read(ref _dumpCount);

    /// <summary>
    /// Called before every add or delete; a non-null exception is thrown instead of performing the call.
    /// Tests use it to make one network's table fail.
    /// </summary>
    public Func<DataplaneOperation, Exception?>? FailureInjector { get; set; }

    /// <summary>The tables as they are now, ordered by id then family.</summary>
    public IReadOnlyList<DataplaneTable> Tables
    {
        get
        {
            lock (_lock)
            {
                return [.. _tables.OrderBy(t => t.Key.TableId).ThenBy(t => t.Key.IsIpv6).Select(t => new DataplaneTable(t.Key.TableId, t.Key.IsIpv6, t.Value))];
            }
        }
    }

    public Task<IReadOnlyList<DataplaneTable>> DumpTablesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _dumpCount);
        return Task.FromResult(Tables);
    }

    public Task AddTableAsync(DataplaneTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        cancellationToken.ThrowIfCancellationRequested();
        Begin(new DataplaneOperation.AddTable(table));
        lock (_lock)
        {
            if (_tables.TryGetValue((table.TableId, table.IsIpv6), out var existing))
            {
                if (existing != table.Name)
                {
                    throw new DataplaneException(
                        $"ip_table_add_del: {Family(table.IsIpv6)} table {table.TableId} already exists as \"{existing}\".",
                        "VNET_API_ERROR_ENTRY_ALREADY_EXISTS");
                }

                return Task.CompletedTask; // VPP takes another lock on the same table: no change
            }

            _tables[(table.TableId, table.IsIpv6)] = table.Name;
        }

        return Task.CompletedTask;
    }

    public async Task<DataplaneState> DumpAsync(CancellationToken cancellationToken) =>
        new() { Tables = [.. await DumpTablesAsync(cancellationToken)] };

    public Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken) =>
        throw new DataplaneException($"{operation.Describe()}: not supported by this driver.");

    public Task DeleteTableAsync(DataplaneTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        cancellationToken.ThrowIfCancellationRequested();
        Begin(new DataplaneOperation.DeleteTable(table));

        // As VPP's ip_table_delete does: deleting table 0 or a table that does not exist succeeds and changes nothing.
        if (table.TableId != 0)
        {
            lock (_lock)
            {
                _tables.Remove((table.TableId, table.IsIpv6));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Hands out the next interface index, as VPP does when it creates an interface.</summary>
    public uint AllocateSwIfIndex() => Interlocked.Increment(ref _nextSwIfIndex) - 1;

    /// <summary>Puts a table in place without counting an operation: models tables someone else created.</summary>
    public void Seed(DataplaneTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        lock (_lock)
        {
            _tables[(table.TableId, table.IsIpv6)] = table.Name;
        }
    }

    private void Begin(DataplaneOperation operation)
    {
        Interlocked.Increment(ref _operationCount);
        if (FailureInjector?.Invoke(operation) is { } failure)
        {
            throw failure;
        }
    }

    private static string Family(bool isIpv6) => isIpv6 ? "ip6" : "ip4";
}
