using Microsoft.AspNetCore.SignalR;
using Multinet.Web.State;
using Multinet.Web.Telemetry;

namespace Multinet.Web.Hubs;

/// <summary>One subscription to <see cref="LiveState"/> for all hub clients: each batch is broadcast once.</summary>
internal sealed class LiveHubPublisher(LiveState live, IHubContext<LiveHub> hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = live.Subscribe(stoppingToken);
        try
        {
            await foreach (var batch in subscription.Batches.WithCancellation(stoppingToken))
            {
                await hub.Clients.All.SendAsync(LiveHub.ChangesMethod,
                    new LiveChangesDto(batch.Snapshot.Version, batch.Changes, batch.Overflowed), stoppingToken);
                ConsoleMetrics.HubMessage(LiveHub.ChangesMethod);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
