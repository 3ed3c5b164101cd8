namespace Multinet.Web.Grpc;

public enum AgentProbeStatus
{
    Answered,
    NotConnected,
    TimedOut,
}
