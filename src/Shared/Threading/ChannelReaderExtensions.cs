using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Multinet.Shared.Threading;

public static class ChannelReaderExtensions
{
    /// <summary>
    /// Reads the channel as batches, at most one per <paramref name="interval"/> while items keep coming. The first item
    /// after a quiet period is delivered at once (leading edge). Items that arrive sooner are gathered until the burst
    /// settles, that is until no new item came for <paramref name="settle"/>, or until the interval since the last batch
    /// is over, whichever is first: the tail of a short burst does not wait out the whole interval, and a steady stream
    /// still becomes one batch per interval.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync<T>(this ChannelReader<T> reader, TimeSpan interval, TimeSpan settle,
        TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(timeProvider);

        long? lastBatch = null;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<T>();
            Drain(reader, batch);
            if (lastBatch is { } last)
            {
                while (interval - timeProvider.GetElapsedTime(last) is var left && left > TimeSpan.Zero
                    && await MoreWithinAsync(reader, left < settle ? left : settle, timeProvider, cancellationToken))
                {
                    Drain(reader, batch);
                }

                Drain(reader, batch);
            }

            if (batch.Count > 0)
            {
                lastBatch = timeProvider.GetTimestamp();
                yield return batch;
            }
        }
    }

    /// <summary>Whether an item (or the channel's end) comes within <paramref name="wait"/>.</summary>
    private static async Task<bool> MoreWithinAsync<T>(ChannelReader<T> reader, TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var more = reader.WaitToReadAsync(stop.Token).AsTask();
        var quiet = Task.Delay(wait, timeProvider, stop.Token);
        var first = await Task.WhenAny(more, quiet);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == more && await more;
    }

    private static void Drain<T>(ChannelReader<T> reader, List<T> batch)
    {
        while (reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }
}
