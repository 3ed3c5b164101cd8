using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;

namespace Multinet.Web.State;

/// <summary>
/// An agent whose stream stays open but that sends nothing (not even heartbeats) is marked stale, so pages stop
/// presenting its last report as current. Checks every second; a node is stale after <see cref="MultinetOptions.StaleAfter"/>.
/// </summary>
internal sealed class NodeStalenessMonitor(LiveState live, IOptions<MultinetOptions> options, TimeProvider timeProvider) : BackgroundService
{
    // Made with the service, not when ExecuteAsync gets to run, so no tick of the clock is missed.
    private readonly PeriodicTimer _timer = new(TimeSpan.FromSeconds(1), timeProvider);

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                live.MarkStale(timeProvider.GetUtcNow().UtcDateTime - options.Value.StaleAfter);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
