using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// Keeps the default /topology view's graph built from the live state in <see cref="TopologyGraphCache"/>, so a first
/// visit finds it there instead of building it before its HTML is sent (at 200 nodes and 10,000 pods a build takes
/// 0.2–0.3 s, and the first one, its code not yet compiled, up to a second). It builds when the live state changed, at
/// most once per <see cref="Interval"/>, and once more after the last change of a burst: idle, it does nothing. A page
/// opened before that build catches up builds its own graph, from the state it shows.
/// </summary>
internal sealed class TopologyGraphWarmer(LiveState live, TopologyGraphCache graphs, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The least time between two builds.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Raised after each build, with the snapshot built from.</summary>
    public event Action<LiveSnapshot>? Warmed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = live.Subscribe(stoppingToken);
        await using var batches = subscription.Batches.GetAsyncEnumerator(stoppingToken);
        long? builtAt = null;
        var changed = true; // the state at start has not been built from
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next ??= batches.MoveNextAsync().AsTask();
                if (changed)
                {
                    var wait = builtAt is { } at ? Interval - timeProvider.GetElapsedTime(at) : TimeSpan.Zero;
                    if (wait <= TimeSpan.Zero)
                    {
                        var snapshot = live.Current;
                        graphs.Get(snapshot, TopologyQuery.Default);
                        Warmed?.Invoke(snapshot);
                        builtAt = timeProvider.GetTimestamp();
                        changed = false;
                        continue;
                    }

                    await Task.WhenAny(next, Task.Delay(wait, timeProvider, stoppingToken));
                    if (!next.IsCompleted)
                    {
                        continue;
                    }
                }

                if (!await next)
                {
                    return;
                }

                next = null;
                changed = true;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
