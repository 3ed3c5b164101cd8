using System.Threading.Channels;

namespace Multinet.UnitTests.TestSupport;

internal static class ChannelReaderTestExtensions
{
    /// <summary>Reads the next item, failing the test if none arrives within <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<T> reader, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60)); // reached only on failure: a loaded machine may take seconds to deliver
        try
        {
            return await reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived within {timeout ?? TimeSpan.FromSeconds(60)}.");
        }
    }
}
