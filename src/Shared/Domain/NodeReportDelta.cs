using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>
/// What changed on a node since the last report, per inventory collection. The VRF collection keeps its original
/// shape (<see cref="Upserted"/>, <see cref="RemovedNetworks"/>); <see cref="LastApply"/> is set only when it changed.
/// </summary>
public sealed record NodeReportDelta(ImmutableArray<VrfStatus> Upserted, ImmutableArray<string> RemovedNetworks)
{
    public static NodeReportDelta Empty { get; } = new([], []);

    public CollectionDelta<TunnelStatus> Tunnels { get; init; } = CollectionDelta<TunnelStatus>.Empty;

    public CollectionDelta<MemifStatus> Memifs { get; init; } = CollectionDelta<MemifStatus>.Empty;

    public CollectionDelta<TapStatus> Taps { get; init; } = CollectionDelta<TapStatus>.Empty;

    public CollectionDelta<RouteStatus> Routes { get; init; } = CollectionDelta<RouteStatus>.Empty;

    public CollectionDelta<ServiceEntryStatus> Services { get; init; } = CollectionDelta<ServiceEntryStatus>.Empty;

    public CollectionDelta<PolicyBindingStatus> Policies { get; init; } = CollectionDelta<PolicyBindingStatus>.Empty;

    public CollectionDelta<ObjectError> Errors { get; init; } = CollectionDelta<ObjectError>.Empty;

    /// <summary>The new last apply; null when it did not change.</summary>
    public ApplyStats? LastApply { get; init; }

    /// <summary>The VRF part as a collection delta.</summary>
    public CollectionDelta<VrfStatus> Vrfs => new(Upserted, RemovedNetworks);

    public bool IsEmpty =>
        Upserted.IsEmpty && RemovedNetworks.IsEmpty && Tunnels.IsEmpty && Memifs.IsEmpty && Taps.IsEmpty && Routes.IsEmpty
        && Services.IsEmpty && Policies.IsEmpty && Errors.IsEmpty && LastApply is null;

    /// <summary>Items upserted across all collections.</summary>
    public int UpsertedCount =>
        Upserted.Length + Tunnels.Upserted.Length + Memifs.Upserted.Length + Taps.Upserted.Length + Routes.Upserted.Length
        + Services.Upserted.Length + Policies.Upserted.Length + Errors.Upserted.Length;

    /// <summary>Keys removed across all collections.</summary>
    public int RemovedCount =>
        RemovedNetworks.Length + Tunnels.Removed.Length + Memifs.Removed.Length + Taps.Removed.Length + Routes.Removed.Length
        + Services.Removed.Length + Policies.Removed.Length + Errors.Removed.Length;

    /// <summary>The delta from <paramref name="before"/> to <paramref name="after"/>, keyed by network name.</summary>
    public static NodeReportDelta Between(IEnumerable<VrfStatus> before, IEnumerable<VrfStatus> after)
    {
        var vrfs = CollectionDelta<VrfStatus>.Between(before, after);
        return new(vrfs.Upserted, vrfs.Removed);
    }

    private static NodeReportDelta Between(ImmutableArray<VrfStatus> before, ImmutableArray<VrfStatus> after)
    {
        var vrfs = CollectionDelta<VrfStatus>.Between(before, after);
        return new(vrfs.Upserted, vrfs.Removed);
    }

    /// <summary>The delta from <paramref name="before"/> to <paramref name="after"/> over every collection, keyed by item key.</summary>
    public static NodeReportDelta Between(NodeInventory before, NodeInventory after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Between(before.Vrfs, after.Vrfs) with
        {
            Tunnels = CollectionDelta<TunnelStatus>.Between(before.Tunnels, after.Tunnels),
            Memifs = CollectionDelta<MemifStatus>.Between(before.Memifs, after.Memifs),
            Taps = CollectionDelta<TapStatus>.Between(before.Taps, after.Taps),
            Routes = CollectionDelta<RouteStatus>.Between(before.Routes, after.Routes),
            Services = CollectionDelta<ServiceEntryStatus>.Between(before.Services, after.Services),
            Policies = CollectionDelta<PolicyBindingStatus>.Between(before.Policies, after.Policies),
            Errors = CollectionDelta<ObjectError>.Between(before.Errors, after.Errors),
            LastApply = after.LastApply is { } last && last != before.LastApply ? last : null,
        };
    }

    /// <summary>
    /// The inventory after this delta: <c>Between(a, b).ApplyTo(a)</c> is equivalent to <c>b</c>. Collections and items the
    /// delta leaves as they were are shared with <paramref name="inventory"/>; a delta that changes nothing returns it.
    /// </summary>
    public NodeInventory ApplyTo(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var next = inventory with
        {
            Vrfs = Vrfs.ApplyTo(inventory.Vrfs),
            Tunnels = Tunnels.ApplyTo(inventory.Tunnels),
            Memifs = Memifs.ApplyTo(inventory.Memifs),
            Taps = Taps.ApplyTo(inventory.Taps),
            Routes = Routes.ApplyTo(inventory.Routes),
            Services = Services.ApplyTo(inventory.Services),
            Policies = Policies.ApplyTo(inventory.Policies),
            Errors = Errors.ApplyTo(inventory.Errors),
            LastApply = LastApply ?? inventory.LastApply,
        };
        return next.SharesEveryCollectionWith(inventory) ? inventory : next;
    }
}
