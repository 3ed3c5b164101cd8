using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// The dataplane driver for a real VPP over its binary API socket. Connects on first use and again after the
/// socket is lost (VPP restarted); each call maps to one message: <c>ip_table_dump</c> (+ control_ping) and
/// <c>ip_table_add_del</c>. VPP's refusals surface as <see cref="DataplaneException"/> with the error's name.
/// </summary>
internal sealed partial class VppDataplane(string socketPath, string clientName, ILogger<VppDataplane> logger) : IDataplane, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private VppApiConnection? _connection;
    private bool _disposed;

    public string Kind => DataplaneKinds.Vpp;

    public async Task<IReadOnlyList<DataplaneTable>> DumpTablesAsync(CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var details = await connection.DumpAsync(new IpTableDump(), cancellationToken);
        return [.. details.Select(IpTableDetails.From).Select(d => new DataplaneTable(d.Table.TableId, d.Table.IsIp6, d.Table.Name))];
    }

    public Task AddTableAsync(DataplaneTable table, CancellationToken cancellationToken) => AddDelTableAsync(true, table, cancellationToken);

    public async Task<DataplaneState> DumpAsync(CancellationToken cancellationToken) =>
        new() { Tables = [.. await DumpTablesAsync(cancellationToken)] };

    public Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken) =>
        throw new DataplaneException($"{operation.Describe()}: not supported by this driver.");

    public Task DeleteTableAsync(DataplaneTable table, CancellationToken cancellationToken) => AddDelTableAsync(false, table, cancellationToken);

    private async Task AddDelTableAsync(bool isAdd, DataplaneTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var connection = await GetConnectionAsync(cancellationToken);
        await connection.RequestAsync(new IpTableAddDel(isAdd, new IpTable(table.TableId, table.IsIpv6, table.Name)), cancellationToken);
    }

    /// <summary>The live connection, connecting (or reconnecting after a lost socket) first.</summary>
    internal async Task<VppApiConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { IsConnected: true } current)
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { IsConnected: true } connected)
            {
                return connected;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                LogReconnecting(socketPath);
            }

            _connection = null;
            var connection = await VppApiConnection.ConnectAsync(socketPath, clientName, VppApiSchema.Embedded, logger, cancellationToken);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync();
        try
        {
            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection to VPP at {SocketPath} was lost; reconnecting.")]
    private partial void LogReconnecting(string socketPath);
}
