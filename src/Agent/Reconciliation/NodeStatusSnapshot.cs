using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>The node's inventory at one version of <see cref="NodeStatusStore"/>. Version 0: nothing reconciled yet.</summary>
internal sealed record NodeStatusSnapshot(long Version, NodeInventory Inventory)
{
    public ImmutableArray<VrfStatus> Vrfs => Inventory.Vrfs;
}
