// The documents map (visualizeDocuments, Plotly scattergl) with many points in headless Chromium:
// synthetic 2-d points in Gaussian blobs, one topic per blob, a short text per point. Per size:
// the figure built in the page (as the demo's Worker does), structuredClone of it (what
// postMessage from the Worker costs), the first draw (Plotly.newPlot until two frames are
// painted), a zoom and a pan (Plotly.relayout of the axis ranges, the labels for the new view).
// Each size twice: hover text on every point (maxHoverPoints: Infinity, the figure before the
// sampled hover layer) and on the default density-aware sample of 20,000.
//   node bench/documents-map.mjs [--points 100000,300000,1000000] [--topics 60] [--variants all,sampled]
// Headless Chromium here draws WebGL with SwiftShader (on the CPU): a GPU draws faster.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { withChromium } from '../tests/chromium.mjs';

const { values } = parseArgs({ options: { points: { type: 'string', default: '100000,300000,1000000' }, topics: { type: 'string', default: '60' }, variants: { type: 'string', default: 'all,sampled' } } });
const sizes = values.points.split(',').map(Number);
const topics = Number(values.topics);

// In the page: the synthetic corpus, a model-like object for visualizeDocuments, the figure, the draws.
async function measure({ n, k, maxHoverPoints }) {
  const { visualizeDocuments, documentLabelsInView } = await import('/web/plotting/documents.js');
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: k }, () => [20 * gauss(), 20 * gauss()]);
  const topicsOf = new Int32Array(n);
  const coords = new Float32Array(2 * n);
  const docs = new Array(n);
  for (let i = 0; i < n; ++i) {
    // Topic sizes fall off like a power law, as real topics do; 10% outliers anywhere.
    const t = random() < 0.1 ? -1 : Math.floor(k * random() ** 2);
    topicsOf[i] = t;
    const [cx, cy] = t < 0 ? [25 * gauss(), 25 * gauss()] : centres[t];
    coords[2 * i] = cx + 2 * gauss();
    coords[2 * i + 1] = cy + 2 * gauss();
    docs[i] = `Document ${i} of topic ${t}: a short synthetic text standing in for a paragraph of the corpus.`;
  }
  const ids = [...new Set(topicsOf)].sort((a, b) => a - b);
  const model = {
    topics_: topicsOf,
    getTopicInfo: () => ids.map((t) => ({ Topic: t, Count: topicsOf.filter((x) => x === t).length, Name: `${t}_word${t}` })),
    getTopic: (t) => [[`word${t}`, 1], [`term${t}`, 0.5], [`thing${t}`, 0.3]],
  };
  const time = async (f) => { const s = performance.now(); const r = await f(); return [performance.now() - s, r]; };
  const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const [buildMs, figure] = await time(() => visualizeDocuments(model, docs, { reducedEmbeddings: { data: coords, rows: n, cols: 2 }, maxLabels: 15, maxHoverPoints: maxHoverPoints ?? Infinity }));
  const [cloneMs] = await time(() => structuredClone(figure));
  const gd = document.getElementById('map');
  const [drawMs] = await time(async () => { await Plotly.newPlot(gd, figure.data, figure.layout); await frames(); });
  const view = (x, y) => ({ 'xaxis.range': x, 'yaxis.range': y, annotations: documentLabelsInView(figure, x, y) });
  const [zoomMs] = await time(async () => { await Plotly.relayout(gd, view([-10, 10], [-10, 10])); await frames(); });
  const [panMs] = await time(async () => { await Plotly.relayout(gd, view([-5, 15], [-8, 12])); await frames(); });
  const hoverable = figure.data.filter((t) => t.hoverinfo !== 'skip').reduce((sum, t) => sum + t.x.length, 0);
  Plotly.purge(gd);
  return { buildMs, cloneMs, drawMs, zoomMs, panMs, traces: figure.data.length, hoverable, labels: figure.layout.annotations.length };
}

const server = await serve({ isolated: false });
try {
  await withChromium(async (context) => {
    const page = await context.newPage();
    await page.route('**/bench-map.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><div id="map"></div>' }));
    await page.goto(`${server.url}/bench-map.html`);
    await page.addScriptTag({ content: readFileSync(new URL('../node_modules/plotly.js-dist-min/plotly.min.js', import.meta.url), 'utf8') });
    for (const n of sizes) for (const variant of values.variants.split(',')) {
      const r = await page.evaluate(measure, { n, k: topics, maxHoverPoints: variant === 'all' ? null : 20_000 });
      const ms = (x) => `${Math.round(x)} ms`;
      console.log(`${n.toLocaleString('en')} points, ${topics} topics, hover ${variant}: figure ${ms(r.buildMs)}, structuredClone ${ms(r.cloneMs)}, first draw ${ms(r.drawMs)}, ` +
        `zoom ${ms(r.zoomMs)}, pan ${ms(r.panMs)} (${r.traces} traces, ${r.hoverable.toLocaleString("en")} points with hover text, ${r.labels} annotations after the pan)`);
    }
  }, { viewport: { width: 1400, height: 900 } });
} finally {
  await server.close();
}
