using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Multinet.ConsoleScaleBench;

/// <summary>
/// Where a page's time goes, read in the browser: the document's response and its DOMContentLoaded and load events
/// (Navigation Timing), the circuit's WebSocket opening and its first render batch, the moment the console marks the
/// page interactive (data-interactive on the shell), all in ms since navigation started.
/// </summary>
internal static class PageTiming
{
    /// <summary>Added to every page of a context before its scripts run: wraps WebSocket and watches the shell's marker.</summary>
    public const string InitScript = """
        (() => {
          const marks = window.__mnTiming = {};
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              marks.wsStart ??= performance.now();
              this.addEventListener('open', () => { marks.wsOpen ??= performance.now(); });
              this.addEventListener('message', e => {
                const size = e.data?.byteLength ?? e.data?.size ?? e.data?.length ?? 0;
                if (size > 1000) { marks.firstBatch ??= performance.now(); }
              });
            }
          };
          const check = () => {
            if (marks.interactive === undefined && document.querySelector('[data-interactive=true]')) { marks.interactive = performance.now(); }
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
        })();
        """;

    private const string Read = """
        () => {
          const n = performance.getEntriesByType('navigation')[0];
          const r = name => performance.getEntriesByType('resource').find(e => e.name.includes(name));
          const m = window.__mnTiming ?? {};
          const end = e => e ? e.responseEnd : -1;
          return JSON.stringify({
            responseStart: n.responseStart, responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd,
            load: n.loadEventEnd, htmlBytes: n.encodedBodySize,
            blazorJs: end(r('blazor.web.js')), mudJs: end(r('MudBlazor.min.js')), negotiate: end(r('negotiate')),
            wsOpen: m.wsOpen ?? -1, firstBatch: m.firstBatch ?? -1, interactive: m.interactive ?? -1,
          });
        }
        """;

    // A MutationObserver that resolves, on the frame after `ready` first holds, with that frame's time (ms since
    // navigation). Playwright's own waits poll (0, 20, 50, 100, 100, then every 500 ms): timed with them, a page whose rows
    // came at 600 ms reads as about 800 ms. These figures come from the page itself.
    private static string Watch(string ready) => $$"""
        new Promise(resolve => {
          const ready = () => { try { return !!({{ready}}); } catch { return false; } };
          const done = () => requestAnimationFrame(() => resolve(performance.now()));
          if (document.documentElement && ready()) { done(); return; }
          const o = new MutationObserver(() => { if (ready()) { o.disconnect(); done(); } });
          o.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })
        """;

    /// <summary>Before the page's navigation: the page notes when <paramref name="ready"/> (a JS expression) first holds.</summary>
    public static Task WatchNavigationAsync(IPage page, string ready) => page.AddInitScriptAsync($"window.__mnRows = {Watch(ready)};");

    /// <summary>The frame after the watched navigation's rows came, in ms since navigation started.</summary>
    public static async Task<TimeSpan> NavigationAsync(IPage page) =>
        TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("async () => await window.__mnRows"));

    /// <summary>Before an action (a click, typing): notes the time, and when <paramref name="ready"/> first holds after it.</summary>
    public static Task ArmAsync(IPage page, string ready) =>
        page.EvaluateAsync($"() => {{ window.__mnT0 = performance.now(); window.__mnDone = {Watch(ready)}; }}");

    /// <summary>From <see cref="ArmAsync"/> to the frame after its condition held.</summary>
    public static async Task<TimeSpan> SinceArmedAsync(IPage page) =>
        TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("async () => (await window.__mnDone) - window.__mnT0"));

    /// <summary>One line: html, DCL, load, negotiate, socket open, first batch, interactive, rows (ms).</summary>
    public static async Task<string> DescribeAsync(IPage page, TimeSpan rows)
    {
        using var json = JsonDocument.Parse(await page.EvaluateAsync<string>(Read));
        var t = json.RootElement;
        string Ms(string name) => t.GetProperty(name).GetDouble() is var v && v >= 0 ? v.ToString("0", CultureInfo.InvariantCulture) : "–";
        return $"html {Ms("responseEnd")} ({t.GetProperty("htmlBytes").GetInt64() / 1024} KiB), DOMContentLoaded {Ms("domContentLoaded")}, load {Ms("load")}, " +
            $"negotiate {Ms("negotiate")}, socket open {Ms("wsOpen")}, first batch {Ms("firstBatch")}, interactive {Ms("interactive")}, rows {rows.TotalMilliseconds:0}";
    }
}
