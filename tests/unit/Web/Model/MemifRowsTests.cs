using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Model;

/// <summary>
/// The memif rows of the /memif page and the node page: built once per node report and shared by every circuit that shows
/// them, so a hundred open pages do not each rebuild a thousand rows whenever any node reports.
/// </summary>
public sealed class MemifRowsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LiveState _live;

    public MemifRowsTests()
    {
        _live = new LiveState(_clock);
        for (var n = 0; n < 3; n++)
        {
            _live.NodeSnapshot(NodeName(n), Inventory(n, rxPackets: 0));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void TwoPagesOverOneSnapshot_ShowTheSameRowInstances()
    {
        var first = MemifRowViewModel.From(_live.Current);
        var second = MemifRowViewModel.From(_live.Current);

        Assert.Equal(6, first.Count);
        Assert.Equal(first, second, ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public void OneNodeReports_OnlyItsRowsAreNew_WithTheNewRate()
    {
        var before = MemifRowViewModel.From(_live.Current);

        _live.NodeSnapshot(NodeName(1), Inventory(1, rxPackets: 4_000));
        var after = MemifRowViewModel.From(_live.Current);

        Assert.Equal(before.Count, after.Count);
        var renewed = after.Where(r => !before.Contains(r, ReferenceEqualityComparer.Instance)).ToList();
        Assert.Equal([NodeName(1), NodeName(1)], renewed.Select(r => r.Node));
        Assert.All(renewed, r => Assert.Equal(4_000, r.Rate!.Value.RxPacketsPerSecond));
        Assert.All(renewed, r => Assert.Equal([4_000d], r.RxHistory));
        Assert.Equal(before.Select(r => (r.Node, r.Memif.Key)), after.Select(r => (r.Node, r.Memif.Key)));
    }

    [Fact]
    public void Filters_KeepTheSharedRowsOfThatNodeAndNetwork()
    {
        var all = MemifRowViewModel.From(_live.Current);

        var filtered = MemifRowViewModel.From(_live.Current, node: NodeName(2), network: "red");

        var row = Assert.Single(filtered);
        Assert.Equal((NodeName(2), "default/pod-2-r/memif1"), (row.Node, row.Memif.Key));
        Assert.Contains(row, all, ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public void AMemifGoesAway_ItsRowGoesWithIt()
    {
        MemifRowViewModel.From(_live.Current);

        _live.NodeSnapshot(NodeName(0), NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-0-b")] });

        Assert.Equal(["pod-0-b", "pod-1-b", "pod-1-r", "pod-2-b", "pod-2-r"], MemifRowViewModel.From(_live.Current).Select(r => r.Memif.Pod));
    }

    private static string NodeName(int n) => $"node-{n}";

    private static NodeInventory Inventory(int node, ulong rxPackets) => NodeInventory.Empty with
    {
        Memifs = [SampleInventory.Memif($"pod-{node}-b", rxPackets: rxPackets), SampleInventory.Memif($"pod-{node}-r", network: "red", rxPackets: rxPackets)],
    };
}
