using System.Threading.Channels;
using Grpc.Core;
using Multinet.Contracts.Agent.V1;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// The console's end of the agent stream, reduced to what a test needs: every message is recorded with the number of the
/// call it came on, snapshots and deltas are acknowledged, and the first <see cref="CallsToEndAfterSnapshot"/> calls are ended
/// by the server right after their snapshot is acknowledged.
/// </summary>
internal sealed class FakeConsoleGateway : AgentGateway.AgentGatewayBase
{
    private readonly Channel<ReceivedAgentMessage> _received = Channel.CreateUnbounded<ReceivedAgentMessage>();
    private int _calls;

    public int CallsToEndAfterSnapshot { get; set; }

    public ChannelReader<ReceivedAgentMessage> Received => _received.Reader;

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ConsoleMessage> responseStream,
        ServerCallContext context)
    {
        var call = Interlocked.Increment(ref _calls);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            _received.Writer.TryWrite(new ReceivedAgentMessage(call, message));
            var sequence = message.BodyCase switch
            {
                AgentMessage.BodyOneofCase.Snapshot => message.Snapshot.Sequence,
                AgentMessage.BodyOneofCase.Delta => message.Delta.Sequence,
                _ => (ulong?)null,
            };
            if (sequence is { } acked)
            {
                await responseStream.WriteAsync(new ConsoleMessage { Ack = new Ack { Sequence = acked, Accepted = true } }, context.CancellationToken);
            }

            if (message.BodyCase is AgentMessage.BodyOneofCase.Snapshot && call <= CallsToEndAfterSnapshot)
            {
                return;
            }
        }
    }
}
