using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppApiConnection
{
    /// <summary>
    /// Sends a request that VPP answers only after waiting — a CLI <c>ping</c> through <c>cli_inband</c> — and sends nothing
    /// else on this connection until its reply has come. VPP runs <c>cli_inband</c> inside its API process
    /// (<c>vl_api_clnt_process</c>); while the command waits there (ping's <c>vlib_process_wait_for_event_or_clock</c>),
    /// every API message that reaches VPP is signalled to that same process as a <c>SOCKET_READ_EVENT</c>, which ping's
    /// event loop takes and drops: such a message is never handled and never answered (a dump or request issued during a
    /// probe waited forever). Messages sent before this one are safe: VPP reads a socket in order and handles what it read
    /// before it starts the command. Other calls wait for their turn (their own cancellation still applies).
    /// </summary>
    /// <remarks>
    /// The caller may stop waiting before the reply (its cancellation), but the connection stays reserved until the reply
    /// comes; without a reply within <c>ceiling</c> the connection is failed (what VPP dropped meanwhile cannot be known)
    /// and the next call connects again.
    /// </remarks>
    public async Task<VppMessage> RequestAloneAsync(IVppRequest request, TimeSpan ceiling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfFailed();
        var (definition, id) = MessageTable.Resolve(request.MessageName);
        var context = Interlocked.Increment(ref _lastContext);
        var values = new Dictionary<string, object?>(request.ToFields(), StringComparer.Ordinal) { ["client_index"] = ClientIndex, ["context"] = context };
        var frame = VppCodec.Encode(definition, id, values);
        var call = new VppPendingCall(request.MessageName, request.MessageName + "_reply", isDump: false);

        await _writeLock.WaitAsync(cancellationToken); // held until the reply: see ReleaseAfterReplyAsync
        try
        {
            _pending[context] = call;
            if (Volatile.Read(ref _failure) is { } failure)
            {
                call.Completion.TrySetException(Wrap(failure));
            }
            else
            {
                await VppSocketFraming.WriteAsync(_socket, frame, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(new VppApiException("Writing to VPP's api.sock failed.", ex));
        }
        finally
        {
            _ = ReleaseAfterReplyAsync(call, context, ceiling);
        }

        return (await call.Completion.Task.WaitAsync(cancellationToken))[0];
    }

    /// <summary>Lets other calls send again once the reply came (or the call failed), or fails the connection at the ceiling.</summary>
    private async Task ReleaseAfterReplyAsync(VppPendingCall call, uint context, TimeSpan ceiling)
    {
        try
        {
            await call.Completion.Task.WaitAsync(ceiling);
        }
        catch (TimeoutException)
        {
            Fail(new VppApiException($"{call.Request}: VPP did not answer within {ceiling.TotalSeconds:0} s; the connection is dropped, "
                + "as VPP may have dropped the messages it received meanwhile."));
        }
        catch (Exception ex) when (ex is VppApiException or DataplaneException or ObjectDisposedException or OperationCanceledException)
        {
            // The call's own outcome, already observed by its caller.
        }
        finally
        {
            _pending.TryRemove(context, out _);
            try
            {
                _writeLock.Release();
            }
            catch (ObjectDisposedException)
            {
                // The connection was disposed meanwhile: nobody sends on it any more.
            }
        }
    }
}
