// Kitty: CTM's human-in-the-loop document classifier (contextualized_topic_models.models.kitty_classifier).
// Train a topic model, look at the topics, name the ones you care about, then classify documents by
// their most likely topic; topics left unnamed map to a default class.
import { CTM } from './ctm.js';
import { WhiteSpacePreprocessingStopwords } from './preprocessing.js';
import { withDefaults } from '../engine/options.js';
import { analyze } from '../model/analyze.js';
import { createEmbedder } from '../embedding/create.js';
import { toMatrix } from '../engine/embeddings.js';
import { readZip, writeZip } from '../files/zip.js';

// Kitty's own defaults (CTM 2.6's kitty_classifier.py: Kitty.train(topics=10, epochs=10,
// hidden_sizes=(100, 100), dropout=0.2, activation='softplus', max_words=2000, batch_size=2) on a
// ZeroShotTM); every other CTM option keeps CTM's default.
export const KITTY_DEFAULTS = Object.freeze({ modelType: 'zeroshot', numEpochs: 10, batchSize: 2, hiddenSizes: [100, 100], dropout: 0.2, activation: 'softplus' });

// save()'s bundle: a zip of Kitty's state (kitty.json) and the CTM (ctm.safetensors, CTM.save()).
const STATE = 'kitty.json';
const MODEL = 'ctm.safetensors';
const FORMAT = 'topicwasm-kitty-1';
const MiB = 2 ** 20;
const LIMITS = { [STATE]: 64 * MiB, [MODEL]: 2048 * MiB };

export class Kitty {
  #ctm = null;
  #classes = new Map();
  #otherClass;
  #embeddingModel;
  #embedder = null;
  #vocabulary = [];

  /**
   * ctmOptions: CTM options, Kitty's defaults (KITTY_DEFAULTS: ZeroShotTM, 10 epochs, batches of
   * 2) unless given; otherClass: the default class name; embeddingModel: what embeds documents
   * given without embeddings ('int8' built-in MiniLM, 'fp32', 'static', or Embedder options; CTM's
   * Kitty takes an embedding_model name).
   */
  constructor({ otherClass = 'other', embeddingModel = 'int8', ...ctmOptions } = {}) {
    this.#otherClass = String(otherClass);
    this.#embeddingModel = embeddingModel;
    this.ctmOptions = { ...structuredClone(KITTY_DEFAULTS), ...ctmOptions };
    new CTM(this.ctmOptions); // validates the options now
  }

  async #embed(texts) {
    const model = this.#embeddingModel;
    this.#embedder ??= await createEmbedder(typeof model === 'string' ? { model } : model);
    return this.#embedder.embed(texts);
  }

  /**
   * Trains the underlying CTM with nTopics topics, as CTM's Kitty.train: the documents go through
   * WhiteSpacePreprocessingStopwords(stopwordsList, vocabularySize = maxWords); the preprocessed
   * ones make the bag of words, the unpreprocessed ones are embedded (with embeddingModel unless
   * `embeddings`, one row per given document, are passed: the retained rows are used).
   * Documents left without a word are dropped, as the preprocessing drops them (here also those
   * whose words are all scikit-learn English stop words, which our CTM's vectorizer removes).
   * CTM's train arguments epochs, hiddenSizes, dropout, activation and batchSize default to the
   * constructor's options (Kitty's defaults unless given there).
   */
  async train(documents, options) {
    const o = this.ctmOptions;
    const { embeddings, nTopics, stopwordsList, maxWords, epochs, hiddenSizes, dropout, activation, batchSize, onProgress } = withDefaults(options,
      { embeddings: undefined, nTopics: 10, stopwordsList: null, maxWords: 2000, epochs: o.numEpochs, hiddenSizes: o.hiddenSizes, dropout: o.dropout, activation: o.activation, batchSize: o.batchSize, onProgress: undefined }, 'Kitty.train');
    const ctm = new CTM({ ...o, nComponents: nTopics, numEpochs: epochs, hiddenSizes, dropout, activation, batchSize });
    const [preprocessed, unpreprocessed, vocabulary, retained] = new WhiteSpacePreprocessingStopwords(documents, { stopwordsList, vocabularySize: maxWords }).preprocess();
    const keep = [];
    for (let k = 0; k < preprocessed.length; ++k) if ((await analyze(preprocessed[k], { stopWords: 'english' })).length) keep.push(k);
    if (keep.length === 0) throw new Error('Kitty.train: no document keeps a word after preprocessing');
    let rows;
    if (embeddings === undefined) {
      rows = await this.#embed(keep.map((k) => unpreprocessed[k]));
    } else {
      const { data, cols: d } = toMatrix(embeddings, documents.length);
      rows = new Float32Array(keep.length * d);
      keep.forEach((k, r) => rows.set(data.subarray(retained[k] * d, (retained[k] + 1) * d), r * d));
    }
    await ctm.fit(keep.map((k) => preprocessed[k]), { embeddings: rows, onProgress });
    this.#ctm?.free();
    this.#ctm = ctm;
    this.#classes.clear();
    this.#vocabulary = vocabulary;
    return this;
  }

  /** The vocabulary of train's preprocessing (WhiteSpacePreprocessingStopwords; CTM keeps it as Kitty.qt.vocab). */
  get vocabulary() {
    return [...this.#vocabulary];
  }

  /** The trained CTM (CTM's Kitty.ctm): its topics, thetas, figures. */
  get ctm() {
    return this.#trained();
  }

  #trained() {
    if (!this.#ctm) throw new Error('Kitty is not trained yet: call train first');
    return this.#ctm;
  }

  /** CTM's get_word_classes(number_of_words=5): the top words of each topic (the classes to name). */
  getWordClasses(numberOfWords = 5) {
    return this.#trained().getTopicLists(numberOfWords);
  }

  /** "topic id<TAB>top words" lines to help name the topics (CTM's pretty_print_word_classes: 5 words). */
  prettyPrintWordClasses(numberOfWords = 5) {
    return this.getWordClasses(numberOfWords).map((words, i) => `${i}\t${words.join(', ')}`).join('\n');
  }

  /** Names topics: {topicId: 'class name'}; unnamed topics predict the default class. */
  assignClasses(mapping) {
    const k = this.#trained().getTopicLists(1).length;
    const next = new Map();
    for (const [id, name] of Object.entries(mapping)) {
      const topic = Number(id);
      if (!Number.isInteger(topic) || topic < 0 || topic >= k) throw new Error(`assignClasses: there is no topic ${id} (topics are 0 to ${k - 1})`);
      if (typeof name !== 'string' || !name) throw new Error(`assignClasses: the name of topic ${id} must be a non-empty string`);
      next.set(topic, name);
    }
    this.#classes = next;
  }

  /**
   * {topicId: class} for every topic, unnamed ones the default class ({} before train), as CTM's
   * assigned_classes; assigning it is assignClasses (CTM users write kt.assigned_classes = {...}).
   */
  get assignedClasses() {
    if (!this.#ctm) return {};
    const k = this.#ctm.getTopicLists(1).length;
    return Object.fromEntries(Array.from({ length: k }, (_, t) => [t, this.#classes.get(t) ?? this.#otherClass]));
  }

  set assignedClasses(mapping) {
    this.assignClasses(mapping);
  }

  /** CTM's get_raw_class_topic_distribution: each document's topic distribution (embedded here unless given). */
  async getRawClassTopicDistribution(documents, options) {
    let { embeddings } = withDefaults(options, { embeddings: undefined }, 'Kitty.getRawClassTopicDistribution');
    const ctm = this.#trained();
    embeddings ??= await this.#embed(documents);
    return ctm.transform(documents, { embeddings });
  }

  /** The class of each document: its most likely topic's name, or the default class. */
  async predict(documents, options) {
    const { embeddings } = withDefaults(options, { embeddings: undefined }, 'Kitty.predict');
    const theta = await this.getRawClassTopicDistribution(documents, { embeddings });
    return [...CTM.predictedTopics(theta)].map((t) => this.#classes.get(t) ?? this.#otherClass);
  }

  /**
   * Kitty's state as bytes (CTM's Kitty.save pickles the object): a zip of kitty.json (the named
   * classes, the default class, the embedding model, the CTM options, train's preprocessing
   * vocabulary) and ctm.safetensors (CTM.save()). Kitty.load(bytes) reads it back.
   */
  save() {
    const ctm = this.#trained();
    if (typeof this.#embeddingModel !== 'string' && !isPlainData(this.#embeddingModel)) {
      throw new TypeError('Kitty.save: the embeddingModel option must be a name or plain options to be saved');
    }
    const state = {
      format: FORMAT,
      otherClass: this.#otherClass,
      classes: Object.fromEntries(this.#classes),
      embeddingModel: this.#embeddingModel,
      ctmOptions: this.ctmOptions,
      vocabulary: this.#vocabulary,
    };
    return writeZip({ [STATE]: new TextEncoder().encode(JSON.stringify(state)), [MODEL]: ctm.save() });
  }

  /** A Kitty from save()'s bytes; a clear Error for anything else. */
  static async load(bytes) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('Kitty.load needs the Uint8Array that Kitty.save() returned');
    const files = await readZip(bytes, LIMITS);
    if (!files[STATE] || !files[MODEL]) throw new Error(`Kitty.load: not a saved Kitty (needs ${STATE} and ${MODEL})`);
    let state;
    try {
      state = JSON.parse(new TextDecoder().decode(files[STATE]));
    } catch (e) {
      throw new Error(`Kitty.load: ${STATE} is not valid JSON (${e.message})`);
    }
    if (state?.format !== FORMAT) throw new Error(`Kitty.load: ${STATE} is not a ${FORMAT} file`);
    const kitty = new Kitty({ otherClass: state.otherClass, embeddingModel: state.embeddingModel, ...state.ctmOptions });
    const ctm = await CTM.load(files[MODEL]);
    kitty.#ctm = ctm;
    kitty.#vocabulary = Array.isArray(state.vocabulary) ? state.vocabulary.map(String) : [];
    try {
      kitty.assignClasses(state.classes ?? {});
    } catch (e) {
      kitty.free();
      throw new Error(`Kitty.load: ${e.message}`);
    }
    return kitty;
  }

  free() {
    this.#ctm?.free();
    this.#ctm = null;
  }
}

function isPlainData(value) {
  try {
    return JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value) && value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}
