// The topology graph: draws what the Blazor component computes (elements, diffs, selection, a highlighted path)
// and reports taps back. No logic of its own: what to draw and how it changes is decided in .NET.
import cytoscape from '../lib/cytoscape/cytoscape.esm.min.js';

// Marks for timing the first render (read by bench/topology.sh): the module (with Cytoscape) loaded, the graph drawn.
performance.mark('topology-module-loaded');

// Labels smaller on screen than this many pixels are not drawn: the whole graph of a large cluster, fitted in the view,
// shows its shapes and colours at once; zooming in brings the labels back (and saves drawing hundreds of unreadable ones).
export const minLabelPixels = 6;

const style = [
  { selector: 'node', style: { 'label': 'data(label)', 'text-wrap': 'wrap', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'color': '#263238', 'min-zoomed-font-size': minLabelPixels } },
  { selector: 'node.host', style: { 'shape': 'round-rectangle', 'width': 96, 'height': 36, 'background-color': '#37474f', 'border-width': 3, 'border-color': '#43a047' } },
  { selector: 'node.host.stale', style: { 'border-color': '#fb8c00' } },
  { selector: 'node.host.disconnected', style: { 'background-color': '#b0bec5', 'border-color': '#d50000' } },
  { selector: 'node.network', style: { 'shape': 'hexagon', 'width': 44, 'height': 38, 'background-color': 'data(color)', 'text-valign': 'top', 'text-margin-y': -4 } },
  { selector: 'node.network.degraded', style: { 'border-width': 4, 'border-color': '#d50000' } },
  { selector: 'node.network.expanded', style: { 'width': 54, 'height': 46 } },
  { selector: 'node.pod', style: { 'shape': 'ellipse', 'width': 20, 'height': 20, 'background-color': '#90a4ae', 'font-size': 9 } },
  { selector: 'node.group', style: { 'shape': 'ellipse', 'width': 24, 'height': 24, 'background-color': 'data(color)', 'background-opacity': 0.75, 'font-size': 9, 'text-valign': 'top', 'text-margin-y': -2 } },
  { selector: 'node.group.expanded', style: { 'border-width': 3, 'border-color': '#263238' } },
  { selector: 'node.group.has-vms', style: { 'shape': 'round-rectangle' } },
  { selector: 'node.vm', style: { 'shape': 'barrel', 'width': 34, 'height': 22, 'background-color': '#5e35b1', 'border-width': 2, 'border-color': '#ede7f6', 'font-size': 9, 'font-weight': 'bold', 'color': '#4527a0' } },
  { selector: 'node.vm.not-running', style: { 'background-color': '#b39ddb', 'border-style': 'dashed', 'border-color': '#5e35b1' } },
  { selector: 'node.service', style: { 'shape': 'diamond', 'width': 30, 'height': 30, 'background-color': 'data(color)', 'text-valign': 'top', 'font-size': 9 } },
  { selector: 'edge', style: { 'width': 1.5, 'line-color': 'data(color)', 'curve-style': 'bezier', 'font-size': 8, 'color': '#455a64', 'min-zoomed-font-size': minLabelPixels } },
  { selector: 'edge.vrf', style: { 'width': 1, 'opacity': 0.45, 'line-style': 'dotted' } },
  { selector: 'edge.vrf.failed', style: { 'line-color': '#d50000', 'opacity': 1 } },
  { selector: 'edge.tunnel', style: { 'width': 3 } },
  { selector: 'edge.tunnel.down', style: { 'line-color': '#d50000', 'width': 6 } },
  { selector: 'edge.tunnel.missing', style: { 'line-color': '#ff6d00', 'line-style': 'dashed', 'width': 4 } },
  { selector: 'edge.group-link', style: { 'width': 1, 'opacity': 0.6, 'line-style': 'dashed' } },
  { selector: 'edge.iface', style: { 'label': 'data(label)', 'text-rotation': 'autorotate' } },
  { selector: 'edge.iface.down', style: { 'line-style': 'dashed' } },
  { selector: 'edge.iface.vm', style: { 'width': 2.5 } },
  { selector: 'edge.endpoint', style: { 'line-style': 'dashed', 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(color)' } },
  { selector: ':selected', style: { 'overlay-color': '#ffd600', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
  { selector: '.dim', style: { 'opacity': 0.2 } },
  { selector: '.hop', style: { 'opacity': 1, 'underlay-color': '#00c853', 'underlay-opacity': 0.6, 'underlay-padding': 6 } },
  { selector: '.broken', style: { 'opacity': 1, 'underlay-color': '#d50000', 'underlay-opacity': 0.8, 'underlay-padding': 8 } },
];

const toCy = e => ({
  group: e.source ? 'edges' : 'nodes',
  data: { id: e.id, source: e.source ?? undefined, target: e.target ?? undefined, label: e.label, color: e.color || '#607d8b', hover: e.hover, kind: e.kind },
  classes: e.classes,
  position: e.source ? undefined : { x: e.x, y: e.y },
});

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

const esc = s => String(s ?? '').replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]));

// A plain SVG of the drawn graph: edges as lines, nodes as shapes with their labels, in their drawn colours.
function toSvg(cy) {
  const bb = cy.elements().boundingBox({ includeLabels: true });
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${bb.x1 - 20} ${bb.y1 - 20} ${bb.w + 40} ${bb.h + 40}" font-family="sans-serif">`,
    `<rect x="${bb.x1 - 20}" y="${bb.y1 - 20}" width="${bb.w + 40}" height="${bb.h + 40}" fill="#ffffff"/>`];
  cy.edges().forEach(e => {
    const s = e.sourceEndpoint(), t = e.targetEndpoint();
    const dash = e.style('line-style') === 'solid' ? '' : ' stroke-dasharray="6 4"';
    parts.push(`<line id="${esc(e.id())}" x1="${s.x}" y1="${s.y}" x2="${t.x}" y2="${t.y}" stroke="${e.style('line-color')}" stroke-width="${parseFloat(e.style('width'))}" opacity="${e.style('opacity')}"${dash}/>`);
  });
  cy.nodes().forEach(n => {
    const p = n.position(), w = n.width(), h = n.height();
    parts.push(`<g id="${esc(n.id())}"><rect x="${p.x - w / 2}" y="${p.y - h / 2}" width="${w}" height="${h}" rx="${n.hasClass('host') ? 6 : h / 2}" fill="${n.style('background-color')}" stroke="${n.style('border-color')}" stroke-width="${parseFloat(n.style('border-width'))}"/>`);
    String(n.data('label') ?? '').split('\n').forEach((line, i) =>
      parts.push(`<text x="${p.x}" y="${p.y + h / 2 + 12 + i * 12}" font-size="10" text-anchor="middle">${esc(line)}</text>`));
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('\n');
}

// The static SVG of the graph the prerendered page carries (TopologySvg), shown until the graph has drawn.
const staticDrawing = container => container.querySelector(':scope > .topology-svg');

// The view that puts the graph exactly where the static SVG drew it: the SVG's scale and offset in the container.
function viewOf(drawing, container) {
  const m = drawing.querySelector('svg')?.getScreenCTM();
  if (!m || !(m.a > 0)) { return null; }
  const box = container.getBoundingClientRect();
  return { zoom: m.a, pan: { x: m.e - box.left - container.clientLeft, y: m.f - box.top - container.clientTop } };
}

// Cytoscape on a container, the elements at their positions (computed by the console), fitted in the view. Over the
// static SVG, at the SVG's scale and offset; the SVG goes once the graph has drawn its first frame (drawn over it).
function draw(container, elements) {
  performance.mark('topology-create-start');
  const drawing = staticDrawing(container);
  const view = drawing && viewOf(drawing, container);
  const cy = cytoscape({ container, elements: elements.map(toCy), layout: { name: 'preset', fit: false }, style, minZoom: 0.05, maxZoom: 4,
    pixelRatio: 1, ...(view ?? {}) });
  if (!view) { cy.fit(undefined, 30); }
  performance.measure('topology-create', 'topology-create-start');
  if (drawing) {
    cy.one('render', () => { drawing.dataset.replaced = 'true'; drawing.remove(); performance.mark('topology-canvas-drawn'); });
  } else {
    requestAnimationFrame(() => performance.mark('topology-canvas-drawn'));
  }
  return cy;
}

// The drawing made from the prerendered page, before the circuit started: the interactive canvas takes it over.
let prerendered = null;

// Draws the elements the prerendered page carries (data-topology-initial) at once, without waiting for the circuit.
// The graph is read-only until the interactive canvas takes it over (the page is inert until then anyway).
export function drawPrerendered() {
  // Not while the page is parsed: the canvas's static SVG may not all be there yet.
  const container = document.readyState === 'loading' ? null : document.querySelector('[data-topology-initial]');
  if (!container || prerendered || container.topology) { return false; }
  const elements = JSON.parse(container.dataset.topologyInitial);
  container.removeAttribute('data-topology-initial');
  const cy = draw(container, elements);
  container.topology = cy;
  container.dataset.elements = cy.elements().length;
  prerendered = { cy, container };
  return true;
}

// The prerendered drawing moved into the interactive canvas's container (Blazor replaced the prerendered markup with
// its own), brought up to date with the elements the circuit drew from: only what differs is added, removed or restyled.
function adopt(container, elements) {
  const { cy, container: early } = prerendered;
  prerendered = null;
  delete early.topology;
  early.removeAttribute('data-testid');
  early.removeAttribute('data-drawn');
  early.className = 'topology-canvas-inner';
  // Cytoscape destroys its renderer when its container leaves its parent (a MutationObserver on the parent): moved on
  // purpose here, it watches the new parent instead, so the drawing (canvases, events) moves over as it is, unrepainted.
  const watcher = cy.renderer().removeObserver;
  watcher?.disconnect();
  container.appendChild(early);
  watcher?.observe(container, { childList: true });
  const wanted = new Map(elements.map(e => [e.id, e]));
  cy.batch(() => {
    cy.elements().filter(el => !wanted.has(el.id())).remove();
    const added = [];
    wanted.forEach((e, id) => {
      const el = cy.getElementById(id);
      if (el.empty()) { added.push(e); return; }
      restyle(el, e);
      // The first drawing may come from an earlier graph: a node that joined since moves the others.
      if (!e.source) {
        const p = el.position();
        if (p.x !== e.x || p.y !== e.y) { el.position({ x: e.x, y: e.y }); }
      }
    });
    if (added.length) { cy.add(added.map(toCy)); }
  });
  cy.resize();
  performance.mark('topology-adopted');
  return cy;
}

function restyle(el, e) {
  el.data({ label: e.label, color: e.color || '#607d8b', hover: e.hover });
  el.classes(e.classes);
}

export function create(container, dotnet, elements) {
  const cy = prerendered && !prerendered.cy.destroyed() ? adopt(container, elements) : draw(container, elements);
  const tip = document.createElement('div');
  tip.className = 'topology-tip';
  tip.setAttribute('data-testid', 'topology-tip');
  container.parentElement.appendChild(tip);
  cy.on('tap', e => dotnet.invokeMethodAsync('OnTapAsync', e.target === cy ? null : e.target.id()));
  cy.on('mouseover', 'node, edge', e => {
    tip.textContent = e.target.data('hover') || '';
    tip.style.left = `${e.renderedPosition.x + 12}px`;
    tip.style.top = `${e.renderedPosition.y + 12}px`;
    tip.style.display = tip.textContent ? 'block' : 'none';
  });
  cy.on('mouseout', 'node, edge', () => { tip.style.display = 'none'; });
  container.topology = cy;
  container.dataset.elements = cy.elements().length;

  return {
    apply(diff) {
      cy.batch(() => {
        diff.removed.forEach(id => cy.getElementById(id).remove());
        if (diff.added.length) { cy.add(diff.added.map(toCy)); }
        diff.restyled.forEach(e => restyle(cy.getElementById(e.id), e));
      });
      container.dataset.elements = cy.elements().length;
      container.dataset.applied = String(Number(container.dataset.applied || 0) + 1);
    },
    select(id, center) {
      cy.$(':selected').unselect();
      const el = id ? cy.getElementById(id) : cy.collection();
      if (el.nonempty()) {
        el.select();
        if (center) { cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 1) }, { duration: 200 }); }
      }
    },
    highlight(hops, broken) {
      cy.batch(() => {
        cy.elements().removeClass('dim hop broken');
        if (!hops.length) { return; }
        cy.elements().addClass('dim');
        hops.forEach(id => cy.getElementById(id).removeClass('dim').addClass('hop'));
        if (broken) { cy.getElementById(broken).removeClass('dim hop').addClass('broken'); }
      });
    },
    place(positions) {
      cy.batch(() => Object.entries(positions).forEach(([id, p]) => cy.getElementById(id).position(p)));
      cy.fit(undefined, 30);
    },
    fit() { cy.fit(undefined, 30); },
    exportPng(name) { download(cy.png({ output: 'blob', full: true, bg: '#ffffff' }), name); },
    exportSvg(name) { download(new Blob([toSvg(cy)], { type: 'image/svg+xml' }), name); },
    dispose() { cy.destroy(); tip.remove(); delete container.topology; },
  };
}
