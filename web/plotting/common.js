// Pieces the figure builders share (one file per figure in web/plotting/): BERTopic's colours, the
// look of plotly.py's templates written out for plotly.js, option checks and small geometry helpers.
import { matrixRows } from '../engine/embeddings.js';

export const BAR_COLORS = ['#D55E00', '#0072B2', '#CC79A7', '#E69F00', '#56B4E9', '#009E73', '#F0E442'];
// plotly.express.colors.sequential.GnBu (ColorBrewer GnBu, 9 classes).
export const GNBU = ['#f7fcf0', '#e0f3db', '#ccebc5', '#a8ddb5', '#7bccc4', '#4eb3d3', '#2b8cbe', '#0868ac', '#084081'];
// plotly.py's default qualitative colours (the 'plotly' template's colorway).
export const PLOTLY_COLORWAY = ['#636efa', '#EF553B', '#00cc96', '#ab63fa', '#FFA15A', '#19d3f3', '#FF6692', '#B6E880', '#FF97FF', '#FECB52'];
export const OUTLIER_COLOR = '#CFD8DC';
export const HOVERLABEL = { bgcolor: 'white', font: { size: 16, family: 'Rockwell' } };

// The parts of plotly.py's templates that show: white background, light grid (plotly_white) or
// black axis lines with outside ticks and no grid (simple_white).
export const PLOTLY_WHITE_AXIS = { gridcolor: '#EBF0F8', linecolor: '#EBF0F8', zerolinecolor: '#EBF0F8', automargin: true };
export const SIMPLE_WHITE_AXIS = { showgrid: false, showline: true, linecolor: 'rgb(36,36,36)', ticks: 'outside', zeroline: false, mirror: false };
export const WHITE_BACKGROUND = { paper_bgcolor: 'white', plot_bgcolor: 'white', colorway: PLOTLY_COLORWAY };

export function titleSpec(text, { x = 0.5, y } = {}) {
  const title = { text, x, xanchor: 'center', yanchor: 'top', font: { size: 22, color: 'Black' } };
  if (y !== undefined) title.y = y;
  return title;
}

// ---------------------------------------------------------------------------------------------
// Input checks

export function checkModel(model, what) {
  if (!model || typeof model !== 'object' || typeof model.getTopicInfo !== 'function' || typeof model.getTopic !== 'function') {
    throw new TypeError(`${what}: model must be a fitted TopicModel`);
  }
  // Throws "the model is not fitted yet" for an unfitted model.
  return model.getTopicInfo();
}

export function checkOptions(options, known, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${what}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new Error(`${what}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
  return options;
}

export function checkPositiveNumber(value, name, what) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new (typeof value === 'number' ? Error : TypeError)(`${what}: ${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
}

export function checkCount(value, name, what, min = 1) {
  if (!Number.isInteger(value) || value < min) {
    throw new (Number.isInteger(value) ? Error : TypeError)(`${what}: ${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
}

export function checkBool(value, name, what) {
  if (typeof value !== 'boolean') throw new TypeError(`${what}: ${name} must be true or false, got ${JSON.stringify(value)}`);
}

export function checkTitle(title, what) {
  if (typeof title !== 'string') throw new TypeError(`${what}: title must be a string`);
}

// The size and title every figure takes.
export function checkFrame(width, height, title, what) {
  checkPositiveNumber(width, 'width', what);
  checkPositiveNumber(height, 'height', what);
  checkTitle(title, what);
}

/** The chosen topic ids, checked against the model's topics (unknown ids throw). */
export function checkTopics(topics, info, what) {
  if (topics === undefined || topics === null) return null;
  if (!Array.isArray(topics) && !ArrayBuffer.isView(topics)) throw new TypeError(`${what}: topics must be an array of topic ids`);
  const known = new Set(info.map((row) => row.Topic));
  const out = [];
  for (const topic of topics) {
    if (!Number.isInteger(topic)) throw new TypeError(`${what}: topic ids must be integers, got ${JSON.stringify(topic)}`);
    if (!known.has(topic)) throw new Error(`${what}: unknown topic id ${topic} (the model has topics ${describeIds(known)})`);
    if (!out.includes(topic)) out.push(topic);
  }
  if (!out.length) throw new Error(`${what}: topics is empty`);
  return out;
}

export function describeIds(ids) {
  const sorted = [...ids].sort((a, b) => a - b);
  return sorted.length > 6 ? `${sorted.slice(0, 3).join(', ')}, ..., ${sorted.at(-1)}` : sorted.join(', ');
}

/** Topic ids other than -1 by decreasing size (BERTopic's get_topic_freq without the outliers). */
export function topicsBySize(info) {
  return info.filter((row) => row.Topic !== -1).sort((a, b) => b.Count - a.Count || a.Topic - b.Topic).map((row) => row.Topic);
}

/** BERTopic's selection: `topics` if given, else the topNTopics most frequent, else `fallback`. */
export function selectTopics(info, topics, topNTopics, what, fallback) {
  const chosen = checkTopics(topics, info, what);
  if (chosen) return chosen;
  if (topNTopics !== undefined && topNTopics !== null) {
    checkCount(topNTopics, 'topNTopics', what);
    return topicsBySize(info).slice(0, topNTopics).sort((a, b) => a - b);
  }
  return fallback(topicsBySize(info)).sort((a, b) => a - b);
}

export function checkCustomLabels(customLabels, what) {
  if (customLabels === undefined || customLabels === null) return null;
  if (Array.isArray(customLabels) || typeof customLabels === 'object') return customLabels;
  throw new TypeError(`${what}: customLabels must be an array indexed by topic id or an object {topicId: label}`);
}

export function customLabel(customLabels, topic) {
  if (!customLabels) return undefined;
  const label = Array.isArray(customLabels) ? (topic >= 0 ? customLabels[topic] : undefined) : customLabels[topic];
  return label === undefined || label === null ? undefined : String(label);
}

export function words(model, topic) {
  const pairs = model.getTopic(topic);
  return pairs ? pairs.map(([word]) => word) : [];
}

/** BERTopic's short topic label: "3_word_word_word", cut to 27 characters + "..." at 30. */
export function shortLabel(model, topic) {
  const label = [String(topic), ...words(model, topic).slice(0, 3)].join('_');
  return label.length < 30 ? label : `${label.slice(0, 27)}...`;
}

export function checkMatrix(matrix, name, what, { rows, cols } = {}) {
  if (!matrix || typeof matrix !== 'object' || !ArrayBuffer.isView(matrix.data) || !Number.isInteger(matrix.rows) || !Number.isInteger(matrix.cols)) {
    throw new Error(`${what}: ${name} must be {data: Float32Array, rows, cols}`);
  }
  if (matrix.data.length !== matrix.rows * matrix.cols) {
    throw new Error(`${what}: ${name}.data has ${matrix.data.length} values, expected rows x cols = ${matrix.rows * matrix.cols}`);
  }
  if (rows !== undefined && matrix.rows !== rows) throw new Error(`${what}: ${name} has ${matrix.rows} rows, expected ${rows}`);
  if (cols !== undefined && matrix.cols !== cols) throw new Error(`${what}: ${name} has ${matrix.cols} columns, expected ${cols}`);
  for (let i = 0; i < matrix.data.length; ++i) {
    if (!Number.isFinite(matrix.data[i])) throw new Error(`${what}: ${name} contains NaN or Inf at index ${i}`);
  }
}

/** model.topicEmbeddings_ as {topicId: Float32Array}; throws when the model has none (manual fit). */
export function topicEmbeddingMap(model, info, what) {
  const m = model.topicEmbeddings_;
  if (!m) throw new Error(`${what}: the model has no topic embeddings (fit it on embeddings; a manual fit with y has none)`);
  if (m.rows !== info.length) throw new Error(`${what}: topicEmbeddings_ has ${m.rows} rows but the model has ${info.length} topics`);
  const rows = matrixRows(m);
  return new Map(info.map((row, i) => [row.Topic, rows[i]]));
}

/** (min - |min| * 0.15, max + |max| * 0.15) as BERTopic, widened when all values are equal. */
export function paddedRange(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  let range = [lo - Math.abs(lo) * 0.15, hi + Math.abs(hi) * 0.15];
  if (!(range[1] - range[0] > 1e-9)) range = [range[0] - 1, range[1] + 1];
  return range;
}

/** BERTopic's grey "plus" through the middle of the map with the D1 / D2 labels. */
export function plusShape(xRange, yRange) {
  const xMid = (xRange[0] + xRange[1]) / 2;
  const yMid = (yRange[0] + yRange[1]) / 2;
  return {
    shapes: [
      { type: 'line', x0: xMid, y0: yRange[0], x1: xMid, y1: yRange[1], line: { color: '#CFD8DC', width: 2 } },
      { type: 'line', x0: xRange[0], y0: yMid, x1: xRange[1], y1: yMid, line: { color: '#9E9E9E', width: 2 } },
    ],
    annotations: [
      { x: xRange[0], y: yMid, text: 'D1', showarrow: false, yshift: 10 },
      { y: yRange[1], x: xMid, text: 'D2', showarrow: false, xshift: 10 },
    ],
  };
}
