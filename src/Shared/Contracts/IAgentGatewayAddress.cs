namespace Multinet.Shared.Contracts;

/// <summary>
/// Where the console's agent gateway (the HTTP/2-only gRPC endpoint) actually listens, for a host that runs agents
/// in-process (the console's simulated nodes). The configured port may be 0 (any free port): read this once the server
/// has started, when it holds the port the server bound.
/// </summary>
public interface IAgentGatewayAddress
{
    /// <summary>The gateway's URL, e.g. http://127.0.0.1:5081.</summary>
    string Url { get; }
}
