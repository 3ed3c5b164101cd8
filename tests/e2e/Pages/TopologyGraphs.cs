using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// Reading and clicking the topology graph: it is a canvas, so a journey reads what it drew from the graph the page
/// keeps on its container (Cytoscape's core, <c>cy</c>) and clicks where an element is drawn.
/// </summary>
internal static class TopologyGraphs
{
    /// <summary>Waits until the drawn graph satisfies a JavaScript condition on <c>cy</c>.</summary>
    public static Task WaitAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync($"() => {{ const cy = document.querySelector('[data-testid=topology-canvas]')?.topology; return !!cy && ({condition}); }}",
            null, new() { Timeout = BrowserFixture.Patience });

    /// <summary>Clicks an element where the graph drew it, panned into the middle of the view first (drawn elements do not move; the view does).</summary>
    public static async Task ClickAsync(IPage page, string id)
    {
        var canvas = page.GetByTestId("topology-canvas");
        var point = await canvas.EvaluateAsync<double[]>("(c, id) => { const el = c.topology.getElementById(id); c.topology.center(el); const p = el.renderedPosition(); return [p.x, p.y]; }", id);
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));
    }
}
