// Kitty: CTM's human-in-the-loop document classifier (contextualized_topic_models.models.kitty_classifier).
// Train a topic model, look at the topics, name the ones you care about, then classify documents by
// their most likely topic; topics left unnamed map to a default class.
import { CTM } from './ctm.js';
import { withDefaults } from '../engine/options.js';

export class Kitty {
  #ctm = null;
  #classes = new Map();
  #otherClass;

  /** ctmOptions: CTM options (default ZeroShotTM, as Kitty); otherClass: the default class name. */
  constructor({ otherClass = 'other', ...ctmOptions } = {}) {
    this.#otherClass = String(otherClass);
    this.ctmOptions = { modelType: 'zeroshot', ...ctmOptions };
    new CTM(this.ctmOptions); // validates the options now
  }

  /** Trains the underlying CTM with nTopics topics. */
  async train(documents, options) {
    const { embeddings, nTopics, onProgress } = withDefaults(options, { embeddings: undefined, nTopics: 10, onProgress: undefined }, 'Kitty.train');
    const ctm = new CTM({ ...this.ctmOptions, nComponents: nTopics });
    await ctm.fit(documents, { embeddings, onProgress });
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

  get assignedClasses() {
    return Object.fromEntries(this.#classes);
  }

  /** The class of each document: its most likely topic's name, or the default class. */
  async predict(documents, options) {
    const { embeddings } = withDefaults(options, { embeddings: undefined }, 'Kitty.predict');
    const theta = await this.#trained().transform(documents, { embeddings });
    return [...CTM.predictedTopics(theta)].map((t) => this.#classes.get(t) ?? this.#otherClass);
  }

  free() {
    this.#ctm?.free();
    this.#ctm = null;
  }
}
