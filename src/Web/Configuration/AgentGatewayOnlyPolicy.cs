using Microsoft.AspNetCore.Routing.Matching;

namespace Multinet.Web.Configuration;

/// <summary>
/// Serves the endpoints marked <see cref="AgentGatewayOnlyAttribute"/> (the agents' gRPC service) only on the agent
/// gateway's port, the port Kestrel actually bound (it may have been configured as 0), elsewhere they do not match (404).
/// The port is the connection's local port, or the Host header's on a test server, which has no sockets.
/// </summary>
internal sealed class AgentGatewayOnlyPolicy(ConsoleEndpoints console) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => -100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<AgentGatewayOnlyAttribute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var port = httpContext.Connection.LocalPort is > 0 and var local ? local : httpContext.Request.Host.Port ?? -1;
        if (port == console.GrpcPort)
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<AgentGatewayOnlyAttribute>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
