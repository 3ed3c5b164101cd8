using System.Buffers.Binary;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppApiConnection
{
    private async Task RegisterAsync(string clientName, CancellationToken cancellationToken)
    {
        var create = _schema.GetMessage(SockclntCreate.MessageName);
        var context = Interlocked.Increment(ref _lastContext);
        var name = clientName.Length > 63 ? clientName[..63] : clientName; // string name[64], NUL included; node names are ASCII
        var request = VppCodec.Encode(create, SockclntCreateId, new SockclntCreate(name).ToFields(context));
        await VppSocketFraming.WriteAsync(_socket, request, cancellationToken);
        var frame = await VppSocketFraming.ReadAsync(_socket, cancellationToken)
            ?? throw new VppApiException("VPP closed api.sock before answering sockclnt_create.");
        if (VppCodec.ReadMessageId(frame) != SockclntCreateReplyId)
        {
            throw new VppApiException($"VPP answered sockclnt_create with message id {VppCodec.ReadMessageId(frame)}, not {SockclntCreateReplyId}.");
        }

        var reply = SockclntCreateReply.From(VppCodec.Decode(_schema.GetMessage("sockclnt_create_reply"), frame));
        if (reply.Response != 0)
        {
            throw new VppApiException($"VPP refused sockclnt_create: response {reply.Response}.");
        }

        MessageTable = new VppMessageTable(_schema, reply.MessageTable);
        ClientIndex = reply.Index;
        LogConnected(ClientIndex, MessageTable.Count);
    }

    private async Task ReadLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await VppSocketFraming.ReadAsync(_socket, stoppingToken) is { } frame)
            {
                Dispatch(frame);
            }

            Fail(new VppApiException("VPP closed api.sock."));
        }
        catch (Exception ex) when (stoppingToken.IsCancellationRequested)
        {
            Fail(new ObjectDisposedException(nameof(VppApiConnection), ex.Message));
        }
        catch (Exception ex)
        {
            Fail(ex as VppApiException ?? new VppApiException($"Reading VPP's api.sock failed: {ex.Message}", ex));
        }
    }

    private void Dispatch(byte[] frame)
    {
        var id = VppCodec.ReadMessageId(frame);
        if (MessageTable.Find(id) is not { } definition)
        {
            // Replies and details put their context right after the id; fail the call rather than let it hang.
            var context = frame.Length >= 6 ? BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(2)) : 0;
            if (_pending.TryRemove(context, out var call))
            {
                call.Completion.TrySetException(new VppApiException($"{call.Request}: VPP answered with message id {id}, which the agent has no definition for."));
            }

            LogUnknownMessage(id, frame.Length);
            return;
        }

        VppMessage message;
        try
        {
            message = VppCodec.Decode(definition, frame);
        }
        catch (VppApiException ex)
        {
            LogUndecodable(ex, definition.Name);
            return;
        }

        if (_pending.TryGetValue(message.Context, out var pending))
        {
            if (pending.Accept(message))
            {
                _pending.TryRemove(message.Context, out _);
            }
        }
        else
        {
            LogUnexpected(message.Name, message.Context);
        }
    }

    private void Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        if (failure is not ObjectDisposedException)
        {
            LogConnectionLost(failure);
        }

        foreach (var context in _pending.Keys)
        {
            if (_pending.TryRemove(context, out var call))
            {
                call.Completion.TrySetException(Wrap(failure));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to VPP's api.sock as client {ClientIndex}; {Messages} messages in its table.")]
    private partial void LogConnected(uint clientIndex, int messages);

    [LoggerMessage(Level = LogLevel.Debug, Message = "VPP sent message id {MessageId} ({Length} bytes), which the agent has no definition for.")]
    private partial void LogUnknownMessage(ushort messageId, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VPP sent a {MessageName} the agent could not decode.")]
    private partial void LogUndecodable(Exception exception, string messageName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "VPP sent {MessageName} for context {Context}, which no call is waiting for.")]
    private partial void LogUnexpected(string messageName, uint context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The VPP API connection was lost.")]
    private partial void LogConnectionLost(Exception exception);
}
