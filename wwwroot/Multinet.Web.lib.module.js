// The console's Blazor JS initializer (found by its name, listed in every page Blazor renders and loaded by
// blazor.web.js before it opens the circuit). On /topology it loads the graph module and Cytoscape at once and draws
// the graph the prerendered page carries, so the picture shows while the circuit is negotiated and the page is built;
// the page's own import of the same URL then finds the module loaded and takes the drawing over. Not awaited: the
// circuit does not wait for it.
const topologyPage = () => new URL('topology', document.baseURI).pathname;

export function beforeWebStart() {
  if (location.pathname === topologyPage()) {
    import(new URL('js/topology.js', document.baseURI).href)
      .then(module => module.drawPrerendered())
      .catch(() => { /* the page imports it again, draws and reports the failure */ });
  }
}
