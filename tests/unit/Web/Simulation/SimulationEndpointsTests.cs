using System.Net;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Simulation;

/// <summary>The embedded console's fault injection endpoint: admins only, field-precise, 404 for what the simulation does not hold.</summary>
public sealed class SimulationEndpointsTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TunnelFault_OperatorIs403_AdminUnknownNodeIs404_MissingUpIs400()
    {
        using var operatorClient = await server.ApiClientAsync(ConsoleRoles.Operator);
        using var admin = await server.ApiClientAsync(ConsoleRoles.Admin);

        using var refused = await operatorClient.PostAsync(new Uri("/api/v1/simulation/nodes/node-1/tunnels/blue/node-2?up=false", UriKind.Relative), null, Token);
        using var unknown = await admin.PostAsync(new Uri("/api/v1/simulation/nodes/node-9/tunnels/blue/node-2?up=false", UriKind.Relative), null, Token);
        using var incomplete = await admin.PostAsync(new Uri("/api/v1/simulation/nodes/node-9/tunnels/blue/node-2", UriKind.Relative), null, Token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (refused.StatusCode, unknown.StatusCode, incomplete.StatusCode));
        Assert.Contains("No simulated node named \\\"node-9\\\"", await unknown.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("\"up\"", await incomplete.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
