using Multinet.Web.State;

namespace Multinet.Web.Timeline;

/// <summary>
/// Late nodes: a node that connects while a change's results are still awaited (within the result timeout) and was not
/// awaited for it is awaited from the moment it joined, so its result joins the change's entry, marked
/// <see cref="LateNote"/>. A node joining after the timeout is not awaited: the change's results then name only the
/// nodes present while they were collected.
/// </summary>
internal sealed partial class TimelineRecorder
{
    internal const string LateNote = " (joined after the change)";

    private readonly Dictionary<(string Kind, string Name), OpenChange> _open = [];

    /// <summary>
    /// Nodes that connected since the previous batch (new, or back after a disconnection) and were not awaited for a change
    /// whose results are still awaited: each is awaited now, from the moment it joined, when the object concerns it (every
    /// node holds every Network; another object only where the node should hold some of it).
    /// </summary>
    private void ExpectLateNodes(LiveSnapshot snapshot, NodePlans plans, DateTime now)
    {
        if (_open.Count == 0 || _previous is null)
        {
            return;
        }

        var joined = snapshot.Nodes.Values
            .Where(n => n.Connected && _previous.Nodes.GetValueOrDefault(n.Name) is not { Connected: true })
            .ToList();
        foreach (var ((kind, name), open) in _open)
        {
            if (now - open.SeenAt >= ResultTimeout)
            {
                continue;
            }

            foreach (var node in joined.Where(n => !open.Awaited.Contains(n.Name)))
            {
                var concerned = kind == NetworkKind || Expected(plans.After, kind, name, node.Name).Length > 0;
                if (!concerned)
                {
                    continue;
                }

                open.Awaited.Add(node.Name);
                var baseline = _previous.Nodes.GetValueOrDefault(node.Name)?.Inventory.LastApply;
                _pending[(kind, name, node.Name)] = new PendingResult(now, open.Generation, baseline,
                    Describe(ErrorsOf(_previous.Nodes.GetValueOrDefault(node.Name)?.Inventory ?? node.Inventory, kind, name, node.Name, plans.After)), Late: true);
            }
        }
    }

    /// <summary>A change whose results are still awaited, and every node awaited for it so far.</summary>
    private sealed record OpenChange(DateTime SeenAt, long? Generation, HashSet<string> Awaited);
}
