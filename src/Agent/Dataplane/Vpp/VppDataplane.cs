using System.Collections.Concurrent;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// The dataplane driver for a real VPP over its binary API socket. Connects on first use and again after the
/// socket is lost (VPP restarted). Every operation of <see cref="DataplaneOperation"/> maps to a short sequence of
/// messages (see <see cref="ApplyAsync"/>); <see cref="DumpAsync"/> reads everything back. VPP's refusals surface as
/// <see cref="DataplaneException"/> with the error's name.
/// </summary>
/// <remarks>
/// What VPP cannot store (a tunnel's network and peer node, a pod interface's network and address, a route's display
/// text, a service's namespace and name) is kept in memory from the adds this instance issued and merged into the
/// dump; after an agent restart the dump rebuilds what the VPP objects and their tags hold (see <see cref="DumpAsync"/>).
/// Operations are applied one at a time.
/// </remarks>
internal sealed partial class VppDataplane(string socketPath, string clientName, ILogger<VppDataplane> logger) : IDataplane, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TunnelSpec> _tunnels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PodInterfaceSpec> _interfaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RouteSpec> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceEntrySpec> _services = new(StringComparer.Ordinal);
    private VppApiConnection? _connection;
    private bool _disposed;

    public string Kind => DataplaneKinds.Vpp;

    public async Task<IReadOnlyList<DataplaneTable>> DumpTablesAsync(CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        return await DumpTablesAsync(connection, cancellationToken);
    }

    public Task AddTableAsync(DataplaneTable table, CancellationToken cancellationToken) => AddDelTableAsync(true, table, cancellationToken);

    public Task DeleteTableAsync(DataplaneTable table, CancellationToken cancellationToken) => AddDelTableAsync(false, table, cancellationToken);

    /// <summary>
    /// Issues one operation:
    /// <list type="bullet">
    /// <item>tables: <c>ip_table_add_del</c>;</item>
    /// <item>tunnels: <c>add_node_next</c> (vxlan4-input or vxlan6-input, by the underlay, → ip4-input or ip6-input, by the network; cached), <c>vxlan_add_del_tunnel_v3</c>
    /// (is_l3, decapsulating into the IP input node of the network's family, encap_vrf_id = EncapTableId),
    /// <c>sw_interface_tag_add_del</c> (<c>mn:t:network/peer</c>), <c>sw_interface_set_table</c>, <c>sw_interface_set_flags</c> up;
    /// deleted with <c>vxlan_add_del_tunnel_v3</c> is_add=0;</item>
    /// <item>memif: <c>memif_socket_filename_add_del_v2</c> (reusing the id already registered for the file name),
    /// <c>memif_create_v2</c> (master, ethernet), tag, table, flags up; deleted with <c>memif_delete</c> and the socket id
    /// when no other memif uses it;</item>
    /// <item>tap: <c>tap_create_v3</c> (tag in the request; host name <c>mn-</c> + 12 hex digits of the tag's hash), table,
    /// flags up; deleted with <c>tap_delete_v2</c>;</item>
    /// <item>moved pod interfaces (either kind): <c>sw_interface_set_unnumbered</c> off, <c>sw_interface_set_table</c>,
    /// unnumbered to the new VRF's loopback;</item>
    /// <item>routes: <c>ip_route_add_del</c> with one attached path through the pod interface or tunnel (found by tag or key);
    /// deleted with no path (the whole prefix, as added by the API);</item>
    /// <item>service entries: <c>cnat_translation_update</c> / <c>cnat_translation_del</c> (fails when the cnat plugin is not loaded);</item>
    /// <item>policy bindings: <c>acl_add_replace</c> (input and output ACL, replaced in place when present),
    /// <c>acl_interface_set_acl_list</c>; unbound with an empty list and <c>acl_del</c> (see VppDataplane.Policies.cs);</item>
    /// </list>
    /// A create that fails half way removes what it created. Deleting what is already gone succeeds.
    /// </summary>
    public async Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await _applyLock.WaitAsync(cancellationToken);
        try
        {
            switch (operation)
            {
                case DataplaneOperation.AddTable add:
                    await AddDelTableAsync(true, add.Table, cancellationToken);
                    break;
                case DataplaneOperation.DeleteTable delete:
                    await AddDelTableAsync(false, delete.Table, cancellationToken);
                    break;
                case DataplaneOperation.AddTunnel add:
                    await AddTunnelAsync(operation, add.Tunnel, cancellationToken);
                    break;
                case DataplaneOperation.DeleteTunnel delete:
                    await DeleteTunnelAsync(operation, delete.Tunnel, cancellationToken);
                    break;
                case DataplaneOperation.AddPodInterface add:
                    await AddPodInterfaceAsync(operation, add.Interface, cancellationToken);
                    break;
                case DataplaneOperation.DeletePodInterface delete:
                    await DeletePodInterfaceAsync(delete.Interface, cancellationToken);
                    break;
                case DataplaneOperation.MovePodInterface move:
                    await MovePodInterfaceAsync(operation, move.Interface, move.Target, cancellationToken);
                    break;
                case DataplaneOperation.AddRoute add:
                    await AddDelRouteAsync(operation, true, add.Route, cancellationToken);
                    break;
                case DataplaneOperation.DeleteRoute delete:
                    await AddDelRouteAsync(operation, false, delete.Route, cancellationToken);
                    break;
                case DataplaneOperation.AddServiceEntry add:
                    await AddServiceAsync(operation, add.Service, cancellationToken);
                    break;
                case DataplaneOperation.DeleteServiceEntry delete:
                    await DeleteServiceAsync(operation, delete.Service, cancellationToken);
                    break;
                case DataplaneOperation.BindPolicy bind:
                    await BindPolicyAsync(operation, bind.Binding, cancellationToken);
                    break;
                case DataplaneOperation.UnbindPolicy unbind:
                    await UnbindPolicyAsync(operation, unbind.Binding, cancellationToken);
                    break;
                default:
                    throw new DataplaneException($"{operation.Describe()}: not supported by this driver.", "VNET_API_ERROR_UNIMPLEMENTED");
            }
        }
        finally
        {
            _applyLock.Release();
        }
    }

    private async Task AddDelTableAsync(bool isAdd, DataplaneTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var connection = await GetConnectionAsync(cancellationToken);
        if (!isAdd)
        {
            await DeleteLoopbackAsync(connection, table.TableId, table.IsIpv6, cancellationToken);
        }

        await connection.RequestAsync(new IpTableAddDel(isAdd, new IpTable(table.TableId, table.IsIpv6, table.Name)), cancellationToken);
    }

    private static async Task<IReadOnlyList<DataplaneTable>> DumpTablesAsync(VppApiConnection connection, CancellationToken cancellationToken)
    {
        var details = await connection.DumpAsync(new IpTableDump(), cancellationToken);
        return [.. details.Select(IpTableDetails.From).Select(d => new DataplaneTable(d.Table.TableId, d.Table.IsIp6, d.Table.Name))];
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
            _decapNextIndex.Clear(); // a restarted VPP may number its graph arcs differently
            ForgetStats(); // and has a new stats segment
            var connection = await VppApiConnection.ConnectAsync(socketPath, clientName, VppApiSchema.Embedded, logger, cancellationToken);
            if (connection.MessageTable.Offers("memif_socket_filename_dump") && connection.MessageTable.Offers("memif_dump"))
            {
                // A socket id whose memif is gone, left by an agent killed between the memif's delete and the id's release (or
                // between the id's add and the memif's create): no plan names it any more, so nothing else would free it.
                try
                {
                    await ReleaseUnusedSocketsAsync(connection, null, cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }
            }

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

            ForgetStats();
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>A field of an operation the driver cannot send: names the operation, the field and the value.</summary>
    private static DataplaneException Invalid(DataplaneOperation operation, string field, string? value, string expected) =>
        new($"{operation.Describe()}: {field} \"{value}\" is not {expected}.", "VNET_API_ERROR_INVALID_ARGUMENT");

    private static bool IsGone(DataplaneException ex) =>
        ex.ApiError is "VNET_API_ERROR_NO_SUCH_ENTRY" or "VNET_API_ERROR_INVALID_SW_IF_INDEX" or "VNET_API_ERROR_NO_SUCH_FIB";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection to VPP at {SocketPath} was lost; reconnecting.")]
    private partial void LogReconnecting(string socketPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not undo a half-created {What} (sw_if_index {SwIfIndex}).")]
    private partial void LogRollbackFailed(Exception exception, string what, uint swIfIndex);
}
