using System.Net;
using System.Net.Sockets;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server (TLS passes through untouched), that a test can fault: <see cref="Cut"/>
/// drops every open connection, as a broken network or a restarting server does; <see cref="Refuse"/> also closes each new
/// one at once until <see cref="Accept"/>; <see cref="Target"/> moves it to another port (a restarted server).
/// </summary>
internal sealed class FaultyTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _refusing;

    public FaultyTcpProxy(int targetPort)
    {
        Target = targetPort;
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The port new connections are relayed to.</summary>
    public int Target { get; set; }

    /// <summary>How many connections were relayed so far.</summary>
    public int Connections { get; private set; }

    public void Cut()
    {
        lock (_lock)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST, not a polite FIN
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Refuse()
    {
        _refusing = true;
        Cut();
    }

    public void Accept() => _refusing = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        using (inbound)
        {
            if (_refusing)
            {
                return;
            }

            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, Target, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                return; // the server is down: the client sees its connection closed
            }

            lock (_lock)
            {
                Connections++;
                _open.Add(inbound);
                _open.Add(outbound);
            }

            var a = inbound.GetStream();
            var b = outbound.GetStream();
            try
            {
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
            }
            finally
            {
                lock (_lock)
                {
                    _open.Remove(inbound);
                    _open.Remove(outbound);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
