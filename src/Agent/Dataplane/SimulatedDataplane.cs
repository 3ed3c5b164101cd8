using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

/// <summary>
/// An in-memory VPP, faithful where the agent can tell. Tables are keyed by (id, address family) and carry a name;
/// table 0 exists in both families and cannot be deleted; adding a taken id under another name fails as VPP does.
/// Interfaces get monotonically allocated sw_if_indexes (0 is local0). VXLAN tunnels are unique by (src, dst, vni)
/// and need their encap table (<c>VNET_API_ERROR_NO_SUCH_FIB</c>); memif interfaces get their own socket with VPP as
/// master, and their link comes up once "the pod's application connects" (on the next <see cref="Elapse"/>); taps are up
/// at once. Binding an interface, a route or a service entry to a missing table, or a route to an unknown interface,
/// is refused. A traffic generator (<see cref="Elapse"/>) moves the counters of up interfaces deterministically.
/// Thread-safe. Outlives agent restarts when the host keeps it.
/// </summary>
public sealed partial class SimulatedDataplane : IDataplane
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

    /// <summary>
    /// As VPP's ip_table_delete: deleting table 0 or a missing table succeeds and changes nothing; the routes and
    /// service entries in a deleted table go with it. Stricter than VPP (which keeps a table alive while interfaces
    /// hold it), a table that still has interfaces bound is refused, so an out-of-order delete shows.
    /// </summary>
    public Task DeleteTableAsync(DataplaneTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        cancellationToken.ThrowIfCancellationRequested();
        Begin(new DataplaneOperation.DeleteTable(table));
        if (table.TableId == 0)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            var key = (table.TableId, table.IsIpv6);
            if (!_tables.ContainsKey(key))
            {
                return Task.CompletedTask;
            }

            var bound = _interfaces.Values.Count(i => i.Table == key);
            if (bound > 0)
            {
                throw new DataplaneException(
                    $"ip_table_add_del: {Family(table.IsIpv6)} table {table.TableId} still has {bound} interface(s) bound.", "VNET_API_ERROR_INSTANCE_IN_USE");
            }

            _tables.Remove(key);
            foreach (var route in _routes.Values.Where(r => r.TableId == table.TableId && IsIpv6Prefix(r.Prefix) == table.IsIpv6).ToList())
            {
                _routes.Remove(route.Key);
            }

            foreach (var service in _services.Values.Where(s => s.TableId == table.TableId && IsIpv6Address(s.Vip) == table.IsIpv6).ToList())
            {
                _services.Remove(service.Key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<DataplaneState> DumpAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _dumpCount);
        lock (_lock)
        {
            var interfaces = _interfaces.Values.OrderBy(i => i.SwIfIndex).ToList();
            return Task.FromResult(new DataplaneState
            {
                Tables = [.. _tables.OrderBy(t => t.Key.TableId).ThenBy(t => t.Key.IsIpv6).Select(t => new DataplaneTable(t.Key.TableId, t.Key.IsIpv6, t.Value))],
                Tunnels = [.. interfaces.Where(i => i.Tunnel is not null).Select(i => new ObservedTunnel(i.Tunnel!, i.SwIfIndex, i.AdminUp && i.LinkUp, i.Counters))],
                Interfaces = [.. interfaces.Where(i => i.Pod is not null).Select(i => new ObservedPodInterface(i.Pod!, i.SwIfIndex, i.AdminUp, i.LinkUp, i.Counters)
                {
                    Role = i.Pod!.Kind == PodInterfaceKind.Memif ? "master" : null,
                    Mode = i.Pod.Kind == PodInterfaceKind.Memif ? "ethernet" : null,
                    HostInterfaceName = i.Pod.Kind == PodInterfaceKind.Tap ? i.Name : null,
                    Mac = i.Mac,
                })],
                Routes = [.. _routes.Values.OrderBy(r => r.TableId).ThenBy(r => r.Prefix, StringComparer.Ordinal)],
                Services = [.. _services.Values.OrderBy(s => s.Key, StringComparer.Ordinal)],
                Policies = [.. _policies.Values.OrderBy(p => p.InterfaceTag, StringComparer.Ordinal)],
            });
        }
    }

    public Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case DataplaneOperation.AddTable add:
                return AddTableAsync(add.Table, cancellationToken);
            case DataplaneOperation.DeleteTable delete:
                return DeleteTableAsync(delete.Table, cancellationToken);
        }

        Begin(operation);
        lock (_lock)
        {
            switch (operation)
            {
                case DataplaneOperation.AddTunnel add: AddTunnel(add.Tunnel); break;
                case DataplaneOperation.DeleteTunnel delete: DeleteTunnel(delete.Tunnel.Spec); break;
                case DataplaneOperation.AddPodInterface add: AddPodInterface(add.Interface); break;
                case DataplaneOperation.DeletePodInterface delete: DeletePodInterface(delete.Interface.Spec); break;
                case DataplaneOperation.MovePodInterface move: MovePodInterface(move.Interface.Spec, move.Target); break;
                case DataplaneOperation.AddRoute add: AddRoute(add.Route); break;
                case DataplaneOperation.DeleteRoute delete: DeleteRoute(delete.Route); break;
                case DataplaneOperation.AddServiceEntry add: AddServiceEntry(add.Service); break;
                case DataplaneOperation.DeleteServiceEntry delete: DeleteServiceEntry(delete.Service); break;
                case DataplaneOperation.BindPolicy bind: BindPolicy(bind.Binding); break;
                case DataplaneOperation.UnbindPolicy unbind: _policies.Remove(unbind.Binding.InterfaceTag); break;
                default: throw new DataplaneException($"{operation.Describe()}: not supported by this driver.");
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
