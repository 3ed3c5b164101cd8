using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Multinet.Kube;

namespace Multinet.Agent.Telemetry;

/// <summary>
/// The agent's instruments (meter <see cref="MeterName"/>), each tagged with the node it speaks for: reconcile passes,
/// dataplane operations by kind and result, every dataplane call's latency and errors (on the Vpp driver a call is a VPP
/// binary API request, or the request series of a dump), and operations that repaired drift. Watch restarts are
/// <see cref="Kube.WatchMetrics"/>'s.
/// </summary>
internal sealed class AgentMetrics(IOptions<AgentOptions> options)
{
    public const string MeterName = MeterNames.Agent;

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Histogram<double> s_reconcileDuration = s_meter.CreateHistogram<double>(
        "multinet.agent.reconcile.duration", unit: "s", description: "Duration of a reconcile pass: plan, dump, apply the diff, dump again.");

    private static readonly Counter<long> s_operations = s_meter.CreateCounter<long>(
        "multinet.agent.dataplane.operations", unit: "{operation}", description: "Dataplane operations a reconcile issued, by kind and result (applied, failed, skipped).");

    private static readonly Histogram<double> s_callDuration = s_meter.CreateHistogram<double>(
        "multinet.agent.dataplane.call.duration", unit: "s", description: "Latency of a dataplane call (a VPP API request on the Vpp driver), by call.");

    private static readonly Counter<long> s_callErrors = s_meter.CreateCounter<long>(
        "multinet.agent.dataplane.call.errors", unit: "{error}", description: "Dataplane calls that failed (VPP refused or did not answer), by call.");

    private static readonly Counter<long> s_driftRepairs = s_meter.CreateCounter<long>(
        "multinet.agent.drift.repairs", unit: "{operation}", description: "Operations a periodic resync issued with no cluster change: the dataplane had drifted.");

    private static readonly Counter<long> s_scopedPasses = s_meter.CreateCounter<long>(
        "multinet.agent.reconcile.scoped", unit: "{pass}", description: "Reconcile passes whose diff covered only what the changed Networks touch.");

    private readonly KeyValuePair<string, object?> _node = new("node", options.Value.NodeName);

    public void Reconciled(TimeSpan elapsed) => s_reconcileDuration.Record(elapsed.TotalSeconds, _node);

    public void Operation(string kind, string result) => s_operations.Add(1, _node, new("kind", kind), new("result", result));

    public void ScopedPass() => s_scopedPasses.Add(1, _node);

    public void DriftRepaired(int operations) => s_driftRepairs.Add(operations, _node);

    /// <summary>Times <paramref name="call"/> as one dataplane call of <paramref name="dataplane"/>; a failure counts as an error and propagates.</summary>
    public async Task<T> TimeAsync<T>(string dataplane, string call, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            s_callErrors.Add(1, _node, new("dataplane", dataplane), new("call", call));
            throw;
        }
        finally
        {
            s_callDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _node, new("dataplane", dataplane), new("call", call));
        }
    }

    public Task TimeAsync(string dataplane, string call, Func<Task> action) => TimeAsync(dataplane, call, async () =>
    {
        await action();
        return true;
    });
}
