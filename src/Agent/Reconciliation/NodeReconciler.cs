using Microsoft.Extensions.Options;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Kubernetes;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// Level-based reconcile of the node's VRFs: plan from the cached Networks, dump the dataplane, apply the diff
/// (one failed call never stops the rest), then publish each network's status. Runs on every trigger and
/// every <see cref="AgentOptions.ResyncInterval"/>; an in-sync node costs one dump and no operations.
/// </summary>
internal sealed partial class NodeReconciler(IDataplane dataplane, NetworkCache cache, ReconcileTrigger trigger, NodeStatusStore store,
    IOptions<AgentOptions> options, TimeProvider timeProvider, ILogger<NodeReconciler> logger) : BackgroundService
{
    private readonly string _nodeName = options.Value.NodeName;
    private PeriodicTimer? _resync;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Created before the loop runs so resync time counts from start, whenever the loop gets scheduled.
        _resync = new PeriodicTimer(options.Value.ResyncInterval, timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _resync?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resync = _resync ?? throw new InvalidOperationException("StartAsync was not called.");
        Task<bool>? wake = null;
        Task<bool>? tick = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                wake ??= trigger.WaitAsync(stoppingToken);
                tick ??= resync.WaitForNextTickAsync(stoppingToken).AsTask();
                var done = await Task.WhenAny(wake, tick);
                if (!await done || stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                if (done == wake)
                {
                    wake = null;
                }
                else
                {
                    tick = null;
                }

                if (!cache.IsSynced)
                {
                    trigger.TryConsume(); // the first list requests again once it is in
                    continue; // an empty cache before the first list means "unknown": never tear tables down on it
                }

                await ReconcileOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReconcileFailed(ex);
            }
        }
    }

    /// <summary>One full pass. Returns the operations it issued (tests and logs).</summary>
    public async Task<IReadOnlyList<DataplaneOperation>> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        trigger.TryConsume();
        var networks = cache.Snapshot();
        var plan = Planner.Plan(_nodeName, networks);
        var before = await dataplane.DumpTablesAsync(cancellationToken);
        var operations = DataplaneDiff.Compute(plan, before);

        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            try
            {
                await ApplyAsync(operation, cancellationToken);
                LogApplied(operation.Describe());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogOperationFailed(ex, operation.Describe());
                var network = operation.Network ?? "";
                failures[network] = $"{Capitalize(operation.Describe())} failed: {ex.Message}";
            }
        }

        var after = operations.Count == 0 ? before : await dataplane.DumpTablesAsync(cancellationToken);
        var generations = networks.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Generation ?? 0, StringComparer.Ordinal);
        var statuses = VrfStatusCalculator.Compute(plan, after, failures, generations, store.Current.Vrfs, timeProvider.GetUtcNow().UtcDateTime);
        store.Publish(statuses);
        if (operations.Count > 0 || failures.Count > 0)
        {
            LogReconciled(operations.Count, failures.Count, plan.Vrfs.Length);
        }

        return operations;
    }

    private Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken) => operation switch
    {
        DataplaneOperation.AddTable add => dataplane.AddTableAsync(add.Table, cancellationToken),
        DataplaneOperation.DeleteTable delete => dataplane.DeleteTableAsync(delete.Table, cancellationToken),
        _ => dataplane.ApplyAsync(operation, cancellationToken),
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Done: {Operation}.")]
    private partial void LogApplied(string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed: {Operation}.")]
    private partial void LogOperationFailed(Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled: {Operations} operations, {Failures} failed, {Vrfs} VRFs planned.")]
    private partial void LogReconciled(int operations, int failures, int vrfs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile failed; retrying on the next change or resync.")]
    private partial void LogReconcileFailed(Exception exception);
}
