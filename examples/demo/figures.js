// The demo's figures: Plotly specs built in the Worker (web/plotting/), drawn into their <div>s.
// After a fit, an edit or a relabel every figure is out of date, but only those in (or near) the
// viewport are built and drawn at once; the others are marked stale (data-stale="true") and drawn
// when they are scrolled to or their tab is shown (an IntersectionObserver). An edit on the map thus
// redraws what the user looks at, not the eight figures.
import { documentLabelsInView } from '../../web/plotting/document_labels.js';

const $ = (id) => document.getElementById(id);

/** Draws `figure` ({data, layout} or {error}) into element `id`, in place when a plot is there. */
export function draw(id, figure) {
  const el = $(id);
  const ok = figure && !figure.error;
  delete el.dataset.pending;
  // A plot that is on the page is updated in place (Plotly.react: much faster than a new plot,
  // and its event handlers stay); otherwise a fresh plot (react() on a cleared element would draw nothing).
  if (ok && el.dataset.plotted === 'true') {
    Plotly.react(el, figure.data, figure.layout, { displaylogo: false });
    return;
  }
  Plotly.purge(el);
  el.dataset.plotted = 'false';
  el.dataset.bound = 'false';
  if (!ok) {
    el.replaceChildren(Object.assign(document.createElement('p'), { className: 'status', textContent: figure?.error ?? 'not available' }));
    return;
  }
  el.replaceChildren();
  Plotly.newPlot(el, figure.data, figure.layout, { displaylogo: false });
  el.dataset.plotted = 'true';
}

/** Plotly event handlers, once per plot (a new plot drops them). */
export function bind(id, event, handler) {
  const el = $(id);
  if (!el.on || el.dataset.bound?.split(' ').includes(event)) return;
  el.on(event, handler);
  el.dataset.bound = `${el.dataset.bound === 'false' ? '' : el.dataset.bound ?? ''} ${event}`.trim();
}

// The figures that follow the topics at once, then those that recompute per-topic statistics over
// all documents (hierarchy, per time / class), so an edit shows its table and maps first.
export const FIRST_FIGURES = ['topics', 'barchart', 'documents', 'heatmap', 'termRank'];
export const LATER_FIGURES = ['hierarchy', 'overTime', 'perClass'];
const MARGIN = 150; // pixels beyond the viewport that count as visible

// Displayed (its tab shown) and within MARGIN of the viewport.
function inView(el) {
  if (!el.offsetParent) return false;
  const r = el.getBoundingClientRect();
  return r.bottom > -MARGIN && r.top < innerHeight + MARGIN;
}

/**
 * The figure board. call: the Worker call; prepare(name, figure): changes to a spec before it is
 * drawn; afterDraw({names, ms, firstAt}): after each round (the names drawn, the Worker's
 * milliseconds per figure, when the first group was up).
 */
export function createFigureBoard({ call, prepare = () => {}, afterDraw = () => {} }) {
  const all = [...FIRST_FIGURES, ...LATER_FIGURES];
  const stale = new Set();
  let queue = Promise.resolve();

  async function drawVisible() {
    const drawn = [];
    const ms = {};
    let firstAt = null;
    for (const group of [FIRST_FIGURES, LATER_FIGURES]) {
      const names = group.filter((name) => stale.has(name) && inView($(`fig-${name}`)));
      for (const name of names) stale.delete(name);
      if (names.length) {
        const result = await call('figures', { names });
        const drawStart = performance.now();
        for (const [name, figure] of Object.entries(result.figures)) {
          prepare(name, figure);
          draw(`fig-${name}`, figure);
          $(`fig-${name}`).dataset.stale = stale.has(name) ? 'true' : 'false';
          drawn.push(name);
        }
        Object.assign(ms, result.ms, { [`draw:${names.join(',')}`]: performance.now() - drawStart });
      }
      if (group === FIRST_FIGURES) firstAt = performance.now();
    }
    afterDraw({ names: drawn, ms, firstAt });
  }

  // One round at a time: a refresh during a round is drawn by the next one.
  const update = () => (queue = queue.then(drawVisible, drawVisible));

  const observer = new IntersectionObserver(() => {
    if (all.some((name) => stale.has(name) && inView($(`fig-${name}`)))) update();
  }, { rootMargin: `${MARGIN}px` });
  for (const name of all) {
    $(`fig-${name}`).dataset.pending = 'true';
    observer.observe($(`fig-${name}`));
  }

  return {
    /** Every figure out of date: those in view are drawn now (resolves when they are). */
    refresh() {
      for (const name of all) {
        stale.add(name);
        $(`fig-${name}`).dataset.stale = 'true';
      }
      return update();
    },
  };
}

/** Relabels the documents map when it is zoomed or panned: the largest topics in view (maxLabels). */
export function labelsFollowZoom(id) {
  bind(id, 'plotly_relayout', (event) => {
    if (!Object.keys(event ?? {}).some((key) => key.startsWith('xaxis.') || key.startsWith('yaxis.'))) return;
    const el = $(id);
    const { xaxis, yaxis } = el._fullLayout;
    Plotly.relayout(el, { annotations: documentLabelsInView({ layout: el.layout }, xaxis.range, yaxis.range) });
  });
}
