using System.Threading.Channels;
using Grpc.Core;

namespace Multinet.UnitTests.TestSupport;

/// <summary>An in-memory request stream a test writes agent messages into.</summary>
public sealed class ChannelStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public T Current { get; private set; } = default!;

    public ChannelWriter<T> Writer => _channel.Writer;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (await _channel.Reader.WaitToReadAsync(cancellationToken) && _channel.Reader.TryRead(out var item))
        {
            Current = item;
            return true;
        }

        return false;
    }
}

/// <summary>An in-memory response stream a test reads the console's answers from.</summary>
public sealed class ChannelStreamWriter<T> : IServerStreamWriter<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public WriteOptions? WriteOptions { get; set; }

    public ChannelReader<T> Reader => _channel.Reader;

    public Task WriteAsync(T message) => _channel.Writer.WriteAsync(message).AsTask();

    public Task WriteAsync(T message, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(message, cancellationToken).AsTask();
}

/// <summary>A server call context carrying a cancellation token and the request headers (none by default).</summary>
public sealed class TestServerCallContext(CancellationToken cancellationToken, Metadata? headers = null) : ServerCallContext
{
    protected override string MethodCore => "/multinet.agent.v1.AgentGateway/Connect";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "ipv4:127.0.0.1:1";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = headers ?? [];
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
