using Microsoft.AspNetCore.Http.HttpResults;
using Multinet.Embedded;
using Multinet.Web.Auth;

namespace Multinet.Web.Simulation;

/// <summary>
/// Fault injection into the embedded mode's simulated nodes, for demos and browser tests:
/// <c>POST /api/v1/simulation/nodes/{node}/tunnels/{network}/{peer}?up=false</c> takes that node's tunnel down (a cut
/// underlay), <c>?up=true</c> brings it back. Admins only. Mapped only in embedded mode (where <see cref="SimulatedNodes"/>
/// exists): against a real cluster the route does not exist (404).
/// </summary>
public static class SimulationEndpoints
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<SimulatedNodes>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost("/api/v1/simulation/nodes/{node}/tunnels/{network}/{peer}", Results<NoContent, ValidationProblem, NotFound<string>> (
            string node, string network, string peer, bool? up, SimulatedNodes nodes) =>
        {
            if (up is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["up"] = ["Required: up=true brings the tunnel up, up=false takes it down."] });
            }

            if (!nodes.Contains(node))
            {
                return TypedResults.NotFound($"No simulated node named \"{node}\".");
            }

            return nodes.SetTunnelLink(node, network, peer, up.Value)
                ? TypedResults.NoContent()
                : TypedResults.NotFound($"Simulated node {node} holds no tunnel to {peer} for network {network}.");
        }).RequireAuthorization(ConsolePolicies.Admin);
        return endpoints;
    }
}
