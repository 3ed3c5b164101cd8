using Multinet.Web.State;

namespace Multinet.UnitTests.TestSupport;

internal static class LiveStateTestExtensions
{
    /// <summary>Waits, change by change, until the live state satisfies <paramref name="condition"/> (120 s at most, reached only on failure: a loaded machine may take long).</summary>
    public static async Task<LiveSnapshot> WaitForAsync(this LiveState live, Func<LiveSnapshot, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure
        var subscription = live.Subscribe(timeout.Token);
        if (condition(subscription.Snapshot))
        {
            return subscription.Snapshot;
        }

        await foreach (var batch in subscription.Batches.WithCancellation(timeout.Token))
        {
            if (condition(batch.Snapshot))
            {
                return batch.Snapshot;
            }
        }

        throw new InvalidOperationException("The live state feed ended.");
    }
}
