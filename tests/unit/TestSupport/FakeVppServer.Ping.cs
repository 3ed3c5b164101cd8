using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Multinet.Agent.Dataplane.Vpp;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// <c>cli_inband</c> with VPP's <c>ping ADDRESS table-id ID repeat N</c> (ping plugin, src/plugins/ping/ping.c), as VPP runs
/// it: inside the API process, one request a second. While it waits, every API message that reaches VPP is signalled to
/// that process as a socket-read event, which ping's event loop takes and drops: such a message is never answered. The
/// fake does the same (<see cref="Dropped"/> names them). The table answers when it has a route to the address: the fake
/// then counts every request answered (it does not model the far side); without a route VPP sends nothing and says why.
/// Other commands are answered with empty output.
/// </summary>
internal sealed partial class FakeVppServer
{
    private readonly ConcurrentQueue<string> _dropped = new();
    private readonly TaskCompletionSource _pingStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Messages that arrived while a ping ran, which VPP drops unanswered.</summary>
    public IReadOnlyList<string> Dropped => [.. _dropped];

    /// <summary>Completes when the first ping starts waiting for replies.</summary>
    public Task PingStarted => _pingStarted.Task;

    /// <summary>Reads frames as they arrive, so what comes during a ping can be dropped as VPP drops it.</summary>
    private static async Task ReadFramesAsync(Socket client, ChannelWriter<byte[]> frames, CancellationToken cancellationToken)
    {
        try
        {
            while (await VppSocketFraming.ReadAsync(client, cancellationToken) is { } frame)
            {
                frames.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            frames.TryComplete();
        }
    }

    /// <summary>For a ping, waits its second per request, dropping what arrives meanwhile; other commands return at once.</summary>
    private async Task RunCliAsync(VppMessage request, ChannelReader<byte[]> frames, CancellationToken cancellationToken)
    {
        if (PingCommand().Match(request.Get<string>("cmd")) is not { Success: true } ping)
        {
            return;
        }

        using var interval = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        interval.CancelAfter(TimeSpan.FromSeconds(int.Parse(ping.Groups["repeat"].Value, CultureInfo.InvariantCulture)));
        _pingStarted.TrySetResult();
        try
        {
            while (await frames.WaitToReadAsync(interval.Token))
            {
                while (frames.TryRead(out var frame))
                {
                    _dropped.Enqueue(_byId[VppCodec.ReadMessageId(frame)].Name);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private (string, Dictionary<string, object?>) AnswerCli(VppMessage request)
    {
        var command = request.Get<string>("cmd");
        var output = "";
        if (PingCommand().Match(command) is { Success: true } ping)
        {
            var repeat = int.Parse(ping.Groups["repeat"].Value, CultureInfo.InvariantCulture);
            var table = uint.Parse(ping.Groups["table"].Value, CultureInfo.InvariantCulture);
            var address = IPAddress.Parse(ping.Groups["address"].Value);
            bool routed;
            lock (_model)
            {
                routed = _model.Routes.Any(r => r.TableId == table && r.Prefix.Contains(address));
            }

            output = routed
                ? string.Concat(Enumerable.Range(1, repeat).Select(i => $"116 bytes from {address}: icmp_seq={i} ttl=63 time=1.0000 ms\n"))
                    + $"\nStatistics: {repeat} sent, {repeat} received, 0% packet loss\n"
                : string.Concat(Enumerable.Repeat("Failed: no egress interface\n", repeat)) + "\nStatistics: 0 sent, 0 received, 0% packet loss\n";
        }

        return ("cli_inband_reply", new() { ["context"] = request.Context, ["retval"] = 0, ["reply"] = output });
    }

    [GeneratedRegex(@"^ping (?<address>\S+) table-id (?<table>\d+) repeat (?<repeat>\d+)$")]
    private static partial Regex PingCommand();
}
