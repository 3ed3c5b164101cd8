using Grpc.Core;
using Multinet.Contracts.Agent.V1;
using Multinet.Web.State;

namespace Multinet.Web.Grpc;

/// <summary>
/// The console's end of every agent's stream. The first message must be Hello; then snapshots, deltas and
/// heartbeats update <see cref="LiveState"/>. A report is mapped and checked whole before any of it is applied: a
/// malformed one (an empty key, an unknown enum value, an address that does not parse) is answered with a rejecting Ack
/// naming the field and skipped; the stream and the node's last good state stay. When the console stops, every stream
/// ends at once (the agents reconnect when it is back) rather than holding the server until its shutdown timeout.
/// Before anything is read, the agent's bearer credential is checked (<see cref="IAgentAuthenticator"/>): a missing or
/// refused one ends the stream with Unauthenticated, a Hello for another node than the credential's with
/// PermissionDenied, and nothing of it is applied. A stream ends when its credential expires; the agent reconnects with
/// the fresh one.
/// </summary>
internal sealed partial class AgentGatewayService(LiveState state, AgentConnections connections, AgentProbes probes, AgentReportQueue reports, IHostApplicationLifetime lifetime,
    IAgentAuthenticator authenticator, TimeProvider timeProvider, ILogger<AgentGatewayService> logger)
    : AgentGateway.AgentGatewayBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ConsoleMessage> responseStream,
        ServerCallContext context)
    {
        AgentIdentity identity;
        using (var authentication = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping))
        {
            identity = await AuthenticateAsync(context, authentication.Token);
        }

        using var expiry = identity.ExpiresAt is { } expiresAt
            ? new CancellationTokenSource(Clamp(expiresAt - timeProvider.GetUtcNow()), timeProvider)
            : new CancellationTokenSource();
        using var callOrShutdown = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, expiry.Token);
        var cancellationToken = callOrShutdown.Token;

        try
        {
            if (!await requestStream.MoveNext(cancellationToken))
            {
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the agent left, or the console is stopping, before it said Hello
        }

        var hello = requestStream.Current.Hello;
        if (hello is null || string.IsNullOrWhiteSpace(hello.NodeName))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message on the stream must be a Hello naming the node."));
        }

        var node = hello.NodeName;
        if (identity.Node is { } allowed && !string.Equals(allowed, node, StringComparison.Ordinal))
        {
            LogWrongNode(identity.Subject, allowed, node, context.Peer);
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"This agent's credential speaks for node \"{allowed}\" only; it may not report for \"{node}\"."));
        }

        using var scope = logger.BeginScope("{Kind}/{Name}", "Node", node);
        var connection = connections.Open(node);
        state.NodeConnected(node, hello.Dataplane, hello.AgentVersion);
        LogConnected(node, hello.Dataplane, hello.AgentVersion);
        using var writes = new SemaphoreSlim(1, 1); // acks from this loop and probe requests from pages share the stream
        async Task SendAsync(ConsoleMessage message, CancellationToken sendCancellation)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sendCancellation);
            await writes.WaitAsync(both.Token);
            try
            {
                await responseStream.WriteAsync(message, both.Token);
            }
            finally
            {
                writes.Release();
            }
        }

        var probeLane = probes.Attach(node, SendAsync);
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                if (requestStream.Current.BodyCase is AgentMessage.BodyOneofCase.ProbeResult)
                {
                    probes.Complete(node, requestStream.Current.ProbeResult);
                    continue;
                }

                // Applied in turn with every other agent's reports, without holding a thread while it waits (AgentReportQueue).
                var message = requestStream.Current;
                var ack = await reports.RunAsync(() => Handle(node, message));
                if (ack is not null)
                {
                    await SendAsync(new ConsoleMessage { Ack = ack }, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException ex)
        {
            LogStreamBroken(ex, node);
        }
        finally
        {
            probeLane.Dispose();
            if (connections.Close(node, connection))
            {
                state.NodeDisconnected(node);
                LogDisconnected(node);
            }
        }
    }

    private async Task<AgentIdentity> AuthenticateAsync(ServerCallContext context, CancellationToken cancellationToken)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        var credential = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        try
        {
            return await authenticator.AuthenticateAsync(credential, cancellationToken);
        }
        catch (AgentAuthenticationException ex)
        {
            LogRefused(context.Peer, ex.Message);
            throw new RpcException(new Status(StatusCode.Unauthenticated, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not RpcException)
        {
            LogCannotAuthenticate(ex, context.Peer);
            throw new RpcException(new Status(StatusCode.Unavailable, $"The console cannot verify credentials right now: {ex.Message}"));
        }
    }

    /// <summary>At once for an expired credential; at most a day ahead (a timer's range), after which the agent simply reconnects.</summary>
    private static TimeSpan Clamp(TimeSpan untilExpiry) =>
        untilExpiry < TimeSpan.Zero ? TimeSpan.Zero : untilExpiry > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : untilExpiry;

    private Ack? Handle(string node, AgentMessage message)
    {
        try
        {
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Snapshot:
                    state.NodeSnapshot(node, message.Snapshot.ToInventory());
                    return new Ack { Sequence = message.Snapshot.Sequence, Accepted = true };
                case AgentMessage.BodyOneofCase.Delta:
                    state.NodeDelta(node, message.Delta.ToDomain());
                    return new Ack { Sequence = message.Delta.Sequence, Accepted = true };
                case AgentMessage.BodyOneofCase.Heartbeat:
                    state.NodeSeen(node);
                    return null;
                default:
                    return new Ack { Accepted = false, Error = $"Unexpected message {message.BodyCase} after Hello." };
            }
        }
        catch (FormatException ex)
        {
            LogRejected(node, ex.Message);
            var sequence = message.Snapshot?.Sequence ?? message.Delta?.Sequence ?? 0;
            return new Ack { Sequence = sequence, Accepted = false, Error = ex.Message };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an agent stream from {Peer}: {Reason}")]
    private partial void LogRefused(string peer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an agent stream from {Peer}: {Subject} may report for node {Allowed} only, not {Node}.")]
    private partial void LogWrongNode(string subject, string allowed, string node, string peer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not verify the credential of an agent stream from {Peer}.")]
    private partial void LogCannotAuthenticate(Exception exception, string peer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent on {Node} connected ({Dataplane} dataplane, agent {Version}).")]
    private partial void LogConnected(string node, string dataplane, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent on {Node} disconnected.")]
    private partial void LogDisconnected(string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream from {Node} broke.")]
    private partial void LogStreamBroken(Exception exception, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a report from {Node}: {Reason}")]
    private partial void LogRejected(string node, string reason);
}
