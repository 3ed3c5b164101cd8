using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Domain;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>
/// A Network's tunnel mesh is built once for every page showing it (the prerendered HTML, then the circuit) until a
/// node's tunnels or VRFs change; heartbeats, which make new snapshots, do not build it again.
/// </summary>
public sealed class MeshCacheTests
{
    private readonly LiveState _live = new(new FakeTimeProvider());

    public MeshCacheTests()
    {
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeConnected("node-2", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", Mesh("node-2", up: true));
        _live.NodeSnapshot("node-2", Mesh("node-1", up: true));
    }

    [Fact]
    public void SameTunnels_AfterAHeartbeat_TheSameMesh()
    {
        var first = MeshCache.Of(_live).For(_live.Current, "blue");
        var before = _live.Current;

        _live.NodeSeen("node-1");

        Assert.NotSame(before, _live.Current);
        Assert.Same(first, MeshCache.Of(_live).For(_live.Current, "blue"));
        Assert.Equal(["node-1", "node-2"], first.Nodes);
    }

    [Fact]
    public async Task PagesReadingTheSameBatchAtOnce_GetOneMesh()
    {
        _live.NodeSnapshot("node-2", Mesh("node-1", up: false));
        var snapshot = _live.Current;
        using var start = new Barrier(8);

        var meshes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            return MeshCache.Of(_live).For(snapshot, "blue");
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        Assert.All(meshes, m => Assert.Same(meshes[0], m));
        Assert.False(meshes[0].Cell("node-2", "node-1")!.Up);
    }

    [Fact]
    public void ATunnelGoesDown_ANewMeshShowsIt()
    {
        var first = MeshCache.Of(_live).For(_live.Current, "blue");

        _live.NodeSnapshot("node-2", Mesh("node-1", up: false));

        var next = MeshCache.Of(_live).For(_live.Current, "blue");
        Assert.NotSame(first, next);
        Assert.False(next.Cell("node-2", "node-1")!.Up);
        Assert.True(first.Cell("node-2", "node-1")!.Up);
    }

    [Fact]
    public void EachNetwork_HasItsOwnMesh_AndAnotherLiveStateItsOwnCache()
    {
        var blue = MeshCache.Of(_live).For(_live.Current, "blue");
        var red = MeshCache.Of(_live).For(_live.Current, "red");

        Assert.Empty(red.Nodes);
        Assert.Same(blue, MeshCache.Of(_live).For(_live.Current, "blue"));
        Assert.NotSame(MeshCache.Of(_live), MeshCache.Of(new LiveState(new FakeTimeProvider())));
    }

    [Fact]
    public void ANodeReportsNewTunnels_ItsOldOnesAreNotKeptByTheCache()
    {
        var old = BuildAndForget(_live);

        _live.NodeSnapshot("node-1", Mesh("node-2", up: false));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(old.IsAlive);
        Assert.False(MeshCache.Of(_live).For(_live.Current, "blue").Cell("node-1", "node-2")!.Up);
    }

    // Not inlined, so no local of the test keeps node-1's reported tunnels alive; the cached mesh holds its own tunnels, not node-1's array.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference BuildAndForget(LiveState live)
    {
        MeshCache.Of(live).For(live.Current, "blue");
        return new WeakReference(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(live.Current.Nodes["node-1"].Inventory.Tunnels));
    }

    private static NodeInventory Mesh(string peer, bool up) => NodeInventory.Empty with
    {
        Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)],
        Tunnels = [new TunnelStatus("blue", peer, 56, "192.168.1.1", "192.168.1.2", 0, up)],
    };
}
