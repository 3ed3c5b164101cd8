using System.Threading.Channels;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// Asks for a reconcile. At most one request waits at a time, so a burst of watch events
/// collapses into a single reconcile that sees all of them.
/// </summary>
internal sealed class ReconcileTrigger
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Request() => _channel.Writer.TryWrite(true);

    /// <summary>Completes with true once a request is pending (without taking it), or false when no more can come.</summary>
    public Task<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>Takes the pending request, if any: called right before a reconcile reads the cache.</summary>
    public bool TryConsume() => _channel.Reader.TryRead(out _);
}
