using Microsoft.AspNetCore.Components;
using Multinet.Web.State;

namespace Multinet.Web.Components;

/// <summary>
/// A page that shows <see cref="LiveState"/>: it subscribes once, keeps the latest snapshot, and renders once per
/// coalesced batch on the renderer's dispatcher. The subscription ends with the component.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private Task _watchTask = Task.CompletedTask;

    [Inject]
    public required LiveState Live { get; init; }

    /// <summary>The state this component last rendered from.</summary>
    protected LiveSnapshot Snapshot { get; private set; } = LiveSnapshot.Empty;

    protected override void OnInitialized()
    {
        var subscription = Live.Subscribe(_cts.Token);
        Snapshot = subscription.Snapshot;
        OnSnapshot();
        _watchTask = WatchAsync(subscription.Batches, _cts.Token);
    }

    /// <summary>Called on the dispatcher after <see cref="Snapshot"/> changed, before rendering.</summary>
    protected virtual void OnSnapshot()
    {
    }

    private async Task WatchAsync(IAsyncEnumerable<LiveBatch> batches, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Snapshot = batch.Snapshot;
                    OnSnapshot();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _watchTask;
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
