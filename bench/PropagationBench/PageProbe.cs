using System.Text.Json;
using Microsoft.Playwright;

namespace Multinet.PropagationBench;

/// <summary>When the page showed it, as Unix milliseconds: the Network's title, the "N / N nodes applied" chip, and the next frame after it.</summary>
internal sealed record PageTimes(double NetworkShown, double AppliedShown, double Painted);

/// <summary>
/// Times the Network page from inside the browser: a MutationObserver notes (Date.now()) the DOM change that shows the
/// Network and the one that shows "N / N nodes applied", and a requestAnimationFrame after that the frame that paints it.
/// Playwright's own wait polls the page with a growing backoff (20, 50, 100, 100, then every 500 ms), so the moment it
/// returns trails what the user saw by up to half a second; the bench prints both.
/// </summary>
internal static class PageProbe
{
    private const string Install = """
        expected => {
          const times = window.__propagation = { network: null, applied: null, painted: null };
          const check = () => {
            const now = Date.now();
            if (times.network === null && document.querySelector('[data-testid="network-title"]')) times.network = now;
            const ready = document.querySelector('[data-testid="network-ready"]');
            if (times.applied === null && ready && ready.textContent.replace(/\s+/g, ' ').trim() === expected) {
              times.applied = now;
              requestAnimationFrame(() => { times.painted = Date.now(); });
            }
          };
          new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          check();
        }
        """;

    public static Task InstallAsync(IPage page, string expected) => page.EvaluateAsync(Install, expected);

    /// <summary>The times noted, once the frame after "applied" ran (called after Playwright saw the text).</summary>
    public static async Task<PageTimes> ReadAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__propagation && window.__propagation.painted !== null");
        var times = await page.EvaluateAsync<JsonElement>("() => window.__propagation");
        return new PageTimes(Number(times, "network"), Number(times, "applied"), Number(times, "painted"));
    }

    private static double Number(JsonElement times, string name) =>
        times.GetProperty(name).ValueKind == JsonValueKind.Number ? times.GetProperty(name).GetDouble() : double.NaN;
}
