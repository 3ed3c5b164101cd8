using System.Threading.Channels;

namespace Multinet.Web.Grpc;

/// <summary>
/// Applies the agents' reports to the live state one after another on one loop. The live state takes one change at a
/// time under its lock; when two hundred agents report in the same second, each stream handler waiting on that lock held
/// a pool thread (39 of the console's 56 threads in a soak with 200 agents and 100 browser circuits on 2 cores,
/// bench/soak.sh). Here a stream's report waits for its turn without holding a thread, and the lock is taken by this loop
/// alone. A stream's handler reads its next message only once this one was applied, so the queue holds at most one report
/// per connected agent.
/// </summary>
internal sealed class AgentReportQueue : IAsyncDisposable
{
    private readonly Channel<Report> _reports = Channel.CreateUnbounded<Report>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public AgentReportQueue() => _loop = Task.Run(ApplyAsync);

    /// <summary>Runs <paramref name="apply"/> on the queue's loop after the reports queued before it; completes with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var report = new Report<T>(apply);
        if (!_reports.Writer.TryWrite(report))
        {
            throw new ObjectDisposedException(nameof(AgentReportQueue));
        }

        return report.Task;
    }

    private async Task ApplyAsync()
    {
        await foreach (var report in _reports.Reader.ReadAllAsync())
        {
            report.Run();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _loop;
    }

    private abstract class Report
    {
        public abstract void Run();
    }

    private sealed class Report<T>(Func<T> apply) : Report
    {
        // The waiting stream goes on on a pool thread of its own, not on this loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override void Run()
        {
            try
            {
                _done.SetResult(apply());
            }
            catch (Exception ex)
            {
                _done.SetException(ex);
            }
        }
    }
}
