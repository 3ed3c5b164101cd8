namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>A request waiting for its reply, or a dump collecting details until its control_ping_reply.</summary>
internal sealed class VppPendingCall(string request, string expected, bool isDump)
{
    private readonly List<VppMessage> _details = [];

    public string Request { get; } = request;

    /// <summary>The reply name (<c>x_reply</c>), or for a dump the details name (<c>x_details</c>).</summary>
    public string Expected { get; } = expected;

    public bool IsDump { get; } = isDump;

    public TaskCompletionSource<IReadOnlyList<VppMessage>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes a message with this call's context; true when the call is complete.</summary>
    public bool Accept(VppMessage message)
    {
        if (IsDump && message.Name == Expected)
        {
            _details.Add(message);
            return false;
        }

        if ((IsDump && message.Name == "control_ping_reply") || (!IsDump && message.Name == Expected))
        {
            var result = IsDump ? _details.ToArray() : [message];
            if (message.RetVal != 0)
            {
                Completion.TrySetException(new DataplaneException(
                    $"{Request}: VPP returned {message.RetVal} ({VppApiErrors.Name(message.RetVal)}{(VppApiErrors.Text(message.RetVal) is { } text ? ": " + text : "")}).",
                    VppApiErrors.Name(message.RetVal)));
            }
            else
            {
                Completion.TrySetResult(result);
            }

            return true;
        }

        Completion.TrySetException(new VppApiException($"{Request}: VPP answered with {message.Name}, expected {Expected}."));
        return true;
    }
}
