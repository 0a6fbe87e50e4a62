// visualize_documents: BERTopic's bertopic/plotting/_documents.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { OUTLIER_COLOR, checkModel, checkOptions, checkCount, checkBool, checkFrame, checkTopics, checkCustomLabels, customLabel, words, paddedRange, plusShape } from './common.js';
import { documentPoints, mapLayout, mulberry32, pointRanges } from './document_map.js';
import { documentLabelsInView } from './document_labels.js';

export { documentLabelsInView };

function truncate(text, maxChars) {
  return text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

/**
 * The training documents on a 2-D map coloured by topic (BERTopic's visualize_documents), one
 * WebGL `scattergl` trace per topic; outliers and topics not in `topics` share one grey trace.
 * Each point's customdata is the document's index in `docs`; hovering shows its text (cut to
 * `maxHoverChars`). Coordinates, in order of preference: `reducedEmbeddings` (n x 2, as
 * BERTopic's reduced_embeddings), `embeddings` (n x d document embeddings reduced by
 * UMAP(n_neighbors=10, n_components=2, min_dist=0, metric='cosine') as BERTopic does), else the
 * model's own 5-d UMAP output (reducedEmbeddings_) reduced to 2-D by UMAP with euclidean distance
 * (the metric HDBSCAN used there). `umapModel` overrides these UMAP options (e.g. nEpochs).
 * `sample` (0..1] keeps that share of each topic with 100+ documents (seeded by `seed`).
 *
 * Big maps: above `maxHoverPoints` documents (default 20,000) the topic traces carry no hover
 * text (hoverinfo 'skip'); a last, invisible trace named 'hover' carries it for a density-aware
 * sample of that many documents (every document of a sparse region, a capped number per cell of
 * a grid of up to 64 x 64 in dense ones), which keeps the first draw and the figure's transfer short.
 * `maxLabels` (default all) keeps the topic labels to the largest topics in view: the layout's
 * `meta.topicLabels` lists every topic's label point (layout.meta is Plotly's free field), and documentLabelsInView(figure, xRange, yRange)
 * gives the annotations for a zoomed view (call it from a plotly_relayout handler).
 */
export async function visualizeDocuments(model, docs, options = {}) {
  const what = 'visualizeDocuments';
  const o = checkOptions(options, [
    'topics', 'embeddings', 'reducedEmbeddings', 'sample', 'hideAnnotations', 'hideDocumentHover', 'customLabels',
    'title', 'width', 'height', 'umapModel', 'seed', 'maxHoverChars', 'maxHoverPoints', 'maxLabels',
  ], what);
  const {
    hideAnnotations = false, hideDocumentHover = false, title = '<b>Documents and Topics</b>', width = 1200, height = 750,
    seed = 42, maxHoverChars = 300, maxHoverPoints = 20_000, maxLabels = Infinity,
  } = o;
  const info = checkModel(model, what);
  checkBool(hideAnnotations, 'hideAnnotations', what);
  checkBool(hideDocumentHover, 'hideDocumentHover', what);
  checkFrame(width, height, title, what);
  checkCount(maxHoverChars, 'maxHoverChars', what);
  if (maxHoverPoints !== Infinity) checkCount(maxHoverPoints, 'maxHoverPoints', what);
  if (maxLabels !== Infinity) checkCount(maxLabels, 'maxLabels', what, 0);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const selected = checkTopics(o.topics, info, what);
  const { topicPerDoc, indices, coords, uniqueTopics } = await documentPoints(model, docs, o, what);

  const names = new Map(uniqueTopics.map((topic) => [
    topic,
    customLabel(customLabels, topic) ?? `${topic}_${words(model, topic).slice(0, 3).join('_')}`,
  ]));
  const chosen = new Set(selected ?? uniqueTopics);
  const isShown = (topic) => topic !== -1 && chosen.has(topic);

  // Big maps: hover text on a density-aware sample only (the 'hover' trace below).
  const hoverLayer = !hideDocumentHover && indices.length > maxHoverPoints;
  const traceOf = (positions, fields, hover = !hideDocumentHover && !hoverLayer) => ({
    type: 'scattergl',
    mode: 'markers',
    x: positions.map((k) => coords[2 * k]),
    y: positions.map((k) => coords[2 * k + 1]),
    customdata: positions.map((k) => indices[k]),
    hovertext: hover ? positions.map((k) => truncate(docs[indices[k]], maxHoverChars)) : undefined,
    hoverinfo: hover ? 'text' : 'skip',
    ...fields,
  });
  const positionsOf = new Map();
  indices.forEach((d, k) => {
    const topic = topicPerDoc[d];
    const key = isShown(topic) ? topic : 'other';
    if (!positionsOf.has(key)) positionsOf.set(key, []);
    positionsOf.get(key).push(k);
  });
  const data = [
    traceOf(positionsOf.get('other') ?? [], { name: 'other', showlegend: false, marker: { color: OUTLIER_COLOR, size: 5, opacity: 0.5 } }),
  ];
  const labels = [];
  for (const topic of uniqueTopics) {
    if (!isShown(topic)) continue;
    const positions = positionsOf.get(topic) ?? [];
    const trace = traceOf(positions, { name: names.get(topic), marker: { size: 5, opacity: 0.5 } });
    data.push(trace);
    if (!hideAnnotations && positions.length) {
      // BERTopic adds a text-only point at the centroid; an annotation keeps the traces to documents.
      const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
      labels.push({ topic, x: mean(trace.x), y: mean(trace.y), text: names.get(topic), count: positions.length });
    }
  }
  if (hoverLayer) {
    data.push(traceOf(densitySample(coords, indices.length, maxHoverPoints, mulberry32(seed + 1)), {
      name: 'hover', showlegend: false, marker: { size: 5, opacity: 0, color: OUTLIER_COLOR },
    }, true));
  }
  for (const trace of data) if (trace.hovertext === undefined) delete trace.hovertext;

  const { xRange, yRange } = pointRanges(coords, indices.length, paddedRange);
  const plus = plusShape(xRange, yRange);
  const layout = mapLayout(title, width, height, plus);
  if (labels.length) layout.meta = { topicLabels: { max: maxLabels === Infinity ? null : maxLabels, items: labels } };
  const figure = { data, layout };
  layout.annotations = documentLabelsInView(figure, xRange, yRange);
  return figure;
}

/**
 * At most `max` of the n points (coords: x, y interleaved), spread over the map: a grid over
 * their extent (64 x 64, coarser while it has more occupied cells than `max`), every point of a cell holding few, a common cap per cell otherwise (the
 * largest that keeps the total at most `max`), in a seeded random order. Returns positions 0..n-1.
 */
function densitySample(coords, n, max, random) {
  if (n <= max) return Array.from({ length: n }, (_, k) => k);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < n; ++k) {
    x0 = Math.min(x0, coords[2 * k]); x1 = Math.max(x1, coords[2 * k]);
    y0 = Math.min(y0, coords[2 * k + 1]); y1 = Math.max(y1, coords[2 * k + 1]);
  }
  let G = 64;
  let counts;
  const cellOf = (k) => Math.min(G - 1, Math.floor(((coords[2 * k] - x0) / (x1 - x0 || 1)) * G)) * G +
    Math.min(G - 1, Math.floor(((coords[2 * k + 1] - y0) / (y1 - y0 || 1)) * G));
  const total = (cap) => counts.reduce((sum, c) => sum + Math.min(c, cap), 0);
  for (;; G = Math.max(1, G >> 1)) {
    counts = new Uint32Array(G * G);
    for (let k = 0; k < n; ++k) ++counts[cellOf(k)];
    if (G === 1 || total(1) <= max) break;
  }
  let [lo, hi] = [0, n];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (total(mid) <= max) lo = mid; else hi = mid - 1;
  }
  const order = Array.from({ length: n }, (_, k) => k);
  for (let i = n - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const taken = new Uint32Array(G * G);
  const picked = [];
  for (const k of order) {
    const cell = cellOf(k);
    if (taken[cell] < lo) {
      ++taken[cell];
      picked.push(k);
    }
  }
  return picked.sort((a, b) => a - b);
}
