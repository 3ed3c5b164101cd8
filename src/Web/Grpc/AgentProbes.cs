using System.Collections.Concurrent;
using Multinet.Contracts.Agent.V1;

namespace Multinet.Web.Grpc;

/// <summary>
/// Sends <see cref="ProbeRequest"/>s down the agents' streams and matches their <see cref="ProbeResult"/>s by id. Each
/// node's current stream attaches itself (<see cref="Attach"/>); a probe for a node with no stream is answered "not
/// connected" at once, one whose result does not come back in time "timed out" (an agent that predates probes ignores
/// the request). A stream that ends fails the probes in flight on it as not connected.
/// </summary>
public sealed class AgentProbes
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="node"/>'s agent has a stream to send probes on.</summary>
    public bool IsConnected(string node) => _lanes.ContainsKey(node);

    /// <summary>Sends <paramref name="request"/> (its id is set here) to <paramref name="node"/>'s agent and waits for its result.</summary>
    public async Task<AgentProbeOutcome> ProbeAsync(string node, ProbeRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_lanes.TryGetValue(node, out var lane))
        {
            return AgentProbeOutcome.NotConnected;
        }

        request.Id = Guid.NewGuid().ToString("N");
        var pending = new Pending(node, lane);
        _pending[request.Id] = pending;
        try
        {
            await lane.Send(new ConsoleMessage { Probe = request }, cancellationToken);
            return await pending.Result.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return AgentProbeOutcome.TimedOut;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            return AgentProbeOutcome.NotConnected; // the stream ended as the request was written
        }
        finally
        {
            _pending.TryRemove(request.Id, out _);
        }
    }

    /// <summary>
    /// Makes <paramref name="send"/> the way to reach <paramref name="node"/>'s agent until the returned handle is
    /// disposed (the stream ended). <paramref name="send"/> must serialize its writes with the stream's others.
    /// </summary>
    public IDisposable Attach(string node, Func<ConsoleMessage, CancellationToken, Task> send)
    {
        var lane = new Lane(send);
        _lanes[node] = lane;
        return new Detach(this, node, lane);
    }

    /// <summary>A result from <paramref name="node"/>'s agent: completes the probe with its id, if that node was asked.</summary>
    public void Complete(string node, ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_pending.TryGetValue(result.Id, out var pending) && pending.Node == node)
        {
            pending.Result.TrySetResult(AgentProbeOutcome.Answered(result));
        }
    }

    private void Release(string node, Lane lane)
    {
        _lanes.TryRemove(new KeyValuePair<string, Lane>(node, lane));
        foreach (var pending in _pending.Values.Where(p => p.Lane == lane))
        {
            pending.Result.TrySetResult(AgentProbeOutcome.NotConnected);
        }
    }

    private sealed class Lane(Func<ConsoleMessage, CancellationToken, Task> send)
    {
        public Func<ConsoleMessage, CancellationToken, Task> Send => send;
    }

    private sealed record Pending(string Node, Lane Lane)
    {
        public TaskCompletionSource<AgentProbeOutcome> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Detach(AgentProbes probes, string node, Lane lane) : IDisposable
    {
        public void Dispose() => probes.Release(node, lane);
    }
}
