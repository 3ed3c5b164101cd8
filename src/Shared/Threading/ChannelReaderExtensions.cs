using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Multinet.Shared.Threading;

public static class ChannelReaderExtensions
{
    /// <summary>
    /// Reads the channel as batches: everything available is taken at once, and after each batch the reader
    /// waits <paramref name="minInterval"/> so a burst of items becomes a handful of batches. The first item
    /// after a quiet period is delivered at once.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync<T>(this ChannelReader<T> reader, TimeSpan minInterval,
        TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(timeProvider);

        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<T>();
            while (reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }

            if (minInterval > TimeSpan.Zero)
            {
                await Task.Delay(minInterval, timeProvider, cancellationToken);
            }
        }
    }
}
