using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Grpc;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Grpc;

public sealed class AgentGatewayServiceTests
{
    private readonly LiveState _live = new(new FakeTimeProvider());
    private readonly AgentConnections _connections = new();
    private readonly AgentGatewayService _service;

    public AgentGatewayServiceTests() => _service = new AgentGatewayService(_live, _connections, NullLogger<AgentGatewayService>.Instance);

    [Fact(Timeout = 10_000)]
    public async Task Connect_FirstMessageIsNotHello_IsRejectedAsInvalidArgument()
    {
        var (requests, responses, _) = Open();
        await requests.Writer.WriteAsync(new AgentMessage { Heartbeat = new Heartbeat() }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => Connect(requests, responses));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_live.Current.Nodes);
    }

    [Fact(Timeout = 10_000)]
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

    [Fact(Timeout = 10_000)]
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

    [Fact(Timeout = 10_000)]
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
        _service.Connect(requests, responses, new TestServerCallContext(TestContext.Current.CancellationToken));

    private static AgentMessage Hello(string node) =>
        new() { Hello = new Hello { NodeName = node, Dataplane = "Simulated", AgentVersion = "0.1.0" } };

    private static (ulong, bool) Ack(ConsoleMessage message) => (message.Ack.Sequence, message.Ack.Accepted);

    private static VrfStatus Vrf(string network, uint table) =>
        new(network, table, Multinet.Shared.Domain.VrfState.Applied, null, 1, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
}
