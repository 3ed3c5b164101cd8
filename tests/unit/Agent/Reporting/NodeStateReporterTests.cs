using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Agent.Reporting;
using Multinet.Contracts.Agent.V1;
using Multinet.UnitTests.TestSupport;
using DomainVrfState = Multinet.Shared.Domain.VrfState;
using DomainVrfStatus = Multinet.Shared.Domain.VrfStatus;

namespace Multinet.UnitTests.Agent.Reporting;

public sealed class NodeStateReporterTests
{
    private static readonly DateTime s_appliedAt = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NodeStateReporter CreateReporter(string consoleUrl, NodeStatusStore store, TimeProvider time) =>
        new(store, new SimulatedDataplane(), Options.Create(new AgentOptions
        {
            NodeName = "node-7",
            ConsoleUrl = consoleUrl,
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        }), time, NullLogger<NodeStateReporter>.Instance);

    [Fact]
    public async Task Connect_SendsHelloThenSnapshotThenDeltaOnChange()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var store = new NodeStatusStore();
        store.Publish([new DomainVrfStatus("blue", 56, DomainVrfState.Applied, null, 1, s_appliedAt)]);
        var time = new FakeTimeProvider();
        using var reporter = CreateReporter(server.Address, store, time);

        await reporter.StartAsync(Token);
        var hello = await server.Gateway.Received.NextAsync();
        var snapshot = await server.Gateway.Received.NextAsync();
        store.Publish([
            new DomainVrfStatus("blue", 56, DomainVrfState.Applied, null, 1, s_appliedAt),
            new DomainVrfStatus("red", 88, DomainVrfState.Error, "boom", 2, null),
        ]);
        time.Advance(NodeStateReporter.DeltaInterval);
        var delta = await server.Gateway.Received.NextAsync();
        await reporter.StopAsync(Token);

        Assert.Equal(AgentMessage.BodyOneofCase.Hello, hello.Message.BodyCase);
        Assert.Equal("node-7", hello.Message.Hello.NodeName);
        Assert.Equal("Simulated", hello.Message.Hello.Dataplane);
        Assert.False(string.IsNullOrEmpty(hello.Message.Hello.AgentVersion));
        Assert.Equal(AgentMessage.BodyOneofCase.Snapshot, snapshot.Message.BodyCase);
        Assert.Equal([new DomainVrfStatus("blue", 56, DomainVrfState.Applied, null, 1, s_appliedAt)], snapshot.Message.Snapshot.ToDomain());
        Assert.Equal(AgentMessage.BodyOneofCase.Delta, delta.Message.BodyCase);
        Assert.True(delta.Message.Delta.Sequence > snapshot.Message.Snapshot.Sequence);
        var upserted = Assert.Single(delta.Message.Delta.ToDomain().Upserted);
        Assert.Equal(new DomainVrfStatus("red", 88, DomainVrfState.Error, "boom", 2, null), upserted);
        Assert.Empty(delta.Message.Delta.RemovedVrfNetworks);
        Assert.All([hello, snapshot, delta], m => Assert.Equal(1, m.Call));
    }

    [Fact]
    public async Task Connect_ServerEndsStream_ReconnectsWithHelloAndFreshSnapshot()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway { CallsToEndAfterSnapshot = 1 }, Token);
        var store = new NodeStatusStore();
        store.Publish([new DomainVrfStatus("blue", 56, DomainVrfState.Applied, null, 1, s_appliedAt)]);
        using var reporter = CreateReporter(server.Address, store, new FakeTimeProvider());

        await reporter.StartAsync(Token);
        var first = new[] { await server.Gateway.Received.NextAsync(), await server.Gateway.Received.NextAsync() };
        var second = new[] { await server.Gateway.Received.NextAsync(), await server.Gateway.Received.NextAsync() };
        await reporter.StopAsync(Token);

        Assert.Equal([(1, AgentMessage.BodyOneofCase.Hello), (1, AgentMessage.BodyOneofCase.Snapshot)], first.Select(m => (m.Call, m.Message.BodyCase)));
        Assert.Equal([(2, AgentMessage.BodyOneofCase.Hello), (2, AgentMessage.BodyOneofCase.Snapshot)], second.Select(m => (m.Call, m.Message.BodyCase)));
        Assert.True(second[1].Message.Snapshot.Sequence > first[1].Message.Snapshot.Sequence);
        Assert.Equal("blue", Assert.Single(second[1].Message.Snapshot.Vrfs).Network);
    }

    [Fact]
    public async Task Connect_HeartbeatIntervalPasses_SendsHeartbeat()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var reporter = CreateReporter(server.Address, new NodeStatusStore(), time);

        await reporter.StartAsync(Token);
        await server.Gateway.Received.NextAsync(); // hello
        await server.Gateway.Received.NextAsync(); // snapshot
        time.Advance(TimeSpan.FromSeconds(5));
        var heartbeat = await server.Gateway.Received.NextAsync();
        await reporter.StopAsync(Token);

        Assert.Equal(AgentMessage.BodyOneofCase.Heartbeat, heartbeat.Message.BodyCase);
        Assert.Equal(time.GetUtcNow(), heartbeat.Message.Heartbeat.SentAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Connect_SnapshotCarriesTheWholeInventory()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var store = new NodeStatusStore();
        store.Publish(SampleInventory.Full());
        using var reporter = CreateReporter(server.Address, store, new FakeTimeProvider());

        await reporter.StartAsync(Token);
        await server.Gateway.Received.NextAsync(); // hello
        var snapshot = await server.Gateway.Received.NextAsync();
        await reporter.StopAsync(Token);

        Assert.True(SampleInventory.Full().Equivalent(snapshot.Message.Snapshot.ToInventory()));
    }

    [Fact]
    public async Task Connect_CountersMoveSeveralTimesWithinTheInterval_OneDeltaWithOnlyTheChangedItem()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var store = new NodeStatusStore();
        var inventory = SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c")] };
        store.Publish(inventory);
        var time = new SchedulingFakeTimeProvider();
        using var reporter = CreateReporter(server.Address, store, time);

        await reporter.StartAsync(Token);
        await server.Gateway.Received.NextAsync(); // hello
        await server.Gateway.Received.NextAsync(); // snapshot
        for (var rx = 101UL; rx <= 110; rx++)
        {
            store.Publish(inventory with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c", rxPackets: rx)] });
        }

        // The reporter holds the delta until the interval since the snapshot has passed: once it waits for that, the
        // interval passes. (Advancing first raced it: a wait scheduled after the advance was due at a time never reached.)
        var next = server.Gateway.Received.NextAsync();
        await time.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= NodeStateReporter.DeltaInterval);
        time.Advance(NodeStateReporter.DeltaInterval);

        var delta = await next;
        await reporter.StopAsync(Token);

        var domain = delta.Message.Delta.ToDomain();
        var memif = Assert.Single(domain.Memifs.Upserted);
        Assert.Equal(("default/pod-c/memif1", 110UL), (memif.Key, memif.RxPackets));
        Assert.Equal(1, domain.UpsertedCount);
        Assert.Equal(0, domain.RemovedCount);
    }

    [Fact]
    public async Task Connect_ChangeSoonAfterADelta_WaitsOutTheInterval()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var store = new NodeStatusStore();
        store.Publish(SampleInventory.Full());
        var time = new SchedulingFakeTimeProvider();
        using var reporter = CreateReporter(server.Address, store, time);

        await reporter.StartAsync(Token);
        await server.Gateway.Received.NextAsync(); // hello
        await server.Gateway.Received.NextAsync(); // snapshot
        time.Advance(TimeSpan.FromMilliseconds(4_900));
        store.Publish(SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 200)] });
        var first = await server.Gateway.Received.NextAsync(); // long after the snapshot: goes out at once
        store.Publish(SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 300)] });

        // Time moves on only once the reporter waits for the interval: a wait scheduled while the clock was stepping
        // would be due 250 ms after the step, a time the test never reaches.
        await time.WaitForTimerAsync(due => due == NodeStateReporter.DeltaInterval);
        time.Advance(TimeSpan.FromMilliseconds(100)); // the heartbeat is due (5 s), the next delta is not (4.9 s + 250 ms)
        var heartbeat = await server.Gateway.Received.NextAsync();
        time.Advance(TimeSpan.FromMilliseconds(150));
        var second = await server.Gateway.Received.NextAsync();
        await reporter.StopAsync(Token);

        Assert.Equal(
            [AgentMessage.BodyOneofCase.Delta, AgentMessage.BodyOneofCase.Heartbeat, AgentMessage.BodyOneofCase.Delta],
            new[] { first, heartbeat, second }.Select(m => m.Message.BodyCase));
        Assert.Equal(300UL, Assert.Single(second.Message.Delta.ToDomain().Memifs.Upserted).RxPackets);
    }

    [Fact]
    public async Task Connect_VrfChangeSoonAfterADelta_GoesOutAtOnce_WhileCountersStillWait()
    {
        await using var server = await FakeConsoleServer.StartAsync(new FakeConsoleGateway(), Token);
        var store = new NodeStatusStore();
        store.Publish(SampleInventory.Full());
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var reporter = CreateReporter(server.Address, store, time);

        await reporter.StartAsync(Token);
        await server.Gateway.Received.NextAsync(); // hello
        await server.Gateway.Received.NextAsync(); // snapshot
        time.Advance(TimeSpan.FromMilliseconds(4_900));
        store.Publish(SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 200)] });
        var first = await server.Gateway.Received.NextAsync(); // long after the snapshot: goes out at once
        store.Publish(SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 300)] }); // waits out the interval
        var red = new DomainVrfStatus("red", 88, DomainVrfState.Applied, null, 1, s_appliedAt);
        store.Publish(SampleInventory.Full() with { Vrfs = [.. SampleInventory.Full().Vrfs, red], Memifs = [SampleInventory.Memif("pod-a", rxPackets: 300)] });
        var second = await server.Gateway.Received.NextAsync(); // the clock has not moved: only a VRF change can send it
        await reporter.StopAsync(Token);

        Assert.Equal(AgentMessage.BodyOneofCase.Delta, first.Message.BodyCase);
        Assert.Equal(AgentMessage.BodyOneofCase.Delta, second.Message.BodyCase);
        var delta = second.Message.Delta.ToDomain();
        Assert.Equal(red, Assert.Single(delta.Upserted));
        Assert.Equal(300UL, Assert.Single(delta.Memifs.Upserted).RxPackets); // the waiting counters go with it
    }
}
