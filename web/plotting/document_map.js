// The documents' 2-D map shared by the document figures (visualizeDocuments,
// visualizeHierarchicalDocuments, visualizeDocumentDatamap): BERTopic's per-topic sample and its
// choice of coordinates (bertopic/plotting/_documents.py, _hierarchical_documents.py, _datamap.py).
import { WHITE_BACKGROUND, checkCount, checkMatrix, titleSpec } from './common.js';
import { reduceDimensions } from '../model/reduce_dimensions.js';
import { toMatrix } from '../engine/embeddings.js';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The option names documentPoints reads. */
export const POINT_OPTIONS = ['embeddings', 'reducedEmbeddings', 'sample', 'umapModel', 'seed'];

/**
 * The training documents' sample and 2-D coordinates: {topicPerDoc, indices (kept documents,
 * ascending per topic, topics ascending), coords (x, y interleaved, in `indices` order),
 * uniqueTopics}. Coordinates, in order of preference: `reducedEmbeddings` (n x 2, as BERTopic's
 * reduced_embeddings), `embeddings` (n x d, reduced by UMAP(n_neighbors=10, n_components=2,
 * min_dist=0, metric='cosine') as BERTopic does), else the model's own UMAP output
 * (reducedEmbeddings_) reduced to 2-D by UMAP with euclidean distance. `umapModel` overrides these
 * UMAP options. `sample` (0..1] keeps that share of each topic with 100+ documents (seeded by `seed`).
 */
export async function documentPoints(model, docs, o, what) {
  const { umapModel = {}, seed = 42 } = o;
  const topicPerDoc = model.topics_;
  if (!Array.isArray(docs) || docs.some((d) => typeof d !== 'string')) throw new Error(`${what}: docs must be an array of strings (the training documents)`);
  if (docs.length !== topicPerDoc.length) {
    throw new Error(`${what}: docs has ${docs.length} documents but the model was fitted on ${topicPerDoc.length}`);
  }
  checkCount(seed, 'seed', what, 0);
  if (!umapModel || typeof umapModel !== 'object' || Array.isArray(umapModel)) throw new Error(`${what}: umapModel must be an object`);
  let sample = o.sample ?? 1;
  if (typeof sample !== 'number' || !(sample > 0)) throw new Error(`${what}: sample must be a number in (0, 1], got ${JSON.stringify(o.sample)}`);
  if (sample > 1) sample = 1;
  const n = docs.length;
  if (o.reducedEmbeddings !== undefined) checkMatrix(o.reducedEmbeddings, 'reducedEmbeddings', what, { rows: n });
  if (o.reducedEmbeddings !== undefined && o.reducedEmbeddings.cols < 2) throw new Error(`${what}: reducedEmbeddings needs 2 columns`);
  let embeddings = null;
  if (o.reducedEmbeddings === undefined && o.embeddings !== undefined) {
    embeddings = { ...toMatrix(o.embeddings, n, 'embeddings'), rows: n };
  }

  // Per-topic sample: topics under 100 documents are kept whole (BERTopic).
  const random = mulberry32(seed);
  const byTopic = new Map();
  topicPerDoc.forEach((topic, i) => {
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic).push(i);
  });
  const uniqueTopics = [...byTopic.keys()].sort((a, b) => a - b);
  const indices = [];
  for (const topic of uniqueTopics) {
    const members = byTopic.get(topic);
    if (members.length < 100 || sample === 1) {
      indices.push(...members);
      continue;
    }
    const keep = Math.floor(members.length * sample);
    const pool = members.slice();
    for (let i = 0; i < keep; ++i) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    indices.push(...pool.slice(0, keep).sort((a, b) => a - b));
  }

  let coords; // 2 values per kept document in `indices` order
  if (o.reducedEmbeddings !== undefined) {
    const { data, cols } = o.reducedEmbeddings;
    coords = new Float64Array(2 * indices.length);
    indices.forEach((d, k) => {
      coords[2 * k] = data[d * cols];
      coords[2 * k + 1] = data[d * cols + 1];
    });
  } else {
    let source = embeddings;
    let defaults = { nNeighbors: 10, minDist: 0, metric: 'cosine' };
    if (!source) {
      source = model.reducedEmbeddings_;
      if (!source) throw new Error(`${what}: the model has no reduced embeddings (a manual fit): pass reducedEmbeddings or embeddings`);
      defaults = { nNeighbors: 10, minDist: 0, metric: 'euclidean' };
    }
    const picked = new Float32Array(indices.length * source.cols);
    indices.forEach((d, k) => picked.set(source.data.subarray(d * source.cols, (d + 1) * source.cols), k * source.cols));
    const umap = { ...defaults, ...umapModel };
    const tooFew = indices.length <= (umap.nNeighbors ?? 15) || indices.length <= 2;
    const reduced = tooFew
      ? await reduceDimensions(picked, indices.length, { method: 'pca', nComponents: 2 })
      : await reduceDimensions(picked, indices.length, { method: 'umap', nComponents: 2, umapModel: umap, seed });
    coords = reduced.data;
  }
  return { topicPerDoc, indices, coords, uniqueTopics };
}

/** The x and y ranges of the points, padded as BERTopic's figures pad them ([-1, 1] when empty). */
export function pointRanges(coords, count, paddedRange) {
  if (!count) return { xRange: [-1, 1], yRange: [-1, 1] };
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let k = 0; k < count; ++k) {
    xs[k] = coords[2 * k];
    ys[k] = coords[2 * k + 1];
  }
  return { xRange: paddedRange(xs), yRange: paddedRange(ys) };
}

/** The layout of a documents map: BERTopic's white background, hidden axes and the grey "plus" (plusShape). */
export function mapLayout(title, width, height, plus) {
  return {
    ...WHITE_BACKGROUND,
    title: titleSpec(title),
    width,
    height,
    xaxis: { visible: false },
    yaxis: { visible: false },
    shapes: plus.shapes,
    annotations: plus.annotations,
  };
}
