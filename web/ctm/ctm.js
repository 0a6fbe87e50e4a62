// Contextualized Topic Models (Bianchi et al. 2021; contextualized-topic-models 2.6): CombinedTM and
// ZeroShotTM trained and run by the engine. Defaults are CTM's.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { toMatrix } from '../engine/embeddings.js';
import { loadEngine } from '../engine/module.js';
import { errorClass, withDefaults } from '../engine/options.js';
import { freeLater, oneCallAtATime } from '../engine/busy.js';
import { platform } from '../platform/current.js';

export const CTM_DEFAULTS = Object.freeze({
  modelType: 'combined', // 'combined' (CombinedTM) | 'zeroshot' (ZeroShotTM)
  nComponents: 10,
  hiddenSizes: [100, 100],
  activation: 'softplus', // 'softplus' | 'relu'
  dropout: 0.2,
  learnPriors: true,
  batchSize: 64,
  solver: 'adam', // 'adam' (torch Adam, betas (momentum, 0.99)) | 'sgd' (torch SGD with momentum)
  lr: 2e-3,
  momentum: 0.99, // Adam's beta1, or SGD's momentum
  reduceOnPlateau: false, // lr / 10 after 10 epochs without a 1e-4 relative drop of the training loss
  numEpochs: 100,
  klWeight: 1.0, // weight of the KL term (beta-VAE)
  labelSize: 0, // > 0: supervised head with this many classes
  seed: 42,
  validationFraction: 0, // > 0: hold out documents for early stopping
  patience: 5, // early stopping: epochs without validation improvement (fit's patience overrides)
  delta: 0, // early stopping: the improvement that counts (fit's delta overrides)
  vocabularySize: 2000, // bag of words over the most frequent words, English stop words removed
});

function ctmOptions(given) {
  const o = withDefaults(given, CTM_DEFAULTS, 'CTM');
  const int = (v, name, min) => {
    if (!Number.isInteger(v) || v < min) throw new (errorClass(v, 'integer'))(`${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  if (!['adam', 'sgd'].includes(o.solver)) throw new (errorClass(o.solver, 'string'))(`solver must be 'adam' or 'sgd', got ${JSON.stringify(o.solver)}`);
  if (typeof o.reduceOnPlateau !== 'boolean') throw new TypeError(`reduceOnPlateau must be true or false, got ${JSON.stringify(o.reduceOnPlateau)}`);
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
  for (const k of ['dropout', 'lr', 'momentum', 'klWeight', 'validationFraction', 'delta']) {
    if (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || o[k] < 0) throw new (errorClass(o[k], 'number'))(`${k} must be a non-negative number`);
  }
  return o;
}

const FIT_DEFAULTS = {
  embeddings: undefined,
  labels: undefined,
  onProgress: undefined,
  validation: undefined, // {documents, embeddings, labels?}: early stopping on its loss (CTM's validation_dataset)
  patience: undefined, // default: the model's patience option
  delta: undefined, // default: the model's delta option
  saveDir: undefined, // Node: a checkpoint file per saved epoch, saveDir/epoch_<n>.safetensors
  onCheckpoint: undefined, // (bytes, {epoch, loss, validationLoss, lr}) per saved epoch
};

function labelArray(labels, n, what) {
  if (labels === undefined) return null;
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') throw new TypeError(`${what} must be an array of class ids`);
  if (labels.length !== n) throw new Error(`${what} has ${labels.length} entries but there are ${n} documents`);
  return Int32Array.from(labels);
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

  /**
   * Trains on documents and their embeddings (n x d). CTM's fit options: `validation`
   * ({documents, embeddings, labels?}) stops training once its loss has not improved for `patience`
   * epochs (by more than `delta`) and keeps the best epoch's model; checkpoints go to `saveDir`
   * (Node) and/or `onCheckpoint(bytes, {epoch, loss, validationLoss, lr})` after every epoch, or
   * with a validation set after every epoch that improves its loss. Returns {epochsRun, trainLoss,
   * validationLoss, learningRates, bestEpoch, stoppedEarly}.
   */
  async fit(documents, options) {
    const { embeddings, labels, onProgress, validation, patience, delta, saveDir, onCheckpoint } = withDefaults(options, FIT_DEFAULTS, 'CTM.fit');
    checkDocuments(documents);
    if (embeddings === undefined) throw new Error('CTM.fit needs embeddings (n x d); computing them in topicwasm is not available yet');
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    if (onCheckpoint !== undefined && typeof onCheckpoint !== 'function') throw new TypeError('onCheckpoint must be a function');
    if (saveDir !== undefined && (typeof saveDir !== 'string' || !saveDir)) throw new TypeError('saveDir must be a non-empty directory path');
    if (saveDir !== undefined && platform.name !== 'node') throw new Error('CTM.fit saveDir needs Node; in a browser pass onCheckpoint(bytes, info) and keep the bytes yourself');
    const extra = { patience: patience ?? this.#options.patience, delta: delta ?? this.#options.delta, validation: null, onCheckpoint: null };
    if (!Number.isInteger(extra.patience) || extra.patience < 1) throw new (errorClass(extra.patience, 'integer'))(`patience must be an integer >= 1, got ${JSON.stringify(extra.patience)}`);
    if (typeof extra.delta !== 'number' || !Number.isFinite(extra.delta) || extra.delta < 0) throw new (errorClass(extra.delta, 'number'))(`delta must be a non-negative number, got ${JSON.stringify(extra.delta)}`);
    const y = labelArray(labels, documents.length, 'labels');
    if (validation !== undefined) {
      if (validation === null || typeof validation !== 'object') throw new TypeError('validation must be {documents, embeddings, labels?}');
      const v = withDefaults(validation, { documents: undefined, embeddings: undefined, labels: undefined }, 'CTM.fit validation');
      checkDocuments(v.documents);
      if (v.embeddings === undefined) throw new Error('CTM.fit validation needs embeddings (one row per validation document)');
      const { data: vdata, cols: vcols } = toMatrix(v.embeddings, v.documents.length, 'validation.embeddings');
      extra.validation = { ...encodeDocuments(v.documents), embeddings: vdata, cols: vcols, labels: labelArray(v.labels, v.documents.length, 'validation.labels') };
    }
    const { utf8, offsets } = encodeDocuments(documents);
    const { data, cols } = toMatrix(embeddings, documents.length);
    const engine = await loadEngine();
    const core = this.#core ?? new engine.CtmCore(this.#options);
    // The engine calls back synchronously; an error here (the user's callback, a file write) is
    // kept, the engine is told to stop, and the error is rethrown with the model unchanged.
    let failure = null;
    if (saveDir !== undefined || onCheckpoint !== undefined) {
      extra.onCheckpoint = (bytes, info) => {
        try {
          if (saveDir !== undefined) platform.writeFileNow(saveDir, `epoch_${info.epoch}.safetensors`, bytes);
          onCheckpoint?.(bytes, info);
          return true;
        } catch (e) {
          failure = e;
          return false;
        }
      };
    }
    let report;
    try {
      report = core.fit(utf8, offsets, data, cols, y, onProgress, extra);
    } catch (e) {
      if (core !== this.#core) core.delete();
      throw failure ?? e;
    }
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

  /**
   * Topic distributions of new documents (ZeroShotTM uses only their embeddings). A model trained
   * with labels takes the documents' `labels` as encoder inputs, as CTM's dataset with labels does
   * (without them, zeros there).
   */
  async transform(documents, options) {
    const { embeddings, nSamples, labels } = withDefaults(options, { embeddings: undefined, nSamples: 20, labels: undefined }, 'CTM.transform');
    checkDocuments(documents);
    const core = this.#fitted();
    const y = labelArray(labels, documents.length, 'labels');
    const { utf8, offsets } = encodeDocuments(documents);
    const { data, cols } = toMatrix(embeddings, documents.length, 'embeddings', core.embeddingDim());
    return rows(core.transform(utf8, offsets, data, cols, nSamples, y));
  }

  /**
   * SuperCTM's label head (a model trained with `labelSize` > 0 and fit's `labels`): the class
   * probabilities softmax(label_classification(theta)) of each document, theta from transform
   * without labels (they are what is predicted), and the most likely class. CTM computes this head
   * only inside its training loss and offers no method for it.
   */
  async predictLabels(documents, options) {
    const { embeddings, nSamples } = withDefaults(options, { embeddings: undefined, nSamples: 20 }, 'CTM.predictLabels');
    const core = this.#fitted();
    if (!core.options().labelSize) throw new Error('predictLabels needs a model with a label head: train it with labelSize > 0 and fit(docs, {labels})');
    const thetas = await this.transform(documents, { embeddings, nSamples });
    return this.labelProbabilities(thetas);
  }

  /** The label head on given thetas (rows of nComponents): {labels, probabilities}. */
  labelProbabilities(thetas) {
    const core = this.#fitted();
    const k = this.#options.nComponents;
    if (!Array.isArray(thetas) || thetas.some((row) => row?.length !== k)) throw new TypeError(`thetas must be an array of rows of ${k} topic shares`);
    const flat = new Float32Array(thetas.length * k);
    thetas.forEach((row, i) => flat.set(row, i * k));
    const probabilities = rows(core.labelProbabilities(flat, thetas.length));
    return { labels: CTM.predictedTopics(probabilities), probabilities };
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
    model.#options = { ...CTM_DEFAULTS, ...core.options() }; // what it was trained with (solver, epochs, ...)
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
