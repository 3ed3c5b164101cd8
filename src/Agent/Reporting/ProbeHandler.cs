using System.Net;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reporting;

/// <summary>
/// Answers the console's <see cref="ProbeRequest"/>: finds the network's VRF among what this node applied, asks the
/// dataplane to probe from it, and turns the outcome, or why there was none, into a <see cref="ProbeResult"/> with the
/// request's id. Never throws for a bad request or a refusing dataplane: the console always hears back.
/// </summary>
internal sealed partial class ProbeHandler(NodeStatusStore store, IDataplane dataplane, ILogger logger)
{
    /// <summary>The most echo requests one probe sends.</summary>
    public const int MaxCount = 10;

    /// <summary>How long the dataplane may take before the probe is given up (VPP's ping waits a second per request).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<ProbeResult> HandleAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = new ProbeResult { Id = request.Id };
        if (!IPAddress.TryParse(request.Destination, out var destination))
        {
            result.Error = $"destination: \"{request.Destination}\" is not an IP address.";
            return result;
        }

        IPAddress? source = null;
        if (request.Source.Length > 0 && !IPAddress.TryParse(request.Source, out source))
        {
            result.Error = $"source: \"{request.Source}\" is not an IP address.";
            return result;
        }

        var vrf = store.Current.Vrfs.FirstOrDefault(v => v.Network == request.Network);
        if (vrf is null)
        {
            result.Error = $"This node has no VRF for network \"{request.Network}\".";
            return result;
        }

        var count = (int)Math.Clamp(request.Count, 1u, MaxCount);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var outcome = await dataplane.ProbeAsync(new DataplaneProbe(request.Network, vrf.TableId, source, destination, count), timeout.Token);
            (result.Sent, result.Received, result.Detail) = ((uint)outcome.Sent, (uint)outcome.Received, outcome.Detail);
            LogProbed(request.Network, request.Source, request.Destination, outcome.Sent, outcome.Received);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result.Error = $"The {dataplane.Kind} dataplane did not finish the probe within {Timeout.TotalSeconds:0} s.";
        }
        catch (Exception ex) when (ex is DataplaneException or IOException or Dataplane.Vpp.VppApiException)
        {
            result.Error = ex.Message;
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probed {Destination} from {Source} in {Network}: {Received}/{Sent} replies.")]
    private partial void LogProbed(string network, string source, string destination, int sent, int received);
}
