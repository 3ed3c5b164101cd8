namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>control_ping_reply</c>: u32 context, i32 retval, u32 client_index, u32 vpe_pid.</summary>
internal sealed record ControlPingReply(int RetVal, uint ClientIndex, uint VpePid)
{
    public static ControlPingReply From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<int>("retval"), message.Get<uint>("client_index"), message.Get<uint>("vpe_pid"));
    }
}
