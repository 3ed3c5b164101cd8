// Loaded by the prerendered /topology page's head as an async module. The page's HTML already shows the graph as a
// static SVG; this draws the interactive graph over it as soon as the graph module and Cytoscape are fetched (or, if
// the canvas is not parsed yet, once it is), while the browser still loads the page's other scripts. The JS
// initializer asks the same; whichever comes first draws.
//
// If the circuit's first render replaces the prerendered canvas before the graph has drawn, the static SVG moves into
// the new canvas (before the browser paints), so the picture stays until the circuit's graph replaces it.
function keepStaticDrawing() {
  const drawing = document.querySelector('[data-testid=topology-canvas] > .topology-svg');
  if (!drawing) { return; }
  const watcher = new MutationObserver(() => {
    if (drawing.isConnected) { return; }
    if (drawing.dataset.replaced) { watcher.disconnect(); return; }
    const canvas = document.querySelector('[data-testid=topology-canvas]');
    if (canvas && !canvas.topology && !canvas.querySelector('.topology-svg')) {
      canvas.prepend(drawing);
    }
    watcher.disconnect();
  });
  watcher.observe(document.body, { childList: true, subtree: true });
}

// The canvas and its static SVG are whole once the document is parsed: the graph draws over them from then on.
const parsed = new Promise(done => document.readyState === 'loading'
  ? document.addEventListener('DOMContentLoaded', () => done(), { once: true }) : done());
parsed.then(keepStaticDrawing);
Promise.all([import('./topology.js'), parsed]).then(([{ drawPrerendered }]) => drawPrerendered());
