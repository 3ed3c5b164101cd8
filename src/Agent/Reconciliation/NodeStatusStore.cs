using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>The node's current VRF statuses, with a version that moves only when they change, and a way to wait for that.</summary>
internal sealed class NodeStatusStore
{
    private readonly Lock _lock = new();
    private NodeStatusSnapshot _current = new(0, NodeInventory.Empty);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NodeStatusSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Stores VRF statuses only (ordered by network), keeping the rest of the inventory.</summary>
    public bool Publish(IEnumerable<VrfStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return Publish(Current.Inventory with { Vrfs = [.. statuses.OrderBy(s => s.Network, StringComparer.Ordinal)] });
    }

    /// <summary>Stores the inventory; wakes waiters only when it differs from the current one.</summary>
    public bool Publish(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (_current.Version > 0 && _current.Inventory.Equivalent(inventory))
            {
                return false;
            }

            _current = new NodeStatusSnapshot(_current.Version + 1, inventory);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return true;
    }

    /// <summary>Completes once the version is past <paramref name="knownVersion"/>.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _current.Version > knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }
}
