using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Contracts;
using Multinet.Web.Auth;
using Multinet.Web.Configuration;

namespace Multinet.UnitTests.Web.Configuration;

/// <summary>
/// The console started with port 0 for its UI and its agents' gateway (as <see cref="ConsoleServer"/> starts it): each gets
/// a port of its own, the agents' gRPC service answers on the gateway's bound port and is not served on the UI's.
/// </summary>
public sealed class ConsoleEndpointsTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void PortZero_BindsTwoDistinctFreePorts_AndReportsThem()
    {
        var ui = new Uri(server.HttpUrl);
        var gateway = new Uri(server.Services.GetRequiredService<IAgentGatewayAddress>().Url);

        Assert.NotEqual(0, ui.Port);
        Assert.NotEqual(0, gateway.Port);
        Assert.NotEqual(ui.Port, gateway.Port);
        Assert.Equal(gateway.Port, server.Services.GetRequiredService<ConsoleEndpoints>().GrpcPort);
    }

    [Fact]
    public async Task AgentGateway_AnswersOnItsBoundPort_AndIsNotServedOnTheUiPort()
    {
        using var channel = GrpcChannel.ForAddress(server.Services.GetRequiredService<IAgentGatewayAddress>().Url);
        using var call = new AgentGateway.AgentGatewayClient(channel).Connect(
            new Metadata { { "cookie", AuthServiceCollectionExtensions.CookieName + "=anything" } }, cancellationToken: Token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Token));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode); // the service's own answer: it was reached

        using var ui = await server.ApiClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/multinet.agent.v1.AgentGateway/Connect") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await ui.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }
}
