using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Controllers;
using Multinet.Agent.Kubernetes;

namespace Multinet.UnitTests.Agent.Controllers;

public sealed class LeaseElectorTests(EmbeddedApi api) : IClassFixture<EmbeddedApi>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120); // a ceiling reached only on failure: leases here last seconds, a loaded machine may take long

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class Candidate : IDisposable
    {
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        private readonly KubernetesClientProvider _clients;

        public Candidate(EmbeddedApi api, string ns, string lease, string identity)
        {
            _clients = api.Clients(identity);
            Elector = new LeaseElector(_clients, new LeaseElectorSettings(ns, lease, identity, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2),
                TimeSpan.FromMilliseconds(100)), NullLogger<LeaseElector>.Instance);
            Elector.LeaderObserved += holder => Observed.Writer.TryWrite(holder);
            Run = Elector.RunAsync(async leading =>
            {
                Leading.TrySetResult();
                // Lead until the elector takes leadership away (lost, released or stopped).
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (leading.Register(() => lost.TrySetResult()))
                {
                    await lost.Task;
                }

                Stopped.TrySetResult();
            }, _stop.Token);
        }

        public LeaseElector Elector { get; }

        public Task Run { get; }

        public TaskCompletionSource Leading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Threading.Channels.Channel<string?> Observed { get; } = System.Threading.Channels.Channel.CreateUnbounded<string?>();

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Run;
        }

        public void Dispose()
        {
            _stop.Dispose();
            _clients.Dispose();
        }
    }

    [Fact]
    public async Task TwoCandidates_OneLeads_TheOtherTakesOverOnlyAfterTheFirstStops()
    {
        var ns = await api.NamespaceAsync(Token);
        using var first = new Candidate(api, ns, "multinet-controllers", "agent-a");
        await first.Leading.Task.WaitAsync(s_wait, Token);
        using var second = new Candidate(api, ns, "multinet-controllers", "agent-b");

        // The second has read the Lease and seen the first holding it: it does not lead.
        while (await second.Observed.Reader.ReadAsync(Token).AsTask().WaitAsync(s_wait, Token) != "agent-a")
        {
        }

        Assert.True(first.Elector.IsLeader);
        Assert.False(second.Elector.IsLeader);
        Assert.False(second.Leading.Task.IsCompleted);

        await first.StopAsync();
        Assert.True(first.Stopped.Task.IsCompleted);
        await second.Leading.Task.WaitAsync(s_wait, Token); // released on stop: no need to wait for expiry

        var lease = await api.Client.CoordinationV1.ReadNamespacedLeaseAsync("multinet-controllers", ns, cancellationToken: Token);
        Assert.Equal("agent-b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        await second.StopAsync();
    }

    [Fact]
    public async Task Leader_SeesAnotherHolder_StopsLeading()
    {
        var ns = await api.NamespaceAsync(Token);
        using var leader = new Candidate(api, ns, "multinet-controllers", "agent-a");
        await leader.Leading.Task.WaitAsync(s_wait, Token);

        // Another holder takes the Lease as a client does: read, modify, write; a renewal in between is a 409 and it reads again.
        for (var taken = false; !taken;)
        {
            var lease = await api.Client.CoordinationV1.ReadNamespacedLeaseAsync("multinet-controllers", ns, cancellationToken: Token);
            lease.Spec.HolderIdentity = "intruder";
            lease.Spec.RenewTime = DateTime.UtcNow;
            try
            {
                await api.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "multinet-controllers", ns, cancellationToken: Token);
                taken = true;
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }

        await leader.Stopped.Task.WaitAsync(s_wait, Token);
        Assert.False(leader.Elector.IsLeader);
        await leader.StopAsync();

        var after = await api.Client.CoordinationV1.ReadNamespacedLeaseAsync("multinet-controllers", ns, cancellationToken: Token);
        Assert.Equal("intruder", after.Spec.HolderIdentity); // a stopping candidate releases only a Lease it holds
    }
}
