using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Threading;

namespace Multinet.Agent.Reporting;

/// <summary>
/// Holds the node's stream to the console: Hello and a full snapshot on every connect, then a delta per status change
/// and a heartbeat every <see cref="AgentOptions.HeartbeatInterval"/>. Any stream failure reconnects: at once after a
/// healthy session (one the console acknowledged), with backoff after consecutive failures.
/// </summary>
internal sealed partial class NodeStateReporter(NodeStatusStore store, IDataplane dataplane, IOptions<AgentOptions> options,
    TimeProvider timeProvider, ILogger<NodeStateReporter> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    private ulong _sequence;

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
        using var call = client.Connect(cancellationToken: session.Token);
        var acks = ReadAcksAsync(call.ResponseStream, state, session.Token);
        Task<bool>? tick = null;
        Task? change = null;
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage
            {
                Hello = new Hello { NodeName = settings.NodeName, AgentVersion = AgentInfo.Version, Dataplane = dataplane.Kind },
            }, session.Token);

            var sent = store.Current;
            var sequence = NextSequence();
            await call.RequestStream.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(sequence, sent.Vrfs) }, session.Token);
            LogSnapshotSent(sequence, sent.Vrfs.Length);

            while (true)
            {
                tick ??= heartbeat.WaitForNextTickAsync(session.Token).AsTask();
                change ??= store.WaitForChangeAsync(sent.Version, session.Token);
                var done = await Task.WhenAny(acks, tick, change);
                if (done == acks)
                {
                    await acks; // surfaces a read failure; a clean end means the console closed the stream
                    return;
                }

                if (done == change)
                {
                    await change; // a cancelled wait ends the session here rather than spinning
                    change = null;
                    var current = store.Current;
                    var delta = Shared.Domain.NodeReportDelta.Between(sent.Vrfs, current.Vrfs);
                    sent = current;
                    if (!delta.IsEmpty)
                    {
                        sequence = NextSequence();
                        await call.RequestStream.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(sequence, delta) }, session.Token);
                        LogDeltaSent(sequence, delta.Upserted.Length, delta.RemovedNetworks.Length);
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
        }
    }

    private async Task ReadAcksAsync(IAsyncStreamReader<ConsoleMessage> responses, SessionState state, CancellationToken cancellationToken)
    {
        await foreach (var message in responses.ReadAllAsync(cancellationToken))
        {
            if (message.BodyCase is ConsoleMessage.BodyOneofCase.Ack)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent snapshot {Sequence} with {Vrfs} VRFs.")]
    private partial void LogSnapshotSent(ulong sequence, int vrfs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent delta {Sequence}: {Upserted} upserted, {Removed} removed.")]
    private partial void LogDeltaSent(ulong sequence, int upserted, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console rejected report {Sequence}: {Error}")]
    private partial void LogRejected(ulong sequence, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The console at {ConsoleUrl} ended the report stream; reconnecting.")]
    private partial void LogStreamEnded(string consoleUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report stream to {ConsoleUrl} failed; reconnecting.")]
    private partial void LogStreamFailed(Exception exception, string consoleUrl);
}
