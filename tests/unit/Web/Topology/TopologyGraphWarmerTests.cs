using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Multinet.Web.State;
using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyGraphWarmerTests
{
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120); // reached only on failure

    [Fact]
    public async Task Warmer_BuildsTheDefaultViewAtStart_ThenOncePerIntervalWhileTheStateChanges_AndTheFirstScreenGetsIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var live = new LiveState(time);
        var cache = new TopologyGraphCache();
        using var warmer = new TopologyGraphWarmer(live, cache, time);
        var warmed = Channel.CreateUnbounded<LiveSnapshot>();
        warmer.Warmed += s => warmed.Writer.TryWrite(s);
        using var timeout = new CancellationTokenSource(s_ceiling);

        await warmer.StartAsync(timeout.Token);
        Assert.Empty((await warmed.Reader.ReadAsync(timeout.Token)).Nodes);

        live.NodeConnected("node-001", "simulated", "test");
        live.NodeConnected("node-002", "simulated", "test");
        time.Advance(TopologyGraphWarmer.Interval);
        var built = await warmed.Reader.ReadAsync(timeout.Token);
        Assert.Equal(["node-001", "node-002"], built.Nodes.Keys);

        // A newer state the warmer has not built from yet: the prerendered first screen takes the warm graph, unbuilt.
        live.NodeConnected("node-003", "simulated", "test");
        var first = cache.GetRecent(live.Current, TopologyQuery.Default);
        Assert.Same(cache.Get(built, TopologyQuery.Default), first);
        Assert.Equal(2, cache.Built);
        Assert.Contains(TopologyIds.Node("node-002"), first.Keys);

        time.Advance(TopologyGraphWarmer.Interval);
        Assert.Equal(3, (await warmed.Reader.ReadAsync(timeout.Token)).Nodes.Count);
        await warmer.StopAsync(CancellationToken.None);
        Assert.False(warmed.Reader.TryRead(out _));
    }

    [Fact]
    public void GetRecent_NothingBuiltOfTheView_BuildsItFromTheSnapshot()
    {
        var cache = new TopologyGraphCache();
        var snapshot = TopologyStates.Mesh(3, "blue");
        cache.Get(snapshot, TopologyQuery.Default);

        var expanded = cache.GetRecent(snapshot, TopologyQuery.Default.ToggleExpanded("blue"));

        Assert.Equal(TopologyGraph.Build(snapshot, TopologyQuery.Default.ToggleExpanded("blue")), expanded);
        Assert.Equal(2, cache.Built);
    }
}
