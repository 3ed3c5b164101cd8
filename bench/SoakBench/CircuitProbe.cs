using Microsoft.Playwright;

namespace Multinet.SoakBench;

/// <summary>
/// What a page's Blazor circuit received, counted in the page itself: a script added before any of the page's own wraps
/// WebSocket, so every socket the page opens (the circuit's SignalR connection) counts its frames and the render batches
/// among them (a blazorpack frame invoking <c>JS.RenderBatch</c>) and keeps whether it is still open.
/// </summary>
internal static class CircuitProbe
{
    public const string InitScript = """
        (() => {
          const stats = { frames: 0, batches: 0, sockets: [] };
          window.__soak = stats;
          const Native = window.WebSocket;
          const decoder = new TextDecoder('latin1');
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              stats.sockets.push(this);
              this.addEventListener('message', e => {
                stats.frames++;
                const d = e.data;
                const text = typeof d === 'string' ? d : d instanceof ArrayBuffer ? decoder.decode(new Uint8Array(d)) : '';
                if (text.includes('JS.RenderBatch')) stats.batches++;
              });
            }
          };
        })();
        """;

    /// <summary>(render batches, frames, sockets open, sockets in all) so far.</summary>
    public static async Task<Reading> ReadAsync(IPage page)
    {
        var values = await page.EvaluateAsync<long[]>(
            "() => { const s = window.__soak; return s ? [s.batches, s.frames, s.sockets.filter(x => x.readyState === 1).length, s.sockets.length] : [0, 0, 0, 0]; }");
        return new Reading(values[0], values[1], (int)values[2], (int)values[3]);
    }

    internal readonly record struct Reading(long Batches, long Frames, int OpenSockets, int Sockets)
    {
        /// <summary>The circuit's connection is open (every socket the page opened still is).</summary>
        public bool Connected => OpenSockets > 0 && OpenSockets == Sockets;
    }
}
