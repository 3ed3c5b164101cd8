using Bunit;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>The tunnel mesh at 200 nodes draws only the window in view, and the window the browser reports as it scrolls.</summary>
public sealed class TunnelMeshTableTests() : WebTestContext(TimeProvider.System)
{
    private static string Node(int i) => $"node-{i:D3}";

    private static TunnelMeshViewModel Mesh(int nodes)
    {
        var tunnels = new Dictionary<(string, string), TunnelStatus>();
        for (var i = 0; i < nodes; i++)
        {
            // Each node has a tunnel to the next one only; the one before the last is down.
            var peer = (i + 1) % nodes;
            tunnels[(Node(i), Node(peer))] = new TunnelStatus("blue", Node(peer), 56, $"10.0.0.{i}", $"10.0.0.{peer}", 56, i != nodes - 2);
        }

        return new([.. Enumerable.Range(0, nodes).Select(Node)], tunnels);
    }

    [Fact]
    public void LargeMesh_DrawsOnlyTheFirstWindow_NotEveryPair()
    {
        var cut = Render<TunnelMeshTable>(p => p.Add(x => x.Mesh, Mesh(200)));

        var window = TunnelMeshTable.FirstWindow;
        Assert.Equal(window.Rows * window.Cols, cut.FindAll("[data-testid=mesh-cell]").Count);
        Assert.Equal(window.Rows, cut.FindAll("[data-testid=mesh-row]").Count);
        Assert.Equal("up", cut.Find("[data-testid=mesh-cell][data-from=node-000][data-to=node-001]").GetAttribute("data-state"));
        Assert.Equal("missing", cut.Find("[data-testid=mesh-cell][data-from=node-000][data-to=node-002]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("[data-testid=mesh-cell][data-from=node-198]"));
        // The scroll area is sized for the whole mesh, so the scrollbars tell where the window is.
        Assert.Contains($"height:{TunnelMeshTable.HeadHeight + (200 * TunnelMeshTable.RowHeight)}px", cut.Find(".mn-mesh-canvas").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrolledToTheEnd_DrawsTheLastRowsAndColumns_WithTheirHeaders()
    {
        var cut = Render<TunnelMeshTable>(p => p.Add(x => x.Mesh, Mesh(200)));

        await cut.InvokeAsync(() => cut.Instance.ShowWindow(190, 20, 195, 10));

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(190, 10).Select(Node), cut.FindAll("[data-testid=mesh-row]").Select(r => r.GetAttribute("data-node"))));
        Assert.Equal(10 * 5, cut.FindAll("[data-testid=mesh-cell]").Count);
        Assert.Equal(Enumerable.Range(195, 5).Select(Node), cut.FindAll(".mn-mesh-colhead").Select(h => h.TextContent.Trim()));
        Assert.Equal("down", cut.Find("[data-testid=mesh-cell][data-from=node-198][data-to=node-199]").GetAttribute("data-state"));
        Assert.Equal("self", cut.Find("[data-testid=mesh-cell][data-from=node-199][data-to=node-199]").GetAttribute("data-state"));
        Assert.Contains("top:", cut.Find("[data-testid=mesh-row][data-node=node-199]").GetAttribute("style"), StringComparison.Ordinal);
        // The 195 columns left of the window are one spacer per line; a cell has no style of its own.
        Assert.Equal($"width:{195 * TunnelMeshTable.ColWidth}px", cut.Find("[data-testid=mesh-row][data-node=node-199] .mn-mesh-skip").GetAttribute("style"));
        Assert.Equal($"width:{195 * TunnelMeshTable.ColWidth}px", cut.Find(".mn-mesh-head .mn-mesh-skip").GetAttribute("style"));
        Assert.All(cut.FindAll("[data-testid=mesh-cell]"), c => Assert.Null(c.GetAttribute("style")));
        Assert.Empty(cut.FindAll("[data-testid=mesh-row][data-node=node-000]"));
    }
}
