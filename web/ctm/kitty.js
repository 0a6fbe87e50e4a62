// Kitty: CTM's human-in-the-loop document classifier (contextualized_topic_models.models.kitty_classifier).
// Train a topic model, look at the topics, name the ones you care about, then classify documents by
// their most likely topic; topics left unnamed map to a default class.
import { CTM } from './ctm.js';
import { WhiteSpacePreprocessingStopwords } from './preprocessing.js';
import { withDefaults } from '../engine/options.js';
import { analyze } from '../model/analyze.js';
import { createEmbedder } from '../embedding/create.js';
import { toMatrix } from '../engine/embeddings.js';

export class Kitty {
  #ctm = null;
  #classes = new Map();
  #otherClass;
  #embeddingModel;
  #embedder = null;

  /**
   * ctmOptions: CTM options (default ZeroShotTM, as Kitty); otherClass: the default class name;
   * embeddingModel: what embeds documents given without embeddings ('int8' built-in MiniLM,
   * 'fp32', 'static', or Embedder options; CTM's Kitty takes an embedding_model name).
   */
  constructor({ otherClass = 'other', embeddingModel = 'int8', ...ctmOptions } = {}) {
    this.#otherClass = String(otherClass);
    this.#embeddingModel = embeddingModel;
    this.ctmOptions = { modelType: 'zeroshot', ...ctmOptions };
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
   */
  async train(documents, options) {
    const { embeddings, nTopics, stopwordsList, maxWords, onProgress } = withDefaults(options,
      { embeddings: undefined, nTopics: 10, stopwordsList: null, maxWords: 2000, onProgress: undefined }, 'Kitty.train');
    const [preprocessed, unpreprocessed, , retained] = new WhiteSpacePreprocessingStopwords(documents, { stopwordsList, vocabularySize: maxWords }).preprocess();
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
    const ctm = new CTM({ ...this.ctmOptions, nComponents: nTopics });
    await ctm.fit(keep.map((k) => preprocessed[k]), { embeddings: rows, onProgress });
    this.#ctm?.free();
    this.#ctm = ctm;
    this.#classes.clear();
    return this;
  }

  #trained() {
    if (!this.#ctm) throw new Error('Kitty is not trained yet: call train first');
    return this.#ctm;
  }

  /** "topic id: top words" lines to help name the topics. */
  prettyPrintWordClasses(k = 10) {
    return this.#trained().getTopicLists(k).map((words, i) => `${i}\t${words.join(', ')}`).join('\n');
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

  /** The class of each document: its most likely topic's name, or the default class. */
  async predict(documents, options) {
    let { embeddings } = withDefaults(options, { embeddings: undefined }, 'Kitty.predict');
    const ctm = this.#trained();
    embeddings ??= await this.#embed(documents);
    const theta = await ctm.transform(documents, { embeddings });
    return [...CTM.predictedTopics(theta)].map((t) => this.#classes.get(t) ?? this.#otherClass);
  }

  free() {
    this.#ctm?.free();
    this.#ctm = null;
  }
}
