using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Threading;

namespace Multinet.Agent.Reporting;

/// <summary>
/// Holds the node's stream to the console: Hello and a snapshot of the whole inventory on every connect, then deltas
/// (only the items that changed, at most one per <see cref="DeltaInterval"/>: changes in between are coalesced, except a
/// change of the node's VRFs, which an admin waits to see and which goes out at once) and a heartbeat every
/// <see cref="AgentOptions.HeartbeatInterval"/>. Any stream failure reconnects: at once after a
/// healthy session (one the console acknowledged), with backoff after consecutive failures.
/// </summary>
internal sealed partial class NodeStateReporter(NodeStatusStore store, IDataplane dataplane, IOptions<AgentOptions> options,
    TimeProvider timeProvider, ILogger<NodeStateReporter> logger) : BackgroundService
{
    /// <summary>Deltas are at least this far apart: changes in between (counters move all the time) go out together.</summary>
    public static readonly TimeSpan DeltaInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    private ulong _sequence;
    private ProbeHandler? _probes;

    private ProbeHandler Probes => _probes ??= new ProbeHandler(store, dataplane, logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var channel = GrpcChannel.ForAddress(settings.ConsoleUrl);
        var client = new AgentGateway.AgentGatewayClient(channel);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var session = new SessionState();
            try
            {
                await RunSessionAsync(client, session, stoppingToken);
                LogStreamEnded(settings.ConsoleUrl);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                LogRefused(settings.ConsoleUrl, ex.StatusCode, ex.Status.Detail);
            }
            catch (Exception ex)
            {
                LogStreamFailed(ex, settings.ConsoleUrl);
            }

            failures = session.Acknowledged ? 0 : failures + 1;
            if (failures > 0)
            {
                try
                {
                    await Task.Delay(Backoff.Exponential(failures, s_maxBackoff), timeProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private ulong NextSequence() => ++_sequence;

    /// <summary>One connection: writes are issued from this loop only, acks are read concurrently.</summary>
    private async Task RunSessionAsync(AgentGateway.AgentGatewayClient client, SessionState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeat = new PeriodicTimer(settings.HeartbeatInterval, timeProvider);
        using var call = client.Connect(ConsoleCredential.Headers(settings), cancellationToken: session.Token);
        var probeResults = Channel.CreateUnbounded<ProbeResult>();
        var acks = ReadAcksAsync(call.ResponseStream, state, probeResults.Writer, session.Token);
        Task<bool>? tick = null;
        Task<bool>? answered = null;
        Task? change = null;
        Task? flush = null;
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage
            {
                Hello = new Hello { NodeName = settings.NodeName, AgentVersion = AgentInfo.Version, Dataplane = dataplane.Kind },
            }, session.Token);

            var sent = store.Current;
            var sequence = NextSequence();
            var lastSent = timeProvider.GetUtcNow(); // taken before the write: the console may see the message before the write returns
            await call.RequestStream.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(sequence, sent.Inventory) }, session.Token);
            LogSnapshotSent(sequence, sent.Vrfs.Length, sent.Inventory.Tunnels.Length, sent.Inventory.Memifs.Length);

            var seen = sent.Version;
            while (true)
            {
                tick ??= heartbeat.WaitForNextTickAsync(session.Token).AsTask();
                change ??= store.WaitForChangeAsync(seen, session.Token);
                answered ??= probeResults.Reader.WaitToReadAsync(session.Token).AsTask();
                var done = flush is null ? await Task.WhenAny(acks, tick, change, answered) : await Task.WhenAny(acks, tick, change, flush, answered);
                if (done == acks)
                {
                    await acks; // surfaces a read failure; a clean end means the console closed the stream
                    return;
                }

                if (done == answered)
                {
                    answered = null;
                    while (probeResults.Reader.TryRead(out var result))
                    {
                        await call.RequestStream.WriteAsync(new AgentMessage { ProbeResult = result }, session.Token);
                    }

                    continue;
                }

                if (done == change || done == flush)
                {
                    await done; // a cancelled wait ends the session here rather than spinning
                    var current = store.Current;
                    if (done == change)
                    {
                        change = null;
                        seen = current.Version;
                        var wait = lastSent + DeltaInterval - timeProvider.GetUtcNow();
                        if (wait > TimeSpan.Zero && current.Inventory.Vrfs.SequenceEqual(sent.Inventory.Vrfs))
                        {
                            flush ??= Task.Delay(wait, timeProvider, session.Token); // coalesces what else changes meanwhile
                            continue;
                        }
                    }

                    flush = null; // a pending wait that is overtaken by a VRF change ends with the session
                    var delta = Shared.Domain.NodeReportDelta.Between(sent.Inventory, current.Inventory);
                    sent = current;
                    if (!delta.IsEmpty)
                    {
                        sequence = NextSequence();
                        lastSent = timeProvider.GetUtcNow();
                        await call.RequestStream.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(sequence, delta) }, session.Token);
                        LogDeltaSent(sequence, delta.UpsertedCount, delta.RemovedCount);
                    }
                }
                else
                {
                    if (!await tick)
                    {
                        return;
                    }

                    tick = null;
                    var heartbeatMessage = new Heartbeat { SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()) };
                    await call.RequestStream.WriteAsync(new AgentMessage { Heartbeat = heartbeatMessage }, session.Token);
                }
            }
        }
        finally
        {
            await session.CancelAsync();
            await Quietly(acks);
            await Quietly(tick);
            await Quietly(change);
            await Quietly(flush);
            await Quietly(answered);
        }
    }

    /// <summary>Reads the console's messages: acks, and probe requests, each answered on its own into <paramref name="probeResults"/> (written out by the session's loop).</summary>
    private async Task ReadAcksAsync(IAsyncStreamReader<ConsoleMessage> responses, SessionState state, ChannelWriter<ProbeResult> probeResults,
        CancellationToken cancellationToken)
    {
        await foreach (var message in responses.ReadAllAsync(cancellationToken))
        {
            if (message.BodyCase is ConsoleMessage.BodyOneofCase.Probe)
            {
                var request = message.Probe;
                _ = Task.Run(async () => probeResults.TryWrite(await Probes.HandleAsync(request, cancellationToken)), cancellationToken);
            }
            else if (message.BodyCase is ConsoleMessage.BodyOneofCase.Ack)
            {
                state.Acknowledged = true;
                if (!message.Ack.Accepted)
                {
                    LogRejected(message.Ack.Sequence, message.Ack.Error);
                }
            }
        }
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception)
        {
            // a leftover of a session that is over: its outcome no longer matters
        }
    }

    private sealed class SessionState
    {
        public bool Acknowledged { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent snapshot {Sequence} with {Vrfs} VRFs, {Tunnels} tunnels, {Memifs} memifs.")]
    private partial void LogSnapshotSent(ulong sequence, int vrfs, int tunnels, int memifs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent delta {Sequence}: {Upserted} upserted, {Removed} removed.")]
    private partial void LogDeltaSent(ulong sequence, int upserted, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console rejected report {Sequence}: {Error}")]
    private partial void LogRejected(ulong sequence, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The console at {ConsoleUrl} ended the report stream; reconnecting.")]
    private partial void LogStreamEnded(string consoleUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "The console at {ConsoleUrl} refused this agent's credential ({Status}: {Detail}); retrying with backoff.")]
    private partial void LogRefused(string consoleUrl, StatusCode status, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report stream to {ConsoleUrl} failed; reconnecting.")]
    private partial void LogStreamFailed(Exception exception, string consoleUrl);
}
