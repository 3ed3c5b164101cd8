using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Configuration;
using Multinet.Web.Grpc;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Grpc;

public sealed class AgentGatewayServiceTests : IAsyncDisposable
{
    private readonly LiveState _live = new(new FakeTimeProvider());
    private readonly AgentConnections _connections = new();
    private readonly TestApplicationLifetime _lifetime = new();
    private readonly AgentReportQueue _reports = new();
    private readonly AgentGatewayService _service;

    private const string Secret = "the-console-agent-secret";

    public AgentGatewayServiceTests() => _service = Service(SharedSecret(Secret), TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        _lifetime.Dispose();
        await _reports.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_ConsoleStops_TheOpenStreamEndsAndTheNodeIsDisconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);
        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, [Vrf("blue", 56)]) }, ct);
        await responses.Reader.ReadAsync(ct);

        _lifetime.StopApplication();

        await call; // the agent never closes its side: only the console's stop ends the call
        Assert.False(_live.Current.Nodes["node-1"].Connected);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_FirstMessageIsNotHello_IsRejectedAsInvalidArgument()
    {
        var (requests, responses, _) = Open();
        await requests.Writer.WriteAsync(new AgentMessage { Heartbeat = new Heartbeat() }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => Connect(requests, responses));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_live.Current.Nodes);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_HelloSnapshotDelta_UpdatesTheNodeAndAcksEachReport()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);

        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, [Vrf("blue", 56)]) }, ct);
        Assert.Equal((1UL, true), Ack(await responses.Reader.ReadAsync(ct)));
        await requests.Writer.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(2, new NodeReportDelta([Vrf("red", 88)], [])) }, ct);
        Assert.Equal((2UL, true), Ack(await responses.Reader.ReadAsync(ct)));

        var node = _live.Current.Nodes["node-1"];
        Assert.True(node.Connected);
        Assert.Equal("Simulated", node.Dataplane);
        Assert.Equal(["blue", "red"], node.Vrfs.Select(v => v.Network));

        requests.Writer.Complete();
        await call;
        Assert.False(_live.Current.Nodes["node-1"].Connected);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_MalformedReport_IsRefusedAndTheLastGoodStateStays()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);
        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, [Vrf("blue", 56)]) }, ct);
        await responses.Reader.ReadAsync(ct);

        var bad = new NodeDelta { Sequence = 2 };
        bad.UpsertedVrfs.Add(new Vrf { Network = "", TableId = 9, State = Multinet.Contracts.Agent.V1.VrfState.Applied });
        await requests.Writer.WriteAsync(new AgentMessage { Delta = bad }, ct);

        var ack = (await responses.Reader.ReadAsync(ct)).Ack;
        Assert.False(ack.Accepted);
        Assert.Equal("vrf.network is empty.", ack.Error);
        Assert.Equal(["blue"], _live.Current.Nodes["node-1"].Vrfs.Select(v => v.Network));

        requests.Writer.Complete();
        await call;
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_FullInventorySnapshotThenDelta_LiveStateHoldsTheWholeInventory()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);
        var before = SampleInventory.Full();
        var after = before with
        {
            Tunnels = [before.Tunnels[0], before.Tunnels[1] with { Up = true }],
            Memifs = [SampleInventory.Memif("pod-a", rxPackets: 900)],
            Taps = [],
            Errors = [],
            LastApply = new ApplyStats(SampleInventory.AppliedAt.AddSeconds(30), 4, 2, 0),
        };

        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, before) }, ct);
        Assert.Equal((1UL, true), Ack(await responses.Reader.ReadAsync(ct)));
        Assert.True(before.Equivalent(_live.Current.Nodes["node-1"].Inventory));
        await requests.Writer.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(2, NodeReportDelta.Between(before, after)) }, ct);
        Assert.Equal((2UL, true), Ack(await responses.Reader.ReadAsync(ct)));

        var node = _live.Current.Nodes["node-1"];
        Assert.True(after.Equivalent(node.Inventory));
        Assert.Equal(2, node.TunnelsUp);
        Assert.Equal(900UL, Assert.Single(node.Inventory.Memifs).RxPackets);
        requests.Writer.Complete();
        await call;
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_DeltaWithOneMalformedItem_IsRefusedWholeAndTheStreamStaysUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);
        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full()) }, ct);
        await responses.Reader.ReadAsync(ct);

        var bad = NodeDelta.FromDomain(2, NodeReportDelta.Empty with
        {
            Routes = new([new RouteStatus("blue", "172.19.9.0/24", "node-3")], []),
            Tunnels = new([SampleInventory.Tunnel("blue", "node-4")], []),
        });
        bad.UpsertedTunnels[0].Dst = "node-4.example";
        await requests.Writer.WriteAsync(new AgentMessage { Delta = bad }, ct);
        var rejected = (await responses.Reader.ReadAsync(ct)).Ack;
        await requests.Writer.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(3, NodeReportDelta.Empty with { Memifs = new([], ["default/pod-a/memif1"]) }) }, ct);
        var accepted = (await responses.Reader.ReadAsync(ct)).Ack;

        Assert.Equal((2UL, false), (rejected.Sequence, rejected.Accepted));
        Assert.Equal("tunnel[blue/node-4].dst \"node-4.example\" is not an IP address.", rejected.Error);
        var node = _live.Current.Nodes["node-1"];
        Assert.DoesNotContain(node.Inventory.Routes, r => r.Prefix == "172.19.9.0/24");
        Assert.DoesNotContain(node.Inventory.Tunnels, t => t.PeerNode == "node-4");
        Assert.Equal((3UL, true), (accepted.Sequence, accepted.Accepted));
        Assert.Empty(node.Inventory.Memifs);
        Assert.True(node.Connected);
        requests.Writer.Complete();
        await call;
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_SnapshotWithAnUnknownLinkState_IsRefusedAndTheLastGoodInventoryStays()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requests, responses, _) = Open();
        var call = Connect(requests, responses);
        await requests.Writer.WriteAsync(Hello("node-1"), ct);
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full()) }, ct);
        await responses.Reader.ReadAsync(ct);

        var bad = NodeSnapshot.FromDomain(2, NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-z")] });
        bad.Memifs[0].Link = LinkState.Unspecified;
        await requests.Writer.WriteAsync(new AgentMessage { Snapshot = bad }, ct);
        var ack = (await responses.Reader.ReadAsync(ct)).Ack;

        Assert.Equal((2UL, false), (ack.Sequence, ack.Accepted));
        Assert.Equal("memif[default/pod-z/memif1].link Unspecified is not a known link state.", ack.Error);
        Assert.True(SampleInventory.Full().Equivalent(_live.Current.Nodes["node-1"].Inventory));
        requests.Writer.Complete();
        await call;
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_AgentReconnectsBeforeOldStreamEnds_StaysConnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var (oldRequests, oldResponses, _) = Open();
        var oldCall = Connect(oldRequests, oldResponses);
        await oldRequests.Writer.WriteAsync(Hello("node-1"), ct);
        await oldRequests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, []) }, ct);
        await oldResponses.Reader.ReadAsync(ct);
        var (newRequests, newResponses, _) = Open();
        var newCall = Connect(newRequests, newResponses);
        await newRequests.Writer.WriteAsync(Hello("node-1"), ct);
        await newRequests.Writer.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(1, []) }, ct);
        await newResponses.Reader.ReadAsync(ct);

        oldRequests.Writer.Complete();
        await oldCall;

        Assert.True(_live.Current.Nodes["node-1"].Connected);
        newRequests.Writer.Complete();
        await newCall;
        Assert.False(_live.Current.Nodes["node-1"].Connected);
    }

    private static (ChannelStreamReader<AgentMessage>, ChannelStreamWriter<ConsoleMessage>, CancellationToken) Open() =>
        (new(), new(), TestContext.Current.CancellationToken);

    private Task Connect(ChannelStreamReader<AgentMessage> requests, ChannelStreamWriter<ConsoleMessage> responses) =>
        _service.Connect(requests, responses, Context("Bearer " + Secret));

    private static TestServerCallContext Context(string? authorization) => new(TestContext.Current.CancellationToken,
        authorization is null ? [] : new Metadata { { "authorization", authorization } });

    private AgentGatewayService Service(IAgentAuthenticator authenticator, TimeProvider timeProvider) =>
        new(_live, _connections, new AgentProbes(), _reports, _lifetime, authenticator, timeProvider, NullLogger<AgentGatewayService>.Instance);

    internal static SharedSecretAgentAuthenticator SharedSecret(string secret) => new(new AgentSecret(
        Options.Create(new MultinetOptions { AgentAuth = new AgentAuthOptions { Secret = secret } }), NullLogger<AgentSecret>.Instance));

    private static AgentMessage Hello(string node) =>
        new() { Hello = new Hello { NodeName = node, Dataplane = "Simulated", AgentVersion = "0.1.0" } };

    private static (ulong, bool) Ack(ConsoleMessage message) => (message.Ack.Sequence, message.Ack.Accepted);

    private static VrfStatus Vrf(string network, uint table) =>
        new(network, table, Multinet.Shared.Domain.VrfState.Applied, null, 1, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
}
