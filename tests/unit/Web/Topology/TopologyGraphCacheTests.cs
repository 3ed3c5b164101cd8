using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyGraphCacheTests
{
    [Fact]
    public void Get_OneViewOfOneSnapshot_IsBuiltOnce_WhateverIsSelected()
    {
        var cache = new TopologyGraphCache();
        var snapshot = TopologyStates.Mesh(3, "blue", "red");

        var first = cache.Get(snapshot, TopologyQuery.Default);
        var again = cache.Get(snapshot, TopologyQuery.Default with { Selected = TopologyIds.Network("blue") });
        var other = cache.Get(snapshot, TopologyQuery.Default.ToggleExpanded("blue"));

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, cache.Built);
        Assert.Equal(TopologyGraph.Build(snapshot, TopologyQuery.Default), first);
    }

    [Fact]
    public void Get_ANewerSnapshot_IsBuiltFromIt_AndTheOlderOnesGraphsAreDropped()
    {
        var cache = new TopologyGraphCache();
        var older = TopologyStates.Mesh(3, "blue");
        var newer = older.WithTunnel("node-001", "blue", "node-002", up: false) with { Version = older.Version + 1 };

        var before = cache.Get(older, TopologyQuery.Default.ToggleExpanded("blue"));
        var after = cache.Get(newer, TopologyQuery.Default.ToggleExpanded("blue"));
        cache.Get(older, TopologyQuery.Default.ToggleExpanded("blue"));

        Assert.Contains("tunnel down", after[TopologyIds.Tunnel("blue", "node-001", "node-002")].Classes, StringComparison.Ordinal);
        Assert.Contains("tunnel up", before[TopologyIds.Tunnel("blue", "node-001", "node-002")].Classes, StringComparison.Ordinal);
        Assert.Equal(3, cache.Built);
        Assert.Same(after, cache.Get(newer, TopologyQuery.Default.ToggleExpanded("blue")));
    }
}
