// The console's Blazor JS initializer (found by its name, listed in every page Blazor renders and loaded by
// blazor.web.js before it opens the circuit). On /topology it starts loading the graph module and Cytoscape at once,
// so they arrive while the circuit is negotiated and the page is built instead of after the page's first render; the
// page's own import of the same URL then finds the module loaded. Not awaited: the circuit does not wait for it.
const topologyPage = () => new URL('topology', document.baseURI).pathname;

export function beforeWebStart() {
  if (location.pathname === topologyPage()) {
    import(new URL('js/topology.js', document.baseURI).href).catch(() => { /* the page imports it again and reports the failure */ });
  }
}
