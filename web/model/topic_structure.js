// The engine's analyses of a fitted model that BERTopic exposes as methods: the topic hierarchy and
// approximate topic distributions. `core`: the fitted TopicModelCore (TopicModel passes its own).
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { matrixRows } from '../engine/embeddings.js';
import { checkFlags, errorClass, withDefaults } from '../engine/options.js';

/** TopicModel.hierarchicalTopics (see there). */
export function hierarchicalTopics(core, documents) {
  checkDocuments(documents);
  const { utf8, offsets } = encodeDocuments(documents);
  return core.hierarchicalTopics(utf8, offsets).reverse().map((r) => ({
    ...r,
    Parent_ID: String(r.Parent_ID),
    Topics: Array.from(r.Topics),
    Child_Left_ID: String(r.Child_Left_ID),
    Child_Right_ID: String(r.Child_Right_ID),
  }));
}

/** TopicModel.approximateDistribution (see there). */
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
