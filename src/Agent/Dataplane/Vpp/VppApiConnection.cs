using System.Collections.Concurrent;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// One client registration on VPP's api.sock. <see cref="ConnectAsync"/> sends <c>sockclnt_create</c> and reads the
/// message table from its reply; afterwards one reader loop routes every reply to the call with the same context.
/// A dump is sent with a <c>control_ping</c> right behind it under the same context: its details are collected until
/// the ping's reply. Thread-safe; a lost socket fails every pending and later call.
/// </summary>
internal sealed partial class VppApiConnection : IAsyncDisposable
{
    /// <summary>
    /// memclnt's messages are registered first, from id 1, so sockclnt_create is 15 and its reply 16 in every VPP:
    /// the only ids a client uses before it has the table (vpp_papi hard-codes the same).
    /// </summary>
    public const ushort SockclntCreateId = 15;

    public const ushort SockclntCreateReplyId = 16;

    private readonly Socket _socket;
    private readonly VppApiSchema _schema;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, VppPendingCall> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private Exception? _failure;
    private uint _lastContext;
    private int _disposed;

    private VppApiConnection(Socket socket, VppApiSchema schema, ILogger logger)
    {
        _socket = socket;
        _schema = schema;
        _logger = logger;
        MessageTable = new VppMessageTable(schema, []);
    }

    public VppMessageTable MessageTable { get; private set; }

    /// <summary>The registration index from sockclnt_create_reply, sent as every request's client_index.</summary>
    public uint ClientIndex { get; private set; }

    /// <summary>False once the socket failed or the connection was disposed.</summary>
    public bool IsConnected => Volatile.Read(ref _failure) is null;

    public static async Task<VppApiConnection> ConnectAsync(string socketPath, string clientName, VppApiSchema schema, ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(logger);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var connection = new VppApiConnection(socket, schema, logger);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            await connection.RegisterAsync(clientName, cancellationToken);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            if (ex is SocketException socketError)
            {
                throw new VppApiException($"Cannot connect to VPP at {socketPath}: {socketError.Message}", socketError);
            }

            throw;
        }

        connection._reader = connection.ReadLoopAsync(connection._stop.Token);
        return connection;
    }

    /// <summary>Sends a typed request and returns its reply.</summary>
    public Task<VppMessage> RequestAsync(IVppRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RequestAsync(request.MessageName, request.ToFields(), cancellationToken);
    }

    /// <summary>Sends a typed dump and returns its details.</summary>
    public Task<IReadOnlyList<VppMessage>> DumpAsync(IVppRequest dump, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dump);
        return DumpAsync(dump.MessageName, dump.ToFields(), cancellationToken);
    }

    /// <summary>Sends a request and returns its <c>_reply</c>; a non-zero retval throws <see cref="DataplaneException"/>.</summary>
    public async Task<VppMessage> RequestAsync(string name, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        var replies = await CallAsync(name, fields, isDump: false, cancellationToken);
        return replies[0];
    }

    /// <summary>Sends a dump followed by control_ping and returns the <c>_details</c> received before the ping's reply.</summary>
    public Task<IReadOnlyList<VppMessage>> DumpAsync(string name, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken) =>
        CallAsync(name, fields, isDump: true, cancellationToken);

    private async Task<IReadOnlyList<VppMessage>> CallAsync(string name, IReadOnlyDictionary<string, object?> fields, bool isDump,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ThrowIfFailed();
        var (definition, id) = MessageTable.Resolve(name);
        var (pingDefinition, pingId) = isDump ? MessageTable.Resolve("control_ping") : (definition, id);
        var expected = isDump ? DetailsName(name) : name + "_reply";
        var context = Interlocked.Increment(ref _lastContext);
        var values = new Dictionary<string, object?>(fields, StringComparer.Ordinal) { ["client_index"] = ClientIndex, ["context"] = context };
        var frames = isDump
            ? new[] { VppCodec.Encode(definition, id, values), VppCodec.Encode(pingDefinition, pingId, values) }
            : [VppCodec.Encode(definition, id, values)];

        var call = new VppPendingCall(name, expected, isDump);
        _pending[context] = call;
        if (Volatile.Read(ref _failure) is { } failure)
        {
            // Fail() sets the failure before it sweeps the pending calls: either it saw this call or this sees it.
            call.Completion.TrySetException(Wrap(failure));
        }

        await using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(context, out var cancelled))
            {
                cancelled.Completion.TrySetCanceled(cancellationToken);
            }
        });
        try
        {
            await SendAsync(frames, cancellationToken);
            return await call.Completion.Task;
        }
        finally
        {
            _pending.TryRemove(context, out _);
        }
    }

    private async Task SendAsync(byte[][] frames, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken); // outside the try: a cancelled wait holds nothing to release
        try
        {
            // Frames go out whole: a cancelled caller must not leave half a frame on the stream.
            foreach (var frame in frames)
            {
                await VppSocketFraming.WriteAsync(_socket, frame, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(new VppApiException("Writing to VPP's api.sock failed.", ex));
            ThrowIfFailed();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static string DetailsName(string dump) => dump.EndsWith("_dump", StringComparison.Ordinal)
        ? string.Concat(dump.AsSpan(0, dump.Length - "_dump".Length), "_details")
        : throw new ArgumentException($"\"{dump}\" is not a dump message.", nameof(dump));

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw Wrap(failure);
        }
    }

    private static Exception Wrap(Exception failure) => failure is ObjectDisposedException ? failure : new VppApiException(failure.Message, failure);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Fail(new ObjectDisposedException(nameof(VppApiConnection), "The VPP API connection was closed."));
        await _stop.CancelAsync();
        _socket.Dispose();
        await _reader;
        _stop.Dispose();
        _writeLock.Dispose();
    }
}
