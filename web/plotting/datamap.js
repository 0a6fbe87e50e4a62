// visualize_document_datamap: BERTopic's bertopic/plotting/_datamap.py draws a static DataMapPlot
// (datamapplot.create_plot): the documents' 2-D map coloured by topic, "Unlabelled" (outliers and
// topics left out of `topics`) in grey, and each topic's name written on the map. Here a Plotly
// figure in that spirit: one scattergl trace per labelled topic, and one annotation per topic whose
// arrow head sits at the median of its documents and whose text box (explicit width and height)
// overlaps no other label box at the figure's size: a label that would overlap is moved out along
// a leader line (kept off other labels and other topics' medians where possible), largest topics
// placed first; when some label finds no room, all labels shrink a point and are placed again.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { OUTLIER_COLOR, titleSpec, checkBool, checkCustomLabels, checkFrame, checkModel, checkOptions, checkPositiveNumber, checkTopics, customLabel, words } from './common.js';
import { POINT_OPTIONS, documentPoints } from './document_map.js';

// matplotlib's tab20, the kind of distinct palette DataMapPlot colours clusters with.
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#aec7e8',
  '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#dbdb8d', '#9edae5', '#393b79', '#637939'];
const MARGIN = { l: 20, r: 20, t: 80, b: 20 };
const LINE_CHARS = 16;

/** A label's lines (words wrapped at 16 characters) and its box in pixels at `fontSize`. */
export function labelBox(text, fontSize) {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (lines.length && lines.at(-1).length + 1 + word.length <= LINE_CHARS) lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  if (!lines.length) lines.push('');
  // 0.65 em per character bounds the average glyph width of the sans-serif fonts Plotly uses.
  const width = Math.ceil(Math.max(...lines.map((l) => l.length)) * fontSize * 0.65) + 8;
  const height = Math.ceil(lines.length * fontSize * 1.3) + 6;
  return { lines, width, height };
}

const median = (values) => {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

// Offsets (pixels) tried for a label's centre: on the point, then rings of 24 directions.
const OFFSETS = [[0, 0]];
for (let r = 24; r <= 480; r += 16) for (let k = 0; k < 24; ++k) OFFSETS.push([r * Math.cos((k * Math.PI) / 12), r * Math.sin((k * Math.PI) / 12)]);

// Does the segment (ax, ay) -> (bx, by) pass through the box? (Liang-Barsky clipping.)
function crosses(ax, ay, bx, by, box) {
  let [t0, t1] = [0, 1];
  const dx = bx - ax, dy = by - ay;
  for (const [p, q] of [[-dx, ax - box.x0], [dx, box.x1 - ax], [-dy, ay - box.y0], [dy, box.y1 - ay]]) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
  }
  return t0 < t1;
}

// Places every label (largest first) or returns null when one finds no free spot inside the plot.
// A spot must not overlap a placed label; first choice also keeps the leader line off the placed
// labels, the box off their leader lines and off every other topic's median, failing that any free
// spot will do.
function place(labels, fontSize, toPixel, area) {
  const placed = [];
  const anchors = labels.map((l) => [l.topic, ...toPixel(l.x, l.y)]);
  for (const label of [...labels].sort((a, b) => b.count - a.count || a.topic - b.topic)) {
    const { lines, width, height } = labelBox(label.text, fontSize);
    const [px, py] = toPixel(label.x, label.y);
    const candidates = OFFSETS.map(([dx, dy]) => ({ dx, dy, box: { x0: px + dx - width / 2, x1: px + dx + width / 2, y0: py + dy - height / 2, y1: py + dy + height / 2 } }))
      .filter(({ box }) => box.x0 >= area.x0 && box.x1 <= area.x1 && box.y0 >= area.y0 && box.y1 <= area.y1 && !placed.some((p) => overlaps(p.box, box)));
    const clear = ({ dx, dy, box }) => !placed.some((p) => ((dx !== 0 || dy !== 0) && crosses(px, py, px + dx, py + dy, p.box))
        || ((p.dx !== 0 || p.dy !== 0) && crosses(p.px, p.py, p.px + p.dx, p.py + p.dy, box)))
      && !anchors.some(([topic, x, y]) => topic !== label.topic && x > box.x0 && x < box.x1 && y > box.y0 && y < box.y1);
    const spot = candidates.find(clear) ?? candidates[0];
    if (!spot) return null;
    placed.push({ ...label, lines, width, height, px, py, ...spot });
  }
  return placed.sort((a, b) => a.topic - b.topic);
}

/**
 * Options: topics (the topics labelled; others are "Unlabelled"), embeddings, reducedEmbeddings,
 * sample, umapModel, seed (the map, as visualizeDocuments; from embeddings BERTopic's
 * UMAP(n_neighbors=15, min_dist=0.15, metric='cosine')), customLabels, topicPrefix (false: "Topic-3: "
 * before the words), labelFontSize (12), hideDocumentHover (false), title ('Documents and Topics'),
 * subTitle, width (1200), height (750). `docs` may be null (no hover text, the model's own map).
 */
export async function visualizeDocumentDatamap(model, docs, options = {}) {
  const what = 'visualizeDocumentDatamap';
  const o = checkOptions(options, [...POINT_OPTIONS, 'topics', 'customLabels', 'topicPrefix', 'labelFontSize', 'hideDocumentHover', 'title', 'subTitle', 'width', 'height'], what);
  const { topicPrefix = false, labelFontSize = 12, hideDocumentHover = false, title = 'Documents and Topics', subTitle = null, width = 1200, height = 750 } = o;
  const info = checkModel(model, what);
  checkBool(topicPrefix, 'topicPrefix', what);
  checkBool(hideDocumentHover, 'hideDocumentHover', what);
  checkPositiveNumber(labelFontSize, 'labelFontSize', what);
  checkFrame(width, height, title, what);
  if (subTitle !== null && typeof subTitle !== 'string') throw new TypeError(`${what}: subTitle must be a string`);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const selected = checkTopics(o.topics, info, what);
  const documents = docs ?? Array.from(model.topics_, () => '');
  const embeddingDefaults = o.reducedEmbeddings === undefined && o.embeddings !== undefined ? { nNeighbors: 15, minDist: 0.15, metric: 'cosine' } : {};
  const { topicPerDoc, indices, coords, uniqueTopics } = await documentPoints(model, documents, { ...o, umapModel: { ...embeddingDefaults, ...(o.umapModel ?? {}) } }, what);

  const labelled = (t) => t !== -1 && (!selected || selected.includes(t));
  const nameOf = (t) => customLabel(customLabels, t) ?? `${topicPrefix ? `Topic-${t}: ` : ''}${words(model, t).slice(0, 3).join(' ')}`;
  const groups = new Map();
  indices.forEach((d, k) => {
    const key = labelled(topicPerDoc[d]) ? topicPerDoc[d] : -1;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(k);
  });
  const hover = !hideDocumentHover && docs !== null && docs !== undefined;
  const traceOf = (positions, fields) => ({
    type: 'scattergl', mode: 'markers',
    x: positions.map((k) => coords[2 * k]), y: positions.map((k) => coords[2 * k + 1]),
    customdata: positions.map((k) => indices[k]),
    ...(hover ? { hoverinfo: 'text', hovertext: positions.map((k) => documents[indices[k]].slice(0, 300)) } : { hoverinfo: 'skip' }),
    ...fields,
  });
  const data = [traceOf(groups.get(-1) ?? [], { name: 'Unlabelled', showlegend: false, marker: { color: OUTLIER_COLOR, size: 4, opacity: 0.5 } })];
  const labels = [];
  uniqueTopics.filter((t) => groups.has(t) && t !== -1).forEach((topic, i) => {
    const trace = traceOf(groups.get(topic), { name: nameOf(topic), meta: { topic }, marker: { color: PALETTE[i % PALETTE.length], size: 4, opacity: 0.7 } });
    data.push(trace);
    labels.push({ topic, text: nameOf(topic), x: median(trace.x), y: median(trace.y), count: trace.x.length, color: PALETTE[i % PALETTE.length] });
  });

  // Fixed axes and margins, so a data point's pixel is known: the points' extent plus 5%.
  const extent = (values) => {
    let [lo, hi] = [Infinity, -Infinity];
    for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  };
  const xs = Array.from({ length: indices.length }, (_, k) => coords[2 * k]);
  const ys = Array.from({ length: indices.length }, (_, k) => coords[2 * k + 1]);
  const [xRange, yRange] = indices.length ? [extent(xs), extent(ys)] : [[-1, 1], [-1, 1]];
  const area = { x0: MARGIN.l, x1: width - MARGIN.r, y0: MARGIN.t, y1: height - MARGIN.b };
  const toPixel = (x, y) => [
    area.x0 + ((x - xRange[0]) / (xRange[1] - xRange[0])) * (area.x1 - area.x0),
    area.y0 + ((yRange[1] - y) / (yRange[1] - yRange[0])) * (area.y1 - area.y0),
  ];
  let fontSize = labelFontSize;
  let placed = place(labels, fontSize, toPixel, area);
  while (!placed && fontSize > 6) placed = place(labels, (fontSize -= 1), toPixel, area);
  if (!placed) throw new Error(`${what}: ${labels.length} topic labels do not fit on a ${width} x ${height} map without overlapping: make the figure larger or label fewer topics`);

  const annotations = placed.map((p) => ({
    x: p.x, y: p.y, xref: 'x', yref: 'y',
    text: p.lines.join('<br>'), font: { size: fontSize, color: '#222' },
    width: p.width, height: p.height, xanchor: 'center', yanchor: 'middle', align: 'center',
    bgcolor: 'rgba(255,255,255,0.75)', bordercolor: p.color, borderwidth: 0, borderpad: 0,
    showarrow: p.dx !== 0 || p.dy !== 0, ax: p.dx, ay: p.dy, axref: 'pixel', ayref: 'pixel',
    arrowhead: 0, arrowwidth: 1, arrowcolor: '#555', standoff: 0,
    name: `topic ${p.topic}`,
  }));
  const layout = {
    paper_bgcolor: 'white', plot_bgcolor: 'white',
    title: titleSpec(subTitle ? `${title}<br><sup>${subTitle}</sup>` : title),
    width, height, margin: { ...MARGIN, pad: 0, autoexpand: false },
    xaxis: { visible: false, range: xRange, fixedrange: false },
    yaxis: { visible: false, range: yRange },
    showlegend: false,
    hovermode: 'closest',
    annotations,
    meta: { labelFontSize: fontSize },
  };
  return { data, layout };
}
