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
/// </summary>
internal sealed partial class AgentGatewayService(LiveState state, AgentConnections connections, IHostApplicationLifetime lifetime,
    ILogger<AgentGatewayService> logger)
    : AgentGateway.AgentGatewayBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ConsoleMessage> responseStream,
        ServerCallContext context)
    {
        using var callOrShutdown = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
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
        using var scope = logger.BeginScope("{Kind}/{Name}", "Node", node);
        var connection = connections.Open(node);
        state.NodeConnected(node, hello.Dataplane, hello.AgentVersion);
        LogConnected(node, hello.Dataplane, hello.AgentVersion);
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                var ack = Handle(node, requestStream.Current);
                if (ack is not null)
                {
                    await responseStream.WriteAsync(new ConsoleMessage { Ack = ack }, cancellationToken);
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
            if (connections.Close(node, connection))
            {
                state.NodeDisconnected(node);
                LogDisconnected(node);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent on {Node} connected ({Dataplane} dataplane, agent {Version}).")]
    private partial void LogConnected(string node, string dataplane, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent on {Node} disconnected.")]
    private partial void LogDisconnected(string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream from {Node} broke.")]
    private partial void LogStreamBroken(Exception exception, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a report from {Node}: {Reason}")]
    private partial void LogRejected(string node, string reason);
}
