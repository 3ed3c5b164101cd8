using System.Net;
using k8s;
using k8s.Autorest;
using Multinet.Kube;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Kube;

/// <summary>
/// A list answered 403 Forbidden: for an optional kind (KubeVirt's, which a ClusterRole may not grant) the loop holds
/// none, logs it once and lists again slowly, as for a kind the server does not serve; for a kind the product needs it is
/// a failure the loop reports and retries with its backoff.
/// </summary>
public sealed class KindWatchLoopForbiddenTests
{
    private static readonly TimeSpan s_retry = TimeSpan.FromMinutes(1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OptionalKind_Forbidden_CountsAsNoneLogsOnceAndListsAgainSlowly()
    {
        var time = new SchedulingFakeTimeProvider();
        var logger = new CollectingLogger();
        var sink = new RecordingSink();
        var lists = 0;
        var kind = Forbidden(() => Interlocked.Increment(ref lists), optional: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = new KindWatchLoop<V3Network>(kind, sink, _ => Task.FromResult<IKubernetes>(null!), time, logger, s_retry).RunAsync(stop.Token);

        for (var round = 1; round <= 3; round++)
        {
            await time.WaitForTimerAsync(d => d == s_retry); // the slow retry, not the failure backoff
            Assert.Equal(round, Volatile.Read(ref lists));
            time.Advance(s_retry);
        }

        await time.WaitForTimerAsync(d => d == s_retry);
        await stop.CancelAsync();
        await run;

        Assert.Equal(4, sink.Replaces);
        Assert.Single(logger.ToString().Split('\n'), l => l.Contains("403 Forbidden", StringComparison.Ordinal));
        Assert.DoesNotContain("failed", logger.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredKind_Forbidden_IsAFailureRetriedWithBackoff()
    {
        var time = new SchedulingFakeTimeProvider();
        var logger = new CollectingLogger();
        var sink = new RecordingSink();
        var kind = Forbidden(() => 0, optional: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = new KindWatchLoop<V3Network>(kind, sink, _ => Task.FromResult<IKubernetes>(null!), time, logger, s_retry).RunAsync(stop.Token);

        await time.WaitForTimerAsync(d => d <= KindWatchLoop<V3Network>.MaxBackoff * 1.25);
        await stop.CancelAsync();
        await run;

        Assert.Equal(0, sink.Replaces);
        Assert.Contains("Watch of Networks failed (1 in a row)", logger.ToString(), StringComparison.Ordinal);
    }

    private static WatchedKind<V3Network> Forbidden(Func<int> listed, bool optional) => new("Networks",
        (_, _) =>
        {
            listed();
            throw new HttpOperationException("Forbidden") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Forbidden), "") };
        },
        (_, _, _, _) => throw new InvalidOperationException("no watch without a list"))
    {
        Optional = optional,
    };

    private sealed class RecordingSink : IKindSink<V3Network>
    {
        private int _replaces;

        public int Replaces => Volatile.Read(ref _replaces);

        public void Replace(IEnumerable<V3Network> items)
        {
            Assert.Empty(items);
            Interlocked.Increment(ref _replaces);
        }

        public void Upsert(V3Network item) => throw new InvalidOperationException("nothing was listed");

        public void Delete(V3Network item) => throw new InvalidOperationException("nothing was listed");
    }
}
