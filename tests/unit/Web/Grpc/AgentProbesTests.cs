using Multinet.Contracts.Agent.V1;
using Multinet.Web.Grpc;

namespace Multinet.UnitTests.Web.Grpc;

/// <summary>How the console's probes to agents end: answered by id, not connected, timed out, or cut by the stream's end.</summary>
public sealed class AgentProbesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_ToANodeWithNoStream_IsNotConnected_AtOnce()
    {
        var probes = new AgentProbes();

        var outcome = await probes.ProbeAsync("node-1", new ProbeRequest(), TimeSpan.FromMinutes(5), Token);

        Assert.Equal(AgentProbeStatus.NotConnected, outcome.Status);
    }

    [Fact]
    public async Task Probe_AnsweredByItsId_FromThatNodeOnly()
    {
        var probes = new AgentProbes();
        var sent = new TaskCompletionSource<ProbeRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var lane = probes.Attach("node-1", (message, _) =>
        {
            sent.TrySetResult(message.Probe);
            return Task.CompletedTask;
        });

        var probing = probes.ProbeAsync("node-1", new ProbeRequest { Destination = "10.0.0.2", Count = 3 }, TimeSpan.FromMinutes(5), Token);
        var request = await sent.Task.WaitAsync(Token);
        probes.Complete("node-2", new ProbeResult { Id = request.Id, Sent = 3, Received = 1 }); // another node's word does not count
        probes.Complete("node-1", new ProbeResult { Id = request.Id, Sent = 3, Received = 3 });
        var outcome = await probing;

        Assert.False(string.IsNullOrEmpty(request.Id));
        Assert.Equal((AgentProbeStatus.Answered, 3u, 3u), (outcome.Status, outcome.Result!.Sent, outcome.Result.Received));
    }

    [Fact]
    public async Task Probe_NoAnswerInTime_TimesOut()
    {
        var probes = new AgentProbes();
        using var lane = probes.Attach("node-1", (_, _) => Task.CompletedTask); // an agent that ignores probes

        var outcome = await probes.ProbeAsync("node-1", new ProbeRequest(), TimeSpan.FromMilliseconds(200), Token);

        Assert.Equal(AgentProbeStatus.TimedOut, outcome.Status);
    }

    [Fact]
    public async Task Probe_StreamEndsWhileWaiting_IsNotConnected()
    {
        var probes = new AgentProbes();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lane = probes.Attach("node-1", (_, _) =>
        {
            sent.TrySetResult();
            return Task.CompletedTask;
        });

        var probing = probes.ProbeAsync("node-1", new ProbeRequest(), TimeSpan.FromMinutes(5), Token);
        await sent.Task.WaitAsync(Token);
        lane.Dispose();

        Assert.Equal(AgentProbeStatus.NotConnected, (await probing).Status);
        Assert.False(probes.IsConnected("node-1"));
    }
}
