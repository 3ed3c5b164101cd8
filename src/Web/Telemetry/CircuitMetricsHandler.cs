using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Multinet.Web.Telemetry;

/// <summary>Counts live Blazor circuits for <see cref="ConsoleMetrics"/>.</summary>
internal sealed class CircuitMetricsHandler : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ConsoleMetrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ConsoleMetrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
