using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Domain;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Model;

/// <summary>The Pods page's 10,000 rows follow node reports one row at a time, not by rebuilding them all.</summary>
public sealed class PodInterfaceRowsTests
{
    private const int Nodes = 200;
    private const int PodsPerNode = 50;

    private readonly LiveState _live = new(new FakeTimeProvider());

    public PodInterfaceRowsTests()
    {
        for (var n = 0; n < Nodes; n++)
        {
            _live.NodeSnapshot(NodeName(n), new NodeInventory { Memifs = [.. Enumerable.Range(0, PodsPerNode).Select(p => Memif(n, p, up: true, rx: 0))] });
        }
    }

    [Fact]
    public void OnePodsLinkGoesDown_OneRowIsMade_EveryOtherRowIsTheSameObject()
    {
        var rows = new PodInterfaceRows();
        Assert.True(rows.Update(_live.Current));
        Assert.Equal(Nodes * PodsPerNode, rows.All.Count);
        Assert.Equal(Nodes * PodsPerNode, rows.RowsBuilt);
        var before = rows.All;

        _live.NodeDelta(NodeName(7), new NodeReportDelta([], []) { Memifs = new([Memif(7, 3, up: false, rx: 0)], []) });
        Assert.True(rows.Update(_live.Current));

        Assert.Equal(Nodes * PodsPerNode + 1, rows.RowsBuilt);
        var changed = Assert.Single(rows.All, r => !before.Contains(r, ReferenceEqualityComparer.Instance));
        Assert.Equal((NodeName(7), "pod-007-03", false), (changed.Node, changed.Pod, changed.LinkUp));
        Assert.Equal(before.Count, rows.All.Count);
    }

    [Fact]
    public void EveryNodeReportsCounters_NoRowIsMade_AndTheListIsKept()
    {
        var rows = new PodInterfaceRows();
        rows.Update(_live.Current);
        var before = rows.All;
        var built = rows.RowsBuilt;

        for (var n = 0; n < Nodes; n++)
        {
            var node = n;
            _live.NodeDelta(NodeName(n), new NodeReportDelta([], []) { Memifs = new([.. Enumerable.Range(0, PodsPerNode).Select(p => Memif(node, p, up: true, rx: 1000))], []) });
        }

        Assert.False(rows.Update(_live.Current));
        Assert.Same(before, rows.All);
        Assert.Equal(built, rows.RowsBuilt);
    }

    [Fact]
    public void APodIsRemoved_ItsRowGoes_NoRowIsMade()
    {
        var rows = new PodInterfaceRows();
        rows.Update(_live.Current);
        var built = rows.RowsBuilt;

        _live.NodeDelta(NodeName(11), new NodeReportDelta([], []) { Memifs = new([], [Memif(11, 4, up: true, rx: 0).Key]) });
        Assert.True(rows.Update(_live.Current));

        Assert.Equal(Nodes * PodsPerNode - 1, rows.All.Count);
        Assert.DoesNotContain(rows.All, r => r.Pod == "pod-011-04");
        Assert.Equal(built, rows.RowsBuilt);
        Assert.Equal(Nodes * PodsPerNode - 1, rows.PodCount);
    }

    [Fact]
    public void OneNetworksRows_OnlyThoseAreMade_AndOnePodsChangeMakesOneRow()
    {
        var rows = new PodInterfaceRows("net-3");
        rows.Update(_live.Current);
        Assert.Equal(Nodes * PodsPerNode / 10, rows.All.Count);
        Assert.All(rows.All, r => Assert.Equal("net-3", r.Network));
        Assert.Equal(rows.All.Count, rows.RowsBuilt);
        var before = rows.All;

        _live.NodeDelta(NodeName(9), new NodeReportDelta([], []) { Memifs = new([Memif(9, 13, up: false, rx: 0)], []) });
        Assert.True(rows.Update(_live.Current));

        Assert.Equal(before.Count + 1, rows.RowsBuilt);
        var changed = Assert.Single(rows.All, r => !before.Contains(r, ReferenceEqualityComparer.Instance));
        Assert.Equal(("pod-009-13", false), (changed.Pod, changed.LinkUp));

        // A pod on another Network changing makes no row here and keeps the list.
        _live.NodeDelta(NodeName(9), new NodeReportDelta([], []) { Memifs = new([Memif(9, 14, up: false, rx: 0)], []) });
        var kept = rows.All;
        Assert.False(rows.Update(_live.Current));
        Assert.Same(kept, rows.All);
        Assert.Equal(before.Count + 1, rows.RowsBuilt);
    }

    private static string NodeName(int n) => $"node-{n:D3}";

    private static MemifStatus Memif(int node, int pod, bool up, ulong rx) =>
        new("default", $"pod-{node:D3}-{pod:D2}", "memif1", $"net-{pod % 10}", $"/run/vpp/memif-{pod}.sock", "master", "ethernet")
        {
            Address = $"10.{pod % 10}.{node}.{pod + 1}/32",
            LinkUp = up,
            RxPackets = rx,
        };
}
