namespace Multinet.Shared.Domain;

/// <summary>
/// The minimum operations that take the dataplane from what it reports to what the plan wants.
/// Only tables tagged as ours are ever deleted; deletions come before additions so a table id
/// that moves from one network to another is freed first.
/// </summary>
public static class DataplaneDiff
{
    public static IReadOnlyList<DataplaneOperation> Compute(NodePlan plan, IEnumerable<DataplaneTable> actual)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actual);

        var wanted = plan.Vrfs.ToDictionary(v => (v.TableId, v.IsIpv6), v => new DataplaneTable(v.TableId, v.IsIpv6, v.TableName));
        var present = actual.Where(t => t.TableId != 0).ToDictionary(t => (t.TableId, t.IsIpv6));

        var operations = new List<DataplaneOperation>();
        foreach (var (key, table) in present.OrderBy(p => p.Key.TableId))
        {
            var ours = DataplaneNames.NetworkOfTable(table.Name) is not null;
            var keep = wanted.TryGetValue(key, out var want) && want.Name == table.Name;
            if (ours && !keep)
            {
                operations.Add(new DataplaneOperation.DeleteTable(table));
            }
        }

        foreach (var (key, table) in wanted.OrderBy(w => w.Key.TableId))
        {
            if (!present.TryGetValue(key, out var have) || (have.Name != table.Name && DataplaneNames.NetworkOfTable(have.Name) is not null))
            {
                operations.Add(new DataplaneOperation.AddTable(table));
            }
        }

        return operations;
    }
}
