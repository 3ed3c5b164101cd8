using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>
/// What changed in one collection of a node's inventory: items added or changed (whole items) and the keys
/// (<see cref="IInventoryItem.Key"/>) of items gone.
/// </summary>
public sealed record CollectionDelta<T>(ImmutableArray<T> Upserted, ImmutableArray<string> Removed)
    where T : IInventoryItem
{
    public static CollectionDelta<T> Empty { get; } = new([], []);

    public bool IsEmpty => Upserted.IsEmpty && Removed.IsEmpty;

    /// <summary>The delta from <paramref name="before"/> to <paramref name="after"/>: changed items by value, both ordered by key.</summary>
    public static CollectionDelta<T> Between(IEnumerable<T> before, IEnumerable<T> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ByKey(before);
        var now = ByKey(after);
        var upserted = now.Values.Where(v => !old.TryGetValue(v.Key, out var was) || !EqualityComparer<T>.Default.Equals(was, v))
            .OrderBy(v => v.Key, StringComparer.Ordinal);
        var removed = old.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal);
        return new([.. upserted], [.. removed]);
    }

    /// <summary>As <see cref="Between(IEnumerable{T}, IEnumerable{T})"/>; the same array on both sides is no change, at no cost.</summary>
    public static CollectionDelta<T> Between(ImmutableArray<T> before, ImmutableArray<T> after) =>
        before == after ? Empty : Between((IEnumerable<T>)before, after);

    /// <summary>Applies the delta to <paramref name="items"/>: removals first, then upserts; the result is ordered by key.</summary>
    public ImmutableArray<T> ApplyTo(ImmutableArray<T> items)
    {
        if (IsEmpty)
        {
            return items;
        }

        var byKey = ByKey(items);
        foreach (var key in Removed)
        {
            byKey.Remove(key);
        }

        foreach (var item in Upserted)
        {
            byKey[item.Key] = item;
        }

        return [.. byKey.Values.OrderBy(v => v.Key, StringComparer.Ordinal)];
    }

    private static Dictionary<string, T> ByKey(IEnumerable<T> items)
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byKey[item.Key] = item; // a duplicate key keeps the last item, as an upsert would
        }

        return byKey;
    }
}

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

    /// <summary>The inventory after this delta: <c>Between(a, b).ApplyTo(a)</c> is equivalent to <c>b</c>.</summary>
    public NodeInventory ApplyTo(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory with
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
    }
}
