// topicwasm's public API: BERTopic's methods in camelCase over the wasm engine.
import { checkDocuments, encodeDocuments } from './documents.js';
import { probabilityRows, toMatrix } from './embeddings.js';
import { loadEngine, shutdownEngine, engineThreads } from './module.js';
import { topicModelOptions, umapOptions, vectorizerOptions, TOPIC_MODEL_DEFAULTS } from './options.js';
import { reduceTopics, mergeTopics, reduceOutliers, updateTopics } from './topic_reduction.js';

export { TOPIC_MODEL_DEFAULTS };

/**
 * Loads the engine with a pthread pool of `threads` (default: the cores, 1 without
 * cross-origin isolation). Optional: every model loads it on first use.
 */
export async function init({ threads } = {}) {
  const engine = await loadEngine({ threads });
  return { threads: engineThreads(), engine };
}

/** Ends the engine's worker threads (Node processes otherwise stay alive). */
export const shutdown = shutdownEngine;

/**
 * An Embedder (all-MiniLM-L6-v2 through onnxruntime-web) that tokenises with the engine's C++
 * WordPiece. Options as Embedder.create: {model: 'fp32' | 'int8' | path/URL/bytes, tokenizer, ...}.
 */
export async function createEmbedder(options = {}) {
  const engine = await loadEngine();
  // Loaded on first use: onnxruntime-web is a bare module specifier, which a browser Worker
  // without a bundler cannot resolve, and the rest of the API does not need it.
  const { Embedder } = await import('./embedder.js');
  return Embedder.create({
    ...options,
    createTokenizer: (json, maxLength) => {
      const tokenizer = new engine.WordPieceTokenizer(json, maxLength);
      return {
        encodeBatch: (texts) => {
          const { utf8, offsets } = encodeDocuments(texts);
          return tokenizer.encodeBatch(utf8, offsets);
        },
        dispose: () => tokenizer.delete(),
      };
    },
  });
}

/** Sentence embeddings of documents (n x 384 Float32Array for the built-in model). */
export async function embed(documents, { onProgress, signal, ...options } = {}) {
  checkDocuments(documents);
  const embedder = await createEmbedder(options);
  try {
    return await embedder.embed(documents, { onProgress, signal });
  } finally {
    await embedder.dispose?.();
  }
}

function checkLabels(y, n) {
  if (!(Array.isArray(y) || y instanceof Int32Array)) {
    throw new Error('y must be an array (or Int32Array) of integer topic labels');
  }
  if (y.length !== n) throw new Error(`y has ${y.length} labels but there are ${n} documents`);
  const labels = Int32Array.from(y, (v, i) => {
    if (!Number.isInteger(v) || v < -1 || v > 2 ** 31 - 1) {
      throw new Error(`y[${i}] must be an integer >= -1 (got ${JSON.stringify(v)})`);
    }
    return v;
  });
  return labels;
}

function reportProgress(onProgress, stage, done, total) {
  onProgress?.({ stage, done, total });
}

/** A BERTopic-style topic model. Options: see TOPIC_MODEL_DEFAULTS and README. */
export class TopicModel {
  #options;
  #core = null;
  #embedder = null;

  constructor(options = {}) {
    this.#options = topicModelOptions(options);
  }

  /** The options in effect (defaults filled in). */
  get options() {
    return structuredClone(this.#options);
  }

  async #embed(documents, onProgress) {
    const model = this.#options.embeddingModel;
    this.#embedder ??= await createEmbedder(typeof model === 'string' ? { model } : model);
    return this.#embedder.embed(documents, { onProgress });
  }

  async #engineModel() {
    if (!this.#core) {
      const engine = await loadEngine();
      this.#core = new engine.TopicModelCore(this.#options);
    }
    return this.#core;
  }

  /**
   * Fits the model and returns {topics, probabilities}.
   * - with `embeddings` (n x d): BERTopic's pipeline, UMAP -> HDBSCAN -> c-TF-IDF. probabilities is
   *   HDBSCAN's probability per document (Float32Array), or with calculateProbabilities an array
   *   of per-document topic distributions (Float32Array of length K each).
   * - with `y`: manual topic modeling (BERTopic's fit(docs, y=labels) with no clustering).
   */
  async fitTransform(documents, { y, embeddings, onProgress } = {}) {
    checkDocuments(documents);
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new Error('onProgress must be a function');
    if (embeddings !== undefined && y !== undefined) {
      throw new Error('give either embeddings or y, not both: supervised topic modeling is not available yet');
    }
    const core = await this.#engineModel();
    const { utf8, offsets } = encodeDocuments(documents);
    if (y !== undefined) {
      const labels = checkLabels(y, documents.length);
      reportProgress(onProgress, 'ctfidf', 0, 1);
      const topics = core.fitTransformLabels(utf8, offsets, labels);
      reportProgress(onProgress, 'ctfidf', 1, 1);
      return { topics, probabilities: null };
    }
    embeddings ??= await this.#embed(documents, onProgress);
    const { data, cols } = toMatrix(embeddings, documents.length);
    const result = core.fitTransformEmbeddings(utf8, offsets, data, cols, onProgress);
    return { topics: result.topics, probabilities: probabilityRows(result.probabilities) };
  }

  /** Topics of new documents from their embeddings: {topics, probabilities} as fitTransform. */
  async transform(documents, { embeddings, onProgress } = {}) {
    checkDocuments(documents);
    const core = this.#fitted();
    embeddings ??= await this.#embed(documents, onProgress);
    const { data, cols } = toMatrix(embeddings, documents.length);
    const result = core.transformEmbeddings(data, cols, onProgress);
    return { topics: result.topics, probabilities: probabilityRows(result.probabilities) };
  }

  /** The UMAP output of the training documents: {data, rows, cols} (null for a manual fit). */
  get reducedEmbeddings_() {
    const m = this.#fitted().reducedEmbeddings();
    return m.rows ? m : null;
  }

  /** Mean embedding per topic in getTopicInfo() order: {data, rows, cols} (BERTopic's topic_embeddings_). */
  get topicEmbeddings_() {
    const m = this.#fitted().topicEmbeddings();
    return m.rows ? m : null;
  }

  /** Fits the model; returns it (for chaining, as BERTopic's fit returns self). */
  async fit(documents, options = {}) {
    await this.fitTransform(documents, options);
    return this;
  }

  #fitted() {
    if (!this.#core || !this.#core.fitted()) throw new Error('the model is not fitted yet: call fit or fitTransform first');
    return this.#core;
  }

  /** Topic of each training document (BERTopic's topics_). */
  get topics_() {
    return this.#fitted().documentTopics();
  }

  /** Number of terms in the fitted vectorizer's vocabulary. */
  get vocabularySize() {
    return this.#fitted().vocabularySize();
  }

  /** {topicId: documentCount} (BERTopic's topic_sizes_). */
  get topicSizes_() {
    return Object.fromEntries(this.getTopicInfo().map((row) => [row.Topic, row.Count]));
  }

  /** {topicId: name} (BERTopic's topic_labels_). */
  get topicLabels_() {
    return Object.fromEntries(this.getTopicInfo().map((row) => [row.Topic, row.Name]));
  }

  /** Rows {Topic, Count, Name, Representation, Representative_Docs}, ascending Topic. */
  getTopicInfo(topic) {
    const rows = this.#fitted().topicInfo();
    return topic === undefined ? rows : rows.filter((row) => row.Topic === topic);
  }

  /** [[word, score], ...] of a topic; false when there is no such topic (as BERTopic). */
  getTopic(topic) {
    if (!Number.isInteger(topic)) throw new Error(`topic must be an integer id, got ${JSON.stringify(topic)}`);
    const core = this.#fitted();
    if (!this.getTopicInfo(topic).length) return false;
    return core.topic(topic);
  }

  /** {topicId: [[word, score], ...]} for every topic. */
  getTopics() {
    const core = this.#fitted();
    return Object.fromEntries(core.topicInfo().map((row) => [row.Topic, core.topic(row.Topic)]));
  }

  /** [{Topic, Count}] by decreasing count (BERTopic's get_topic_freq). */
  getTopicFreq(topic) {
    const rows = this.getTopicInfo(topic).map(({ Topic, Count }) => ({ Topic, Count }));
    return rows.sort((a, b) => b.Count - a.Count);
  }

  /** The representative documents of one topic, or {topicId: docs} for all. */
  getRepresentativeDocs(topic) {
    const rows = this.getTopicInfo(topic);
    if (topic !== undefined) return rows.length ? rows[0].Representative_Docs : false;
    return Object.fromEntries(rows.map((row) => [row.Topic, row.Representative_Docs]));
  }

  /**
   * BERTopic's reduce_topics: merges topics until `nrTopics` remain, counting the outlier topic -1
   * (an integer >= 2), or 'auto'. Topic ids are renumbered by size. Returns the model.
   * useCtfidf: distances between c-TF-IDF rows instead of topic embeddings.
   */
  async reduceTopics(documents, options = {}) {
    reduceTopics(this.#fitted(), documents, options);
    return this;
  }

  /** BERTopic's merge_topics: [1, 2, 3] merges those topics; [[1, 2], [3, 4]] merges each group. */
  async mergeTopics(documents, topicsToMerge) {
    mergeTopics(this.#fitted(), documents, topicsToMerge);
    return this;
  }

  /**
   * BERTopic's reduce_outliers: new topics (Int32Array) with outliers (-1) assigned to their nearest
   * topic; the model does not change (call updateTopics with them).
   */
  async reduceOutliers(documents, topics, options = {}) {
    const core = this.#fitted();
    return reduceOutliers(core, documents, topics, options, (docs) => this.#embed(docs));
  }

  /** BERTopic's update_topics: recomputes the topic words (new topics / vectorizer / c-TF-IDF). */
  async updateTopics(documents, options = {}) {
    updateTopics(this.#fitted(), documents, options);
    return this;
  }

  /** Frees the engine-side model now instead of at garbage collection. */
  free() {
    this.#core?.delete();
    this.#core = null;
  }
}

/** The terms a CountVectorizer with these options makes of `text` (scikit-learn's build_analyzer()). */
export async function analyze(text, vectorizerModel = {}) {
  if (typeof text !== 'string') throw new Error(`text must be a string, got ${typeof text}`);
  const engine = await loadEngine();
  return engine.analyze(text, vectorizerOptions(vectorizerModel));
}
export * from './eval.js';
export { CTM, CTM_DEFAULTS } from './ctm.js';
export { Kitty } from './kitty.js';

/**
 * Reduces n rows of vectors (Float32Array n x d or rows) to `nComponents` dimensions:
 * method 'umap' (options as umapModel, default cosine, 15 neighbours) or 'pca'.
 * Returns {data: Float32Array, rows, cols}.
 */
export async function reduceDimensions(vectors, n, { method = 'umap', nComponents = 2, umapModel = {}, seed = 42 } = {}) {
  const engine = await loadEngine();
  const { data, cols } = toMatrix(vectors, n, 'vectors');
  if (method === 'pca') return engine.pcaReduce(data, cols, nComponents);
  if (method !== 'umap') throw new Error(`method must be 'umap' or 'pca', got ${JSON.stringify(method)}`);
  return engine.umapReduce(data, cols, umapOptions({ nComponents, ...umapModel }), seed);
}
export * from './plots.js';
export { buildReport } from './report.js';
