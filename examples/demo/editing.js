// Topic edits of the demo as plain functions over document-topic assignments (Int32Array, -1 =
// outlier). The Worker applies the result with TopicModel.updateTopics (c-TF-IDF and centroids
// only, no UMAP), so every edit is a new assignment and undo is the previous one.

/**
 * Topic ids made contiguous (0..K'-1) in the order of the old ids, as updateTopics needs them: a
 * topic left without documents disappears and the ids after it move down one; a new id (e.g.
 * a split's, larger than every old one) comes last. Returns {topics, mapping: Map old -> new}.
 */
export function compactTopics(topics) {
  const used = [...new Set(topics)].filter((t) => t >= 0).sort((a, b) => a - b);
  const mapping = new Map(used.map((t, i) => [t, i]));
  mapping.set(-1, -1);
  return { topics: Int32Array.from(topics, (t) => mapping.get(t)), mapping };
}

/** `topics` with the documents `docs` moved to topic `to` (-1: outliers), compacted. */
export function moveDocuments(topics, docs, to) {
  const next = Int32Array.from(topics);
  for (const d of docs) next[d] = to;
  return compactTopics(next).topics;
}

/**
 * Topic `topic` split in two by 2-means on its documents' embeddings (cosine: rows L2-normalised).
 * Deterministic without a seed: the first centre is the document farthest from the topic's mean,
 * the second the document farthest from the first. The smaller half gets a new id (K), so the
 * larger half keeps the topic's id. Throws when the topic has fewer than 2 documents.
 */
export function splitTopic(topics, topic, embeddings, dim) {
  const docs = [];
  topics.forEach((t, i) => { if (t === topic) docs.push(i); });
  if (docs.length < 2) throw new Error(`topic ${topic} has ${docs.length} document(s): nothing to split`);
  const rows = docs.map((d) => normalised(embeddings.subarray(d * dim, (d + 1) * dim)));
  const mean = centroid(rows, rows.map(() => true), dim);
  const first = argmax(rows.map((r) => distance(r, mean)));
  const second = argmax(rows.map((r) => distance(r, rows[first])));
  let centres = [rows[first], rows[second]];
  let side = rows.map(() => false);
  for (let iter = 0; iter < 50; ++iter) {
    const next = rows.map((r) => distance(r, centres[1]) < distance(r, centres[0]));
    const same = next.every((s, i) => s === side[i]);
    side = next;
    if (same && iter > 0) break;
    centres = [centroid(rows, side.map((s) => !s), dim), centroid(rows, side, dim)];
  }
  const ones = side.filter(Boolean).length;
  if (ones === 0 || ones === rows.length) throw new Error(`topic ${topic}'s documents do not split (identical embeddings)`);
  const newSide = ones <= rows.length - ones; // the side that gets the new id: the smaller one
  const k = Math.max(...topics) + 1;
  const next = Int32Array.from(topics);
  docs.forEach((d, i) => { if (side[i] === newSide) next[d] = k; });
  return next;
}

function normalised(v) {
  const n = Math.hypot(...v) || 1;
  return Float64Array.from(v, (x) => x / n);
}

function centroid(rows, take, dim) {
  const c = new Float64Array(dim);
  let n = 0;
  rows.forEach((r, i) => {
    if (!take[i]) return;
    ++n;
    for (let j = 0; j < dim; ++j) c[j] += r[j];
  });
  return n ? c.map((x) => x / n) : c;
}

function distance(a, b) {
  let s = 0;
  for (let j = 0; j < a.length; ++j) s += (a[j] - b[j]) ** 2;
  return s;
}

const argmax = (values) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);

/**
 * Labels the user gave ({oldId: label}) carried to the topics after an edit: a new topic takes the
 * label of the old topic it got most of its documents from, if it also holds most of that old
 * topic's documents (a merged topic keeps its largest part's label, a split topic's larger half
 * keeps it). `before` / `after`: the documents' topics.
 */
export function carryLabels(labels, before, after) {
  const out = {};
  const overlap = new Map(); // "old,new" -> documents
  const sizeOld = new Map();
  before.forEach((t, i) => {
    if (t < 0 || after[i] < 0) return;
    const key = `${t},${after[i]}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  });
  before.forEach((t) => sizeOld.set(t, (sizeOld.get(t) ?? 0) + 1));
  const best = new Map(); // new -> [old, count]
  for (const [key, count] of overlap) {
    const [from, to] = key.split(',').map(Number);
    if (!(from in labels) || 2 * count <= sizeOld.get(from)) continue;
    if (!best.has(to) || count > best.get(to)[1]) best.set(to, [from, count]);
  }
  for (const [to, [from]] of best) out[to] = labels[from];
  return out;
}

/**
 * The similarity threshold for reduceOutliers (strategy 'embeddings') that leaves `target` of the
 * outliers unassigned: each outlier's best cosine similarity to a topic embedding, sorted, cut at
 * the (outliers - target)-th largest (similarities at or above it are kept, as the engine does).
 * Returns 0 (BERTopic's default: every outlier with a positive similarity) when target is 0.
 */
export function outlierThreshold(topics, embeddings, dim, topicEmbeddings, topicIds, target) {
  const best = [];
  const centres = topicIds.map((t, r) => (t < 0 ? null : normalised(topicEmbeddings.subarray(r * dim, (r + 1) * dim))));
  topics.forEach((t, i) => {
    if (t !== -1) return;
    const v = normalised(embeddings.subarray(i * dim, (i + 1) * dim));
    let s = -Infinity;
    for (const c of centres) if (c) s = Math.max(s, dot(v, c));
    best.push(s);
  });
  best.sort((a, b) => b - a);
  const assign = best.length - target;
  if (assign <= 0) return Infinity;
  if (target <= 0) return 0;
  return best[assign - 1];
}

function dot(a, b) {
  let s = 0;
  for (let j = 0; j < a.length; ++j) s += a[j] * b[j];
  return s;
}

/** Cluster labels (-1 = noise) renumbered 0..K-1 by decreasing size (ties: smaller label first), as BERTopic numbers topics. */
export function bySize(labels) {
  const counts = new Map();
  for (const t of labels) if (t >= 0) counts.set(t, (counts.get(t) ?? 0) + 1);
  const order = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a - b);
  const id = new Map(order.map((t, i) => [t, i]));
  return Int32Array.from(labels, (t) => (t < 0 ? -1 : id.get(t)));
}
