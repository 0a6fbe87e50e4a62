// Contextualized Topic Models (Bianchi et al. 2021; contextualized-topic-models 2.6): CombinedTM and
// ZeroShotTM trained and run by the engine. Defaults are CTM's.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { toMatrix } from '../engine/embeddings.js';
import { loadEngine } from '../engine/module.js';
import { errorClass, withDefaults } from '../engine/options.js';
import { freeLater, oneCallAtATime } from '../engine/busy.js';

export const CTM_DEFAULTS = Object.freeze({
  modelType: 'combined', // 'combined' (CombinedTM) | 'zeroshot' (ZeroShotTM)
  nComponents: 10,
  hiddenSizes: [100, 100],
  activation: 'softplus', // 'softplus' | 'relu'
  dropout: 0.2,
  learnPriors: true,
  batchSize: 64,
  lr: 2e-3,
  momentum: 0.99,
  numEpochs: 100,
  klWeight: 1.0, // weight of the KL term (beta-VAE)
  labelSize: 0, // > 0: supervised head with this many classes
  seed: 42,
  validationFraction: 0, // > 0: hold out documents for early stopping
  patience: 5,
  vocabularySize: 2000, // bag of words over the most frequent words, English stop words removed
});

function ctmOptions(given) {
  const o = withDefaults(given, CTM_DEFAULTS, 'CTM');
  const int = (v, name, min) => {
    if (!Number.isInteger(v) || v < min) throw new (errorClass(v, 'integer'))(`${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  if (!['combined', 'zeroshot'].includes(o.modelType)) throw new (errorClass(o.modelType, 'string'))(`modelType must be 'combined' or 'zeroshot', got ${JSON.stringify(o.modelType)}`);
  int(o.nComponents, 'nComponents', 2);
  if (!Array.isArray(o.hiddenSizes) || !o.hiddenSizes.length) throw new (errorClass(o.hiddenSizes, 'array'))('hiddenSizes must be a non-empty array of layer sizes');
  o.hiddenSizes.forEach((h, i) => int(h, `hiddenSizes[${i}]`, 1));
  int(o.batchSize, 'batchSize', 2);
  int(o.numEpochs, 'numEpochs', 1);
  int(o.labelSize, 'labelSize', 0);
  int(o.seed, 'seed', 0);
  int(o.patience, 'patience', 1);
  int(o.vocabularySize, 'vocabularySize', 2);
  for (const k of ['dropout', 'lr', 'momentum', 'klWeight', 'validationFraction']) {
    if (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || o[k] < 0) throw new (errorClass(o[k], 'number'))(`${k} must be a non-negative number`);
  }
  return o;
}

const rows = ({ data, rows: n, cols }) => Array.from({ length: n }, (_, i) => data.subarray(i * cols, (i + 1) * cols));

export class CTM {
  #options;
  #core = null;

  constructor(options = {}) {
    this.#options = ctmOptions(options);
  }

  get options() {
    return structuredClone(this.#options);
  }

  /** Trains on documents and their embeddings (n x d). Returns {epochsRun, trainLoss, ...}. */
  async fit(documents, options) {
    const { embeddings, labels, onProgress } = withDefaults(options, { embeddings: undefined, labels: undefined, onProgress: undefined }, 'CTM.fit');
    checkDocuments(documents);
    if (embeddings === undefined) throw new Error('CTM.fit needs embeddings (n x d); computing them in topicwasm is not available yet');
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    const engine = await loadEngine();
    const core = this.#core ?? new engine.CtmCore(this.#options);
    const { utf8, offsets } = encodeDocuments(documents);
    const { data, cols } = toMatrix(embeddings, documents.length);
    let y = null;
    if (labels !== undefined) {
      if (labels.length !== documents.length) throw new Error(`labels has ${labels.length} entries but there are ${documents.length} documents`);
      y = Int32Array.from(labels);
    }
    const report = core.fit(utf8, offsets, data, cols, y, onProgress);
    this.#core = core;
    return report;
  }

  #fitted() {
    if (!this.#core || !this.#core.fitted()) throw new Error('the CTM is not fitted yet (or was freed with free()): call fit first');
    return this.#core;
  }

  /** Top-k words of every topic. */
  getTopicLists(k = 10) {
    return this.#fitted().topicLists(k);
  }

  /** {topicId: words} as CTM's get_topics(k). */
  getTopics(k = 10) {
    return Object.fromEntries(this.getTopicLists(k).map((words, i) => [i, words]));
  }

  /** Topic distribution of each training document (averaged over nSamples draws). */
  getDocTopicDistribution(options) {
    const { nSamples } = withDefaults(options, { nSamples: 20 }, 'getDocTopicDistribution');
    return rows(this.#fitted().docTopicDistribution(nSamples));
  }

  /** Topic-word distribution, K rows over the vocabulary. */
  getTopicWordDistribution() {
    return rows(this.#fitted().topicWordMatrix());
  }

  /** CTM's get_topic_word_matrix: the raw topic-word weights (beta, K rows over the vocabulary, before the softmax). */
  getTopicWordMatrix() {
    return rows(this.#fitted().rawTopicWordMatrix());
  }

  /** The bag-of-words vocabulary, in the column order of the topic-word rows. */
  get vocabulary() {
    return this.#fitted().vocabulary();
  }

  /** CTM's get_word_distribution_by_topic_id: [[word, probability]] of one topic, most probable first. */
  getWordDistributionByTopicId(topic) {
    const distributions = this.getTopicWordDistribution();
    if (!Number.isInteger(topic) || topic < 0 || topic >= distributions.length) {
      throw new (errorClass(topic, 'integer'))(`topic must be an integer id in 0..${distributions.length - 1}, got ${JSON.stringify(topic)}`);
    }
    const row = distributions[topic];
    return this.vocabulary.map((word, v) => [word, row[v]]).sort((a, b) => b[1] - a[1]);
  }

  /** CTM's get_thetas: the topic distribution of each training document (getDocTopicDistribution). */
  getThetas(options) {
    return this.getDocTopicDistribution(options);
  }

  /**
   * CTM's get_top_documents_per_topic_id: the k documents with the highest share of `topicId` in
   * `distributions` (rows as getDocTopicDistribution / transform return), as [[document, share]].
   */
  static getTopDocumentsPerTopicId(documents, distributions, topicId, k = 5) {
    checkDocuments(documents);
    if (!Array.isArray(distributions) || distributions.length !== documents.length) {
      throw new Error(`distributions must hold one row per document (${documents.length}), got ${distributions?.length}`);
    }
    const topics = distributions[0]?.length ?? 0;
    if (!Number.isInteger(topicId) || topicId < 0 || topicId >= topics) throw new (errorClass(topicId, 'integer'))(`topicId must be an integer in 0..${topics - 1}, got ${JSON.stringify(topicId)}`);
    if (!Number.isInteger(k) || k < 1) throw new (errorClass(k, 'integer'))(`k must be an integer >= 1, got ${JSON.stringify(k)}`);
    // Stable by index among equal shares; numpy's argsort()[-k:][::-1] breaks ties the other way.
    const order = distributions.map((row, i) => i).sort((a, b) => distributions[b][topicId] - distributions[a][topicId] || a - b);
    return order.slice(0, k).map((i) => [documents[i], distributions[i][topicId]]);
  }

  /**
   * CTM's get_ldavis_data_format: what pyLDAvis.prepare takes, from the training documents:
   * {topicTermDists (K rows), docTopicDists (n rows), docLengths, vocab, termFrequency}.
   */
  getLdavisData(options) {
    const { nSamples } = withDefaults(options, { nSamples: 20 }, 'getLdavisData');
    const core = this.#fitted();
    return {
      topicTermDists: this.getTopicWordDistribution(),
      docTopicDists: this.getDocTopicDistribution({ nSamples }),
      docLengths: core.documentLengths(),
      vocab: core.vocabulary(),
      termFrequency: core.termFrequency(),
    };
  }

  /** Topic distributions of new documents (ZeroShotTM uses only their embeddings). */
  async transform(documents, options) {
    const { embeddings, nSamples } = withDefaults(options, { embeddings: undefined, nSamples: 20 }, 'CTM.transform');
    checkDocuments(documents);
    const core = this.#fitted();
    const { utf8, offsets } = encodeDocuments(documents);
    const { data, cols } = toMatrix(embeddings, documents.length, 'embeddings', core.embeddingDim());
    return rows(core.transform(utf8, offsets, data, cols, nSamples));
  }

  /** The most likely topic of each distribution. */
  static predictedTopics(distributions) {
    return Int32Array.from(distributions, (row) => row.indexOf(Math.max(...row)));
  }

  /** Weights, vocabulary and options as safetensors bytes. */
  save() {
    return this.#fitted().save();
  }

  /** A model from save()'s bytes; throws a clear Error on a corrupt file. */
  static async load(bytes) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('CTM.load needs the Uint8Array that save() returned');
    const engine = await loadEngine();
    const core = engine.CtmCore.load(bytes);
    const model = new CTM();
    model.#core = core;
    return model;
  }

  /** Frees the engine-side model; during fit or transform, when the call settles (as TopicModel.free). */
  free() {
    if (freeLater(this)) return;
    this.#core?.delete();
    this.#core = null;
  }
}
oneCallAtATime(CTM, 'CTM', ['fit', 'transform']);
