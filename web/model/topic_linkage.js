// The distances and linkage behind BERTopic's topic hierarchy (hierarchical_topics, visualize_hierarchy):
// 1 - cosine similarity of the topics' c-TF-IDF rows (use_ctfidf=True) or of their embeddings
// (use_ctfidf=False), outliers left out, and scipy's linkage of them computed by the engine
// (src/cluster/ward_linkage.cpp: single, complete, average, ward).
import { cosineRows } from '../engine/embeddings.js';
import { loadedEngine } from '../engine/module.js';
import { checkFlags, withDefaults } from '../engine/options.js';

export const LINKAGES = ['ward', 'single', 'complete', 'average'];

/**
 * Condensed distances (scipy's pdist order) between the topics other than -1, ascending, and their
 * number n. useCtfidf: the c-TF-IDF rows (the engine's); else the topic embeddings (1 - cosine,
 * negatives from rounding clamped to 0: BERTopic's validate_distance_matrix would reject them).
 */
export function topicDistanceMatrix(core, useCtfidf, what) {
  const ctfidf = core.topicDistances();
  const n = Math.round((1 + Math.sqrt(1 + 8 * ctfidf.length)) / 2);
  if (useCtfidf) return { condensed: ctfidf, n };
  const { data, rows, cols } = core.topicEmbeddings();
  if (!rows) throw new Error(`${what}: useCtfidf: false needs topic embeddings (fit on embeddings; a manual fit with y has none)`);
  const first = rows - n; // 1 when the outlier topic -1 is the first row
  const condensed = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0, p = 0; i < n; ++i) {
    for (let j = i + 1; j < n; ++j, ++p) condensed[p] = Math.max(0, 1 - cosineRows(data, first + i, data, first + j, cols));
  }
  return { condensed, n };
}

/** Throws an Error naming the linkage option unless `method` is one of LINKAGES. */
export function checkLinkage(method, what) {
  if (!LINKAGES.includes(method)) throw new Error(`${what}: linkage must be one of ${LINKAGES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(method)}`);
}

// linkageFunction's result as the engine takes it: K - 1 rows [a, b, distance, count] (count 0 when
// a row has three entries). Shapes and types here; which clusters may merge, in the engine.
function linkageRows(linkage, k) {
  const rows = typeof linkage?.length === 'number' && typeof linkage !== 'string' ? Array.from(linkage) : null;
  if (!rows) throw new TypeError(`linkageFunction must return a linkage matrix (an array of [a, b, distance, count] rows), got ${JSON.stringify(linkage)}`);
  // A flat numeric array (e.g. a Float64Array) of 4 * (K - 1) values is read row by row.
  const matrix = rows.length && typeof rows[0] === 'number'
    ? Array.from({ length: rows.length / 4 }, (_, r) => rows.slice(r * 4, r * 4 + 4))
    : rows;
  if (matrix.length !== k - 1) throw new Error(`linkageFunction must return K - 1 = ${k - 1} rows for ${k} topics, got ${matrix.length}`);
  const flat = new Float64Array(4 * matrix.length);
  matrix.forEach((row, r) => {
    const values = row && typeof row.length === 'number' ? Array.from(row) : null;
    if (!values || values.length < 3 || values.length > 4) throw new TypeError(`linkageFunction row ${r} must be [a, b, distance] or [a, b, distance, count], got ${JSON.stringify(row)}`);
    values.forEach((v, c) => {
      if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`linkageFunction row ${r}[${c}] must be a number, got ${JSON.stringify(v)}`);
      if (c !== 2 && (!Number.isInteger(v) || v < 0)) throw new Error(`linkageFunction row ${r}[${c}] must be an integer >= 0 (${c < 2 ? 'a cluster id' : 'a count'}), got ${v}`);
    });
    flat.set([values[0], values[1], values[2], values[3] ?? 0], r * 4);
  });
  return flat;
}

/**
 * The linkage of n topics' condensed distances as a flat Float64Array of n - 1 rows [a, b, distance,
 * size]: linkageFunction(condensed, {n, square}) when given (its matrix checked for shape and
 * types; which clusters may merge, by the caller), else the engine's linkage `method`.
 */
export function linkTopics(condensed, n, method, linkageFunction, what) {
  if (!linkageFunction) return linkageMatrix(condensed, method, what);
  const square = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0, p = 0; i < n; ++i) for (let j = i + 1; j < n; ++j, ++p) square[i][j] = square[j][i] = condensed[p];
  return linkageRows(linkageFunction(condensed, { n, square }), n);
}

/** scipy's linkage(condensed, method) as a flat Float64Array of n - 1 rows [a, b, distance, size]. */
export function linkageMatrix(condensed, method, what) {
  checkLinkage(method, what);
  return loadedEngine().linkage(condensed instanceof Float64Array ? condensed : Float64Array.from(condensed), method);
}

/**
 * TopicModel.topicDistances({useCtfidf = true}): {condensed: Float64Array (scipy's pdist order),
 * n} over the n topics other than -1 in ascending id order (getTopicInfo's): the distances
 * hierarchicalTopics links and the hierarchy / heatmap figures use.
 */
export function topicDistances(core, options) {
  const what = 'topicDistances';
  const { useCtfidf } = withDefaults(options, { useCtfidf: true }, what);
  checkFlags({ useCtfidf }, ['useCtfidf'], what);
  return topicDistanceMatrix(core, useCtfidf, what);
}
