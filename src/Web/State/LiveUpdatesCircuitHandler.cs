using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Multinet.Web.State;

/// <summary>
/// Tells the circuit's <see cref="LiveUpdates"/> when its browser goes away and comes back: a closed tab's or dropped
/// connection's circuit is kept for a while in case it reconnects, and meanwhile its pages hold back live batches instead
/// of rebuilding their rows for nobody.
/// </summary>
internal sealed class LiveUpdatesCircuitHandler(LiveUpdates updates) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        updates.SetConnected(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        updates.SetConnected(true);
        return Task.CompletedTask;
    }
}
