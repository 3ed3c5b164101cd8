// The tunnel mesh's viewport: tells the server which rows and columns are in view (plus a margin) whenever the user
// scrolls or the viewport resizes, at most once per animation frame and only when that window changed.
export function observe(viewport, dotnet, rowHeight, colWidth, headWidth, headHeight, margin) {
  let last = "";
  let frame = 0;
  const report = () => {
    frame = 0;
    const firstRow = Math.max(0, Math.floor(viewport.scrollTop / rowHeight) - margin);
    const rows = Math.ceil(Math.max(0, viewport.clientHeight - headHeight) / rowHeight) + 2 * margin + 1;
    const firstCol = Math.max(0, Math.floor(viewport.scrollLeft / colWidth) - margin);
    const cols = Math.ceil(Math.max(0, viewport.clientWidth - headWidth) / colWidth) + 2 * margin + 1;
    const key = `${firstRow},${rows},${firstCol},${cols}`;
    if (key !== last) {
      last = key;
      dotnet.invokeMethodAsync("ShowWindow", firstRow, rows, firstCol, cols);
    }
  };
  const schedule = () => {
    if (!frame) {
      frame = requestAnimationFrame(report);
    }
  };
  viewport.addEventListener("scroll", schedule, { passive: true });
  const resize = new ResizeObserver(schedule);
  resize.observe(viewport);
  schedule();
  return {
    dispose: () => {
      viewport.removeEventListener("scroll", schedule);
      resize.disconnect();
      if (frame) {
        cancelAnimationFrame(frame);
      }
    },
  };
}
