// The engine's analyses of a fitted model that BERTopic exposes as methods: the topic hierarchy and
// approximate topic distributions. `core`: the fitted TopicModelCore (TopicModel passes its own).
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { matrixRows } from '../engine/embeddings.js';
import { checkFlags, errorClass, withDefaults } from '../engine/options.js';
import { checkLinkage, linkTopics, topicDistanceMatrix } from './topic_linkage.js';

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
    linkage = linkTopics(condensed, n, method, linkageFunction, what);
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
