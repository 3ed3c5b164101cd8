using Microsoft.AspNetCore.Components;
using Multinet.Web.State;

namespace Multinet.Web.Components;

/// <summary>
/// A page that shows <see cref="LiveState"/>: it subscribes once, keeps the latest snapshot, and renders once per
/// coalesced batch on the renderer's dispatcher, unless the user paused live updates. The subscription ends with the component.
/// Prerendered (before the circuit starts) it renders the current state without subscribing.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    /// <summary>
    /// Rows a prerendered table shows (a tall screen's worth): a virtualised table renders rows only once the browser has
    /// measured it, so before the circuit starts it shows these instead of nothing.
    /// </summary>
    public const int PrerenderedRows = 40;

    private readonly CancellationTokenSource _cts = new();
    private Task _watchTask = Task.CompletedTask;

    private LiveSnapshot? _pending;
    private bool _batchShowsNothingNew;

    [Inject]
    public required LiveState Live { get; init; }

    [Inject]
    public required LiveUpdates Updates { get; init; }

    /// <summary>The state this component last rendered from.</summary>
    protected LiveSnapshot Snapshot { get; private set; } = LiveSnapshot.Empty;

    protected override void OnInitialized()
    {
        // Prerendering (the HTML response) shows the current state once; only the interactive render subscribes, so a page
        // holds one subscription, for as long as its circuit shows it.
        if (!RendererInfo.IsInteractive)
        {
            Snapshot = Live.Current;
            OnSnapshot();
            return;
        }

        var subscription = Live.Subscribe(_cts.Token);
        Snapshot = subscription.Snapshot;
        OnSnapshot();
        Updates.Changed += OnPauseChanged;
        _watchTask = WatchAsync(subscription.Batches, _cts.Token);
    }

    /// <summary>Called on the dispatcher after <see cref="Snapshot"/> changed, before rendering.</summary>
    protected virtual void OnSnapshot()
    {
    }

    /// <summary>
    /// Called from <see cref="OnSnapshot"/> when the new snapshot changes nothing the page shows (say, counters of a
    /// table it does not display): that live batch is then not rendered. Parameter changes and the user's events render
    /// as always; only the batch being shown is skipped.
    /// </summary>
    protected void ShowsNothingNew() => _batchShowsNothingNew = true;

    /// <summary>Raised on the dispatcher once a live batch has been shown: rendered, or skipped as showing nothing new.</summary>
    internal event Action? LiveBatchShown;

    /// <summary>Called on the dispatcher for a batch held back because updates are paused.</summary>
    protected virtual void OnPausedBatch(LiveBatch batch)
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
                    if (Updates.HoldingBack)
                    {
                        _pending = batch.Snapshot;
                        if (Updates.Paused)
                        {
                            OnPausedBatch(batch);
                        }

                        return;
                    }

                    Show(batch.Snapshot);
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

    private void Show(LiveSnapshot snapshot)
    {
        Snapshot = snapshot;
        _pending = null;
        _batchShowsNothingNew = false;
        OnSnapshot();
        if (!_batchShowsNothingNew)
        {
            StateHasChanged();
        }

        _batchShowsNothingNew = false;
        LiveBatchShown?.Invoke();
    }

    /// <summary>Resuming (or the browser coming back) shows the latest state at once. Raised on the circuit's dispatcher.</summary>
    private void OnPauseChanged()
    {
        if (!Updates.HoldingBack && _pending is { } pending)
        {
            Show(pending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Updates.Changed -= OnPauseChanged;
        await _cts.CancelAsync();
        await _watchTask;
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
