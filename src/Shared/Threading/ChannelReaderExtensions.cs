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
    public static IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync<T>(this ChannelReader<T> reader, TimeSpan interval, TimeSpan settle,
        TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ReadBatchesAsync(reader, new BatchTiming<T>(interval, settle), timeProvider, cancellationToken);

    /// <summary>
    /// As <see cref="ReadBatchesAsync{T}(ChannelReader{T}, TimeSpan, TimeSpan, TimeProvider, CancellationToken)"/>, and an
    /// urgent item (<see cref="BatchTiming{T}.IsUrgent"/>) also ends the gathering once no other urgent item came for
    /// <see cref="BatchTiming{T}.UrgentSettle"/>, however busy the channel is with other items: in a steady stream of routine
    /// items, which never settles, an urgent one goes out after its short settle rather than at the end of the interval,
    /// together with whatever was gathered so far.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync<T>(this ChannelReader<T> reader, BatchTiming<T> timing,
        TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(timeProvider);

        long? lastBatch = null;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<T>();
            var lastUrgent = Drain(reader, batch, timing, null, timeProvider);
            if (lastBatch is { } last)
            {
                while (Wait(timing, last, lastUrgent, timeProvider) is var wait && wait > TimeSpan.Zero
                    && await MoreWithinAsync(reader, wait, timeProvider, cancellationToken))
                {
                    lastUrgent = Drain(reader, batch, timing, lastUrgent, timeProvider);
                }

                Drain(reader, batch, timing, lastUrgent, timeProvider);
            }

            if (batch.Count > 0)
            {
                lastBatch = timeProvider.GetTimestamp();
                yield return batch;
            }
        }
    }

    /// <summary>
    /// How long gathering may wait for the next item: until the interval since the last batch is over, the burst settled,
    /// or the last urgent item settled, whichever is first; zero or less when gathering is over.
    /// </summary>
    private static TimeSpan Wait<T>(BatchTiming<T> timing, long lastBatch, long? lastUrgent, TimeProvider timeProvider)
    {
        var wait = timing.Interval - timeProvider.GetElapsedTime(lastBatch);
        if (timing.Settle < wait)
        {
            wait = timing.Settle;
        }

        if (lastUrgent is { } urgent && timing.UrgentSettle - timeProvider.GetElapsedTime(urgent) is var urgentLeft && urgentLeft < wait)
        {
            wait = urgentLeft;
        }

        return wait;
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

    /// <summary>Takes what the channel holds into <paramref name="batch"/>; returns when the last urgent item of the batch came.</summary>
    private static long? Drain<T>(ChannelReader<T> reader, List<T> batch, BatchTiming<T> timing, long? lastUrgent, TimeProvider timeProvider)
    {
        var urgent = false;
        while (reader.TryRead(out var item))
        {
            batch.Add(item);
            urgent |= timing.IsUrgent is { } isUrgent && isUrgent(item);
        }

        return urgent ? timeProvider.GetTimestamp() : lastUrgent;
    }
}
