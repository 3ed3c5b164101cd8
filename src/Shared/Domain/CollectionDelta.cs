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

    /// <summary>
    /// Applies the delta to <paramref name="items"/>: removals first, then upserts; the result is ordered by key. Items the
    /// delta leaves as they were, or upserts with an equal value, stay the same instances; when nothing changes at all the
    /// result is <paramref name="items"/> itself (the same array), so whatever was derived from it still holds. A changed
    /// item shares the replaced one's equal strings (<see cref="InventoryItemSharing"/>).
    /// </summary>
    public ImmutableArray<T> ApplyTo(ImmutableArray<T> items)
    {
        if (IsEmpty)
        {
            return items;
        }

        var upserts = new Dictionary<string, T>(Upserted.Length, StringComparer.Ordinal);
        foreach (var item in Upserted)
        {
            upserts[item.Key] = item; // a duplicate key keeps the last item
        }

        var removed = Removed.IsEmpty ? null : new HashSet<string>(Removed, StringComparer.Ordinal);
        var kept = new List<(string Key, T Item)>(items.Length + upserts.Count);
        var changed = false;
        string? previous = null;
        foreach (var item in items)
        {
            var key = item.Key;
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                return Rebuilt(items); // not ordered by key, or a key twice: rebuilt whole, as any delta would leave it
            }

            previous = key;
            if (upserts.Remove(key, out var next))
            {
                var same = EqualityComparer<T>.Default.Equals(item, next);
                kept.Add((key, same ? item : InventoryItemSharing.Sharing(item, next)));
                changed |= !same;
            }
            else if (removed?.Contains(key) == true)
            {
                changed = true;
            }
            else
            {
                kept.Add((key, item));
            }
        }

        if (upserts.Count > 0)
        {
            // Keys the collection did not hold: merged in by key.
            kept.AddRange(upserts.Select(u => (u.Key, u.Value)));
            kept.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            changed = true;
        }

        if (!changed)
        {
            return items;
        }

        var result = ImmutableArray.CreateBuilder<T>(kept.Count);
        foreach (var (_, item) in kept)
        {
            result.Add(item);
        }

        return result.MoveToImmutable();
    }

    /// <summary>The delta applied by key to items in any order (duplicates keep the last), ordered by key.</summary>
    private ImmutableArray<T> Rebuilt(ImmutableArray<T> items)
    {
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
