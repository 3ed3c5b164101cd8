using System.Collections.Concurrent;
using System.Net.Sockets;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A VPP on a real Unix domain socket in a temp directory: it speaks the msgbuf_t framing, answers sockclnt_create
/// (id 15) with a message table (id 16, then every defined message from 100 on), and answers ip_table_add_del,
/// ip_table_dump and control_ping like VPP, over the tables of a <see cref="SimulatedDataplane"/>. Requests it does
/// not model are answered with retval -9 (UNIMPLEMENTED). Records every message name it receives. Table semantics are the
/// simulator's: unlike a real VPP, deleting a missing table (or table 0) is refused rather than ignored.
/// </summary>
internal sealed class FakeVppServer : IAsyncDisposable
{
    private readonly VppApiSchema _schema = VppApiSchema.Embedded;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string _directory = Directory.CreateTempSubdirectory("mnvpp-").FullName;
    private readonly Dictionary<string, ushort> _advertised = new(StringComparer.Ordinal);
    private readonly Dictionary<ushort, VppMessageDefinition> _byId = [];
    private readonly ConcurrentQueue<string> _received = new();
    private readonly ConcurrentDictionary<Socket, Task> _clients = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _silenced = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    /// <param name="state">The tables VPP holds; kept by the caller to outlive this server or inspect it.</param>
    /// <param name="crcOverrides">Messages advertised under another CRC (name → name_crc), as a VPP of another version would.</param>
    public FakeVppServer(SimulatedDataplane? state = null, IReadOnlyDictionary<string, string>? crcOverrides = null)
    {
        State = state ?? new SimulatedDataplane();
        SocketPath = Path.Combine(_directory, "api.sock");
        ushort next = 100;
        foreach (var definition in _schema.Messages.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var id = definition.Name switch
            {
                "sockclnt_create" => VppApiConnection.SockclntCreateId,
                "sockclnt_create_reply" => VppApiConnection.SockclntCreateReplyId,
                _ => next++,
            };
            _advertised[crcOverrides?.GetValueOrDefault(definition.Name) ?? definition.NameCrc] = id;
            _byId[id] = definition;
        }

        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public string SocketPath { get; }

    public SimulatedDataplane State { get; }

    public IReadOnlyList<string> Received => [.. _received];

    public int CountOf(string name) => _received.Count(n => n == name);

    /// <summary>From now on, <paramref name="name"/> is never answered; the task completes when one arrives.</summary>
    public Task Silence(string name) => _silenced.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Closes every client connection, as a VPP restart does; the server keeps listening.</summary>
    public async Task DropClientsAsync()
    {
        foreach (var (client, task) in _clients)
        {
            client.Shutdown(SocketShutdown.Both);
            client.Dispose();
            await task;
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(cancellationToken);
                _clients[client] = ServeAsync(client, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        try
        {
            while (await VppSocketFraming.ReadAsync(client, cancellationToken) is { } frame)
            {
                var definition = _byId[VppCodec.ReadMessageId(frame)];
                var request = VppCodec.Decode(definition, frame);
                _received.Enqueue(definition.Name);
                if (_silenced.TryGetValue(definition.Name, out var silenced))
                {
                    silenced.TrySetResult();
                    continue;
                }

                foreach (var (name, fields) in await AnswerAsync(request, cancellationToken))
                {
                    var reply = _schema.GetMessage(name);
                    await VppSocketFraming.WriteAsync(client, VppCodec.Encode(reply, _advertised[reply.NameCrc], fields), cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private async Task<List<(string Name, Dictionary<string, object?> Fields)>> AnswerAsync(VppMessage request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        switch (request.Name)
        {
            case "sockclnt_create":
                var table = new SockclntCreateReply(0, 7, _advertised);
                return [("sockclnt_create_reply", new Dictionary<string, object?>(table.ToFields(context)))];
            case "control_ping":
                return [("control_ping_reply", new() { ["context"] = context, ["client_index"] = 7u, ["vpe_pid"] = 4242u })];
            case "ip_table_dump":
                return [.. State.Tables.Select(t => ("ip_table_details", new Dictionary<string, object?>
                {
                    ["context"] = context,
                    ["table"] = new IpTable(t.TableId, t.IsIpv6, t.Name).ToFields(),
                }))];
            case "ip_table_add_del":
                var ipTable = IpTable.From(request.Get<IReadOnlyDictionary<string, object?>>("table"));
                var retval = 0;
                try
                {
                    var dataplaneTable = new Multinet.Shared.Domain.DataplaneTable(ipTable.TableId, ipTable.IsIp6, ipTable.Name);
                    await (request.Get<bool>("is_add")
                        ? State.AddTableAsync(dataplaneTable, cancellationToken)
                        : State.DeleteTableAsync(dataplaneTable, cancellationToken));
                }
                catch (DataplaneException ex)
                {
                    retval = VppApiErrors.Code(ex.ApiError);
                }

                return [("ip_table_add_del_reply", new() { ["context"] = context, ["retval"] = retval })];
            default:
                return _schema.Messages.ContainsKey(request.Name + "_reply")
                    ? [(request.Name + "_reply", new() { ["context"] = context, ["retval"] = -9 })]
                    : [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        foreach (var (client, task) in _clients)
        {
            client.Dispose();
            await task;
        }

        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
