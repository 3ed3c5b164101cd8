using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Multinet.Contracts.Agent.V1;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Grpc;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Grpc;

/// <summary>Who may open an agent stream: a refused credential gets Unauthenticated and nothing of its stream is applied.</summary>
public sealed class AgentGatewayAuthenticationTests : IAsyncDisposable
{
    private readonly LiveState _live = new(new FakeTimeProvider());
    private readonly AgentConnections _connections = new();
    private readonly TestApplicationLifetime _lifetime = new();
    private readonly AgentReportQueue _reports = new();

    public async ValueTask DisposeAsync()
    {
        _lifetime.Dispose();
        await _reports.DisposeAsync();
    }

    [Theory(Timeout = 10_000)]
    [InlineData(null)]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-the-secret")]
    [InlineData("Basic the-secret")]
    public async Task Connect_MissingOrWrongSecret_IsUnauthenticatedAndNothingIsApplied(string? authorization)
    {
        var service = Service(AgentGatewayServiceTests.SharedSecret("the-secret"), TimeProvider.System);
        var requests = new ChannelStreamReader<AgentMessage>();
        await requests.Writer.WriteAsync(Hello("node-1"), TestContext.Current.CancellationToken);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = new NodeSnapshot { Sequence = 1 } }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => service.Connect(requests, new ChannelStreamWriter<ConsoleMessage>(), Context(authorization)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.DoesNotContain("the-secret", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_live.Current.Nodes);
    }

    [Fact(Timeout = 10_000)]
    public async Task Connect_TokenOfAnotherNodesPod_IsPermissionDeniedAndNothingIsApplied()
    {
        var service = Service(new FixedAuthenticator(new AgentIdentity("agent (pod on node-1)", "node-1", null)), TimeProvider.System);
        var requests = new ChannelStreamReader<AgentMessage>();
        await requests.Writer.WriteAsync(Hello("node-2"), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => service.Connect(requests, new ChannelStreamWriter<ConsoleMessage>(), Context("Bearer t")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("\"node-1\"", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_live.Current.Nodes);
    }

    [Fact(Timeout = 10_000)]
    public async Task Connect_CredentialExpires_TheStreamEndsSoTheAgentReconnectsWithItsFreshToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var service = Service(new FixedAuthenticator(new AgentIdentity("agent", "node-1", time.GetUtcNow().AddMinutes(10))), time);
        var requests = new ChannelStreamReader<AgentMessage>();
        var responses = new ChannelStreamWriter<ConsoleMessage>();
        var call = service.Connect(requests, responses, Context("Bearer t"));
        await requests.Writer.WriteAsync(Hello("node-1"), TestContext.Current.CancellationToken);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = new NodeSnapshot { Sequence = 1 } }, TestContext.Current.CancellationToken);
        await responses.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.True(_live.Current.Nodes["node-1"].Connected);

        time.Advance(TimeSpan.FromMinutes(10));

        await call; // ends without an error: the agent reconnects at once after an acknowledged session
        Assert.False(_live.Current.Nodes["node-1"].Connected);
    }

    private AgentGatewayService Service(IAgentAuthenticator authenticator, TimeProvider timeProvider) =>
        new(_live, _connections, new AgentProbes(), _reports, _lifetime, authenticator, timeProvider, NullLogger<AgentGatewayService>.Instance);

    private static TestServerCallContext Context(string? authorization) => new(TestContext.Current.CancellationToken,
        authorization is null ? [] : new Metadata { { "authorization", authorization } });

    private static AgentMessage Hello(string node) =>
        new() { Hello = new Hello { NodeName = node, Dataplane = "Simulated", AgentVersion = "0.1.0" } };

    private sealed class FixedAuthenticator(AgentIdentity identity) : IAgentAuthenticator
    {
        public Task<AgentIdentity> AuthenticateAsync(string? credential, CancellationToken cancellationToken) => Task.FromResult(identity);
    }
}
