// The engine's analyses of a fitted model that BERTopic exposes as methods: the topic hierarchy and
// approximate topic distributions. `core`: the fitted TopicModelCore (TopicModel passes its own).
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { matrixRows } from '../engine/embeddings.js';
import { checkFlags, errorClass, withDefaults } from '../engine/options.js';
import { checkLinkage, linkageMatrix, topicDistanceMatrix } from './topic_linkage.js';

// linkageFunction's result as the engine takes it: K - 1 rows [a, b, distance, count] (count 0 when
// a row has three entries). Shapes and types here; which clusters may merge, in the engine.
export function linkageRows(linkage, k) {
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
 * BERTopic's hierarchical_topics: a linkage of the topics (outliers left out) under the distance 1 -
 * cosine similarity of their c-TF-IDF rows (useCtfidf: true, the default) or of their topic
 * embeddings (useCtfidf: false), and for each merge the words of the merged topics. `documents`:
 * the training documents. Rows {Parent_ID, Parent_Name, Topics, Child_Left_ID, Child_Left_Name,
 * Child_Right_ID, Child_Right_Name, Distance}, highest Parent_ID first, ids as strings (as BERTopic).
 * linkage: 'ward' (default, as BERTopic), 'single', 'complete' or 'average' (scipy's methods,
 * computed by the engine). linkageFunction(condensed, {n, square}) replaces it (BERTopic's
 * linkage_function, e.g. scipy's linkage(x, 'single')): it gets the topics' distances as a condensed
 * Float64Array in scipy's pdist order, plus n and the square matrix, and returns a linkage
 * matrix: n - 1 rows [a, b, distance(, count)] (ids < n: topics in ascending id order, n + s:
 * the cluster of row s). A malformed matrix throws an Error naming the row.
 */
export function hierarchicalTopics(core, documents, options) {
  checkDocuments(documents);
  const what = 'hierarchicalTopics';
  const { linkageFunction, linkage: method, useCtfidf } = withDefaults(options, { linkageFunction: null, linkage: 'ward', useCtfidf: true }, what);
  if (linkageFunction !== null && typeof linkageFunction !== 'function') throw new TypeError('hierarchicalTopics: linkageFunction must be a function (or null for the named linkage)');
  checkFlags({ useCtfidf }, ['useCtfidf'], what);
  checkLinkage(method, what);
  if (linkageFunction && method !== 'ward') throw new Error(`${what}: pass either linkage ('${method}') or linkageFunction, not both`);
  let linkage = null; // the engine's own Ward on the c-TF-IDF distances
  if (linkageFunction || method !== 'ward' || !useCtfidf) {
    if (documents.length !== core.documentTopics().length) {
      throw new Error(`hierarchicalTopics: ${documents.length} documents, but the model was fitted on ${core.documentTopics().length}`);
    }
    const { condensed, n } = topicDistanceMatrix(core, useCtfidf, what);
    if (n < 2) throw new Error('hierarchical topics: the model needs at least two topics other than the outliers');
    if (linkageFunction) {
      const square = Array.from({ length: n }, () => new Float64Array(n));
      for (let i = 0, p = 0; i < n; ++i) for (let j = i + 1; j < n; ++j, ++p) square[i][j] = square[j][i] = condensed[p];
      linkage = linkageRows(linkageFunction(condensed, { n, square }), n);
    } else {
      linkage = linkageMatrix(condensed, method, what);
    }
  }
  const { utf8, offsets } = encodeDocuments(documents);
  return core.hierarchicalTopics(utf8, offsets, linkage).reverse().map((r) => ({
    ...r,
    Parent_ID: String(r.Parent_ID),
    Topics: Array.from(r.Topics),
    Child_Left_ID: String(r.Child_Left_ID),
    Child_Right_ID: String(r.Child_Right_ID),
  }));
}

/**
 * BERTopic's approximate_distribution (c-TF-IDF): topic distributions of any documents from
 * sliding windows of `window` tokens every `stride` tokens, each compared (cosine) with the
 * topics' c-TF-IDF; similarities under `minSimilarity` dropped; rows L1-normalised (all zero when
 * nothing is similar). Returns {topicDistributions: Float32Array per document over topics
 * 0..K-1, topicTokenDistributions: null, or with calculateTokens per document {tokens,
 * distributions: Float32Array per token}}. batchSize is accepted for BERTopic compatibility and
 * changes nothing (documents are processed one by one, in parallel).
 */
export function approximateDistribution(core, documents, options) {
  if (typeof documents === 'string') documents = [documents];
  checkDocuments(documents);
  const defaults = { window: 4, stride: 1, minSimilarity: 0.1, batchSize: 1000, padding: false, useEmbeddingModel: false, calculateTokens: false, separator: ' ' };
  const { window, stride, minSimilarity, padding, useEmbeddingModel, calculateTokens, separator } = withDefaults(options, defaults, 'approximateDistribution');
  for (const [name, v] of [['window', window], ['stride', stride]]) {
    if (!Number.isInteger(v) || v < 1) throw new (errorClass(v, 'integer'))(`approximateDistribution: ${name} must be an integer >= 1, got ${JSON.stringify(v)}`);
  }
  if (typeof minSimilarity !== 'number' || !Number.isFinite(minSimilarity)) throw new (errorClass(minSimilarity, 'number'))('approximateDistribution: minSimilarity must be a finite number');
  checkFlags({ padding, calculateTokens, useEmbeddingModel }, ['padding', 'calculateTokens', 'useEmbeddingModel'], 'approximateDistribution');
  if (useEmbeddingModel) throw new Error('approximateDistribution: useEmbeddingModel is not supported yet (the c-TF-IDF variant, BERTopic\'s default, is)');
  if (typeof separator !== 'string') throw new TypeError('approximateDistribution: separator must be a string');
  const { utf8, offsets } = encodeDocuments(documents);
  const result = core.approximateDistribution(utf8, offsets, { window, stride, minSimilarity, padding, calculateTokens, separator });
  return {
    topicDistributions: matrixRows(result.distributions),
    topicTokenDistributions: calculateTokens
      ? result.tokens.map((tokens, d) => ({ tokens, distributions: matrixRows(result.tokenDistributions[d]) }))
      : null,
  };
}
