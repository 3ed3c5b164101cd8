using Multinet.UnitTests.TestSupport;
using Multinet.Web.Grpc;

namespace Multinet.UnitTests.Web.Grpc;

/// <summary>The agents' reports are applied one after another, and a report waiting for its turn holds no pool thread.</summary>
[Collection(nameof(ThreadPoolLimitCollection))]
public sealed class AgentReportQueueTests
{
    /// <summary>A ceiling reached only on failure.</summary>
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Reports_RunOneAfterAnotherInTheOrderQueued_AFailureReachesItsCallerOnly()
    {
        await using var queue = new AgentReportQueue();
        var ran = new List<int>();
        var running = 0;
        int Apply(int i)
        {
            Assert.Equal(1, Interlocked.Increment(ref running));
            ran.Add(i);
            Interlocked.Decrement(ref running);
            return i * 10;
        }

        var first = Enumerable.Range(0, 50).Select(i => queue.RunAsync(() => Apply(i))).ToList();
        var failing = queue.RunAsync<int>(() => throw new FormatException("bad report"));
        var after = queue.RunAsync(() => Apply(50));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 10), await Task.WhenAll(first).WaitAsync(s_ceiling, TestContext.Current.CancellationToken));
        Assert.Equal("bad report", (await Assert.ThrowsAsync<FormatException>(() => failing)).Message);
        Assert.Equal(500, await after.WaitAsync(s_ceiling, TestContext.Current.CancellationToken));
        Assert.Equal(Enumerable.Range(0, 51), ran);
    }

    [Fact]
    public async Task TwoHundredAgentsWaitingForTheirTurn_HoldNoPoolThread()
    {
        await using var queue = new AgentReportQueue();
        using var gate = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        Task<int[]> waiting;
        bool otherWorkRan;
        try
        {
            var threads = Environment.ProcessorCount + 2;
            Assert.True(ThreadPool.SetMinThreads(Environment.ProcessorCount, minIo));
            Assert.True(ThreadPool.SetMaxThreads(threads, maxIo));

            // The queue's loop is held by a report that takes its time; two hundred streams, each on a pool thread as the
            // gRPC handlers are, queue theirs behind it.
            var slow = queue.RunAsync(() => gate.Wait(s_ceiling));
            waiting = Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => queue.RunAsync(() => i), TestContext.Current.CancellationToken)));

            // The capped pool still runs other work meanwhile: no waiting report holds one of its threads. (Waited for with
            // a kernel wait on this thread: a timeout scheduled on a starved pool would never fire.)
            using var ran = new ManualResetEventSlim();
            for (var i = 0; i < threads * 4; i++)
            {
                _ = Task.Run(() => { }, TestContext.Current.CancellationToken);
            }

            _ = Task.Run(ran.Set, TestContext.Current.CancellationToken);
            otherWorkRan = ran.Wait(s_ceiling, TestContext.Current.CancellationToken);
            Assert.False(waiting.IsCompleted);
            gate.Set();
            Assert.True(await slow);
        }
        finally
        {
            gate.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        Assert.True(otherWorkRan, "other work did not run on the pool while reports waited for the queue");
        Assert.Equal(Enumerable.Range(0, 200), (await waiting.WaitAsync(s_ceiling, TestContext.Current.CancellationToken)).Order());
    }
}
