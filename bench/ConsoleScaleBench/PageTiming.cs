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
