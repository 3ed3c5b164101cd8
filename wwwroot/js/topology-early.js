// Loaded by the prerendered /topology page's head as an async module: it runs as soon as it and the graph module are
// fetched, while the browser still loads the page's other scripts, and draws the graph the prerendered HTML carries
// (or, if the canvas is not parsed yet, once it is). The JS initializer asks the same; whichever comes first draws.
import { drawPrerendered } from './topology.js';

if (!drawPrerendered() && document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => drawPrerendered(), { once: true });
}
