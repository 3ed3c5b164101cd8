using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Telemetry;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// Level-based reconcile of the node's whole dataplane: plan from the cluster view, dump the dataplane, apply the
/// diff (one failed call never stops the rest; an add whose table, tunnel or interface could not be added is skipped
/// and reported), dump again and publish the full inventory. Runs on every trigger and every
/// <see cref="AgentOptions.ResyncInterval"/>; an in-sync node costs one dump and no operations. Between passes, every
/// <see cref="AgentOptions.CountersInterval"/> it re-dumps and republishes the inventory with fresh counters (on the
/// simulated dataplane, that tick also drives the traffic generator).
/// </summary>
internal sealed partial class NodeReconciler(IDataplane dataplane, IClusterViewSource source, ReconcileTrigger trigger, NodeStatusStore store,
    IOptions<AgentOptions> options, TimeProvider timeProvider, ILogger<NodeReconciler> logger, AgentMetrics? metrics = null) : BackgroundService
{
    private readonly AgentMetrics _metrics = metrics ?? new AgentMetrics(options);
    private readonly string _nodeName = options.Value.NodeName;
    private readonly Lock _lock = new();
    private PeriodicTimer? _resync;
    private PeriodicTimer? _counters;
    private long _lastTrafficTick;
    private Outcome? _last;

    /// <summary>Whether the last pass's diff was scoped to the Networks that changed (tests, logs).</summary>
    public bool LastPassScoped { get; private set; }

    /// <summary>
    /// What the last pass planned and what went wrong: the counters refresh republishes it with fresh state. Clean: no
    /// operation of it failed or was skipped, so the node was left as planned and the next change may be scoped to itself.
    /// </summary>
    private sealed record Outcome(NodePlan Plan, ImmutableArray<VrfStatus> Vrfs, ImmutableArray<ObjectError> Errors, ApplyStats? LastApply, bool Clean);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Created before the loop runs so resync time counts from start, whenever the loop gets scheduled.
        _resync = new PeriodicTimer(options.Value.ResyncInterval, timeProvider);
        _counters = new PeriodicTimer(options.Value.CountersInterval, timeProvider);
        _lastTrafficTick = timeProvider.GetTimestamp();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _resync?.Dispose();
        _counters?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resync = _resync ?? throw new InvalidOperationException("StartAsync was not called.");
        var countersTimer = _counters!;
        Task<bool>? wake = null;
        Task<bool>? tick = null;
        Task<bool>? counters = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                wake ??= trigger.WaitAsync(stoppingToken);
                tick ??= resync.WaitForNextTickAsync(stoppingToken).AsTask();
                counters ??= countersTimer.WaitForNextTickAsync(stoppingToken).AsTask();
                var done = await Task.WhenAny(wake, tick, counters);
                if (!await done || stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                if (done == counters)
                {
                    counters = null;
                    if (wake.IsCompleted || tick.IsCompleted)
                    {
                        continue; // a reconcile is due: it publishes fresh counters anyway
                    }

                    await RefreshCountersAsync(stoppingToken);
                    continue;
                }

                // A resync with no change pending: whatever it has to do repairs drift.
                // The resync is always a full pass: it repairs drift a pass scoped to changed Networks does not look at.
                var fullPass = done == tick;
                var resyncOnly = fullPass && !wake.IsCompleted;
                if (done == wake)
                {
                    wake = null;
                }
                else
                {
                    tick = null;
                }

                if (!source.IsSynced)
                {
                    trigger.TryConsume(); // the first list requests again once it is in
                    continue; // an empty view before the first list means "unknown": never tear the dataplane down on it
                }

                var issued = fullPass ? await ReconcileOnceAsync(stoppingToken) : await ReconcileChangesAsync(stoppingToken);
                if (resyncOnly && issued.Count > 0)
                {
                    _metrics.DriftRepaired(issued.Count);
                }
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
    public Task<IReadOnlyList<DataplaneOperation>> ReconcileOnceAsync(CancellationToken cancellationToken) => ReconcileAsync(false, cancellationToken);

    /// <summary>
    /// A pass for what changed since the last one: when only Networks changed and the last pass left the node as planned,
    /// its diff covers only what those Networks touch (<see cref="ReconcileScope"/>); otherwise, a full pass.
    /// </summary>
    public Task<IReadOnlyList<DataplaneOperation>> ReconcileChangesAsync(CancellationToken cancellationToken) => ReconcileAsync(true, cancellationToken);

    private async Task<IReadOnlyList<DataplaneOperation>> ReconcileAsync(bool mayScope, CancellationToken cancellationToken)
    {
        trigger.TryConsume();
        var (view, changes) = source.TakeSnapshot();
        var started = timeProvider.GetTimestamp();
        var plan = Planner.Plan(_nodeName, view);
        var self = view.Nodes.FirstOrDefault(n => n.Name == _nodeName);
        dataplane.SetUnderlay(self?.InternalIPv4, self?.InternalIPv6);
        Outcome? last;
        lock (_lock)
        {
            last = _last;
        }

        var scope = mayScope && !changes.Everything && last is { Clean: true } ? ReconcileScope.For(changes.Networks, plan, last.Plan) : null;
        var before = await _metrics.TimeAsync(dataplane.Kind, "Dump", () => dataplane.DumpAsync(cancellationToken));
        var operations = Diff(plan, before, scope);

        var errors = new List<ObjectError>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var dependencies = new DependencyTracker();
        var failed = 0;
        foreach (var operation in operations)
        {
            var description = Capitalize(operation.Describe());
            var kind = operation.GetType().Name;
            string message;
            if (dependencies.BlockedBecause(operation) is { } reason)
            {
                message = $"{description} skipped: {reason}.";
                LogOperationSkipped(operation.Describe(), reason);
                _metrics.Operation(kind, "skipped");
            }
            else
            {
                try
                {
                    await _metrics.TimeAsync(dataplane.Kind, kind, () => ApplyAsync(operation, cancellationToken));
                    LogApplied(operation.Describe());
                    _metrics.Operation(kind, "applied");
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogOperationFailed(ex, operation.Describe());
                    _metrics.Operation(kind, "failed");
                    message = $"{description} failed: {ex.Message}";
                }
            }

            failed++;
            dependencies.Failed(operation);
            errors.Add(new ObjectError(OperationObjects.Name(operation), operation.Network, message));
            failures.TryAdd(operation.Network ?? "", message);
        }

        var after = operations.Count == 0 ? before : await _metrics.TimeAsync(dataplane.Kind, "Dump", () => dataplane.DumpAsync(cancellationToken));
        var elapsed = timeProvider.GetElapsedTime(started);
        _metrics.Reconciled(elapsed);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var generations = view.Networks.Where(n => !string.IsNullOrEmpty(n.Metadata?.Name))
            .GroupBy(n => n.Metadata.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Metadata.Generation ?? 0, StringComparer.Ordinal);
        var previous = store.Current.Inventory;
        var vrfs = VrfStatusCalculator.Compute(plan, after.Tables, failures, generations, previous.Vrfs, now);
        errors.AddRange(plan.Problems.Select(p => new ObjectError(p.Object ?? $"network {p.Network}", p.Network.Length > 0 ? p.Network : null, p.Message)));
        var lastApply = operations.Count > 0 ? new ApplyStats(now, elapsed.TotalMilliseconds, operations.Count, failed) : previous.LastApply;
        var outcome = new Outcome(plan, vrfs, InventoryBuilder.MergeErrors(errors), lastApply, failed == 0);
        lock (_lock)
        {
            _last = outcome;
            store.Publish(InventoryBuilder.Build(plan, after, vrfs, outcome.Errors, lastApply));
        }

        if (operations.Count > 0 || errors.Count > 0)
        {
            LogReconciled(operations.Count, failed, plan.Vrfs.Length, plan.Tunnels.Length, plan.Interfaces.Length);
        }

        return operations;
    }

    /// <summary>
    /// Re-reads the dataplane and republishes the last pass's inventory with its current state and counters, without
    /// reconciling. Does nothing before the first pass. It first tells the dataplane how much time passed since the last
    /// refresh (<see cref="IDataplane.Elapse"/>: the simulated dataplane's traffic moves by it).
    /// </summary>
    public async Task RefreshCountersAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetTimestamp();
        dataplane.Elapse(timeProvider.GetElapsedTime(Interlocked.Exchange(ref _lastTrafficTick, now), now));

        Outcome? last;
        lock (_lock)
        {
            last = _last;
        }

        if (last is null)
        {
            return;
        }

        var state = await _metrics.TimeAsync(dataplane.Kind, "Dump", () => dataplane.DumpAsync(cancellationToken));
        lock (_lock)
        {
            if (ReferenceEquals(last, _last)) // a reconcile that finished meanwhile published newer state
            {
                store.Publish(InventoryBuilder.Build(last.Plan, state, last.Vrfs, last.Errors, last.LastApply));
            }
        }
    }

    /// <summary>The full diff, or the scoped one when there is a scope and every operation of it stays inside.</summary>
    private IReadOnlyList<DataplaneOperation> Diff(NodePlan plan, DataplaneState before, ReconcileScope? scope)
    {
        if (scope is not null)
        {
            var (scopedPlan, scopedState) = scope.Filter(plan, before);
            var scoped = DataplaneDiff.Compute(scopedPlan, scopedState);
            if (scoped.All(scope.Contains))
            {
                _metrics.ScopedPass();
                LastPassScoped = true;
                return scoped;
            }
        }

        LastPassScoped = false;
        return DataplaneDiff.Compute(plan, before);
    }

    private Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken) => operation switch
    {
        DataplaneOperation.AddTable add => dataplane.AddTableAsync(add.Table, cancellationToken),
        DataplaneOperation.DeleteTable delete => dataplane.DeleteTableAsync(delete.Table, cancellationToken),
        _ => dataplane.ApplyAsync(operation, cancellationToken),
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Done: {Operation}.")]
    private partial void LogApplied(string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed: {Operation}.")]
    private partial void LogOperationFailed(Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped: {Operation}, because {Reason}.")]
    private partial void LogOperationSkipped(string operation, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled: {Operations} operations, {Failures} failed; planned {Vrfs} VRFs, {Tunnels} tunnels, {Interfaces} pod interfaces.")]
    private partial void LogReconciled(int operations, int failures, int vrfs, int tunnels, int interfaces);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile failed; retrying on the next change or resync.")]
    private partial void LogReconcileFailed(Exception exception);
}
