namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>A failure of the VPP binary API itself: a missing definition, a CRC mismatch, a malformed message, a lost socket.</summary>
public sealed class VppApiException : Exception
{
    public VppApiException()
    {
    }

    public VppApiException(string message)
        : base(message)
    {
    }

    public VppApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
