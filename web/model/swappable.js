// BERTopic's swappable objects as its users write them: new CountVectorizer({...}),
// new OnlineCountVectorizer({...}), new ClassTfidfTransformer({...}). They are accepted wherever
// the option objects are (TopicModel's vectorizerModel / ctfidfModel, updateTopics), and a
// TopicModel that fits with them binds them, as scikit-learn objects are fitted in place: the
// vectorizer then reads the model's vocabulary (getFeatureNamesOut) and makes bags of words
// (transform). The engine does the work; these objects only carry options and read it.
import {
  CTFIDF_DEFAULTS, ONLINE_VECTORIZER_DEFAULTS, OPTIONS_OF, VECTORIZER_DEFAULTS, ctfidfOptions, topicVectorizerOptions, vectorizerOptions,
} from '../engine/options.js';

const BIND = Symbol('topicwasm.bind');

// Options as the user gave them (checked now, so that a bad option fails at construction).
function given(options, check) {
  const plain = options ?? {};
  check(plain);
  return structuredClone(plain);
}

class Vectorizer {
  #options;
  #fitted = null; // {vocabulary: () => string[] | null, analyze: (text) => string[]} once a TopicModel fitted it

  constructor(options, check) {
    this.#options = given(options, check);
  }

  [OPTIONS_OF]() {
    return structuredClone(this.#options);
  }

  // TopicModel: from now on the vocabulary is that model's (it follows refits and updates).
  [BIND](fitted) {
    this.#fitted = fitted;
  }

  /** scikit-learn's get_params(): the options with their defaults. */
  getParams() {
    return { ...this.defaults, ...structuredClone(this.#options) };
  }

  #vocabulary() {
    const vocabulary = this.#fitted?.vocabulary();
    if (!vocabulary) throw new Error(`this ${this.constructor.name} is not fitted yet: pass it to a TopicModel (vectorizerModel) and fit`);
    return vocabulary;
  }

  /** The fitted vocabulary, in column order (scikit-learn's get_feature_names_out()). */
  getFeatureNamesOut() {
    return this.#vocabulary();
  }

  /** {term: column} (scikit-learn's vocabulary_). */
  get vocabulary_() {
    return Object.fromEntries(this.#vocabulary().map((term, column) => [term, column]));
  }

  /**
   * The bag of words of `documents` over the fitted vocabulary (scikit-learn's transform), as a
   * CSR matrix {rows, cols, indptr: Int32Array, indices: Int32Array, data: Float64Array}.
   */
  transform(documents) {
    if (!Array.isArray(documents) || documents.some((d) => typeof d !== 'string')) throw new TypeError('transform: documents must be an array of strings');
    const vocabulary = this.#vocabulary();
    const column = new Map(vocabulary.map((term, c) => [term, c]));
    const indptr = new Int32Array(documents.length + 1);
    const indices = [];
    const data = [];
    documents.forEach((text, r) => {
      const counts = new Map();
      for (const term of this.#fitted.analyze(text)) {
        const c = column.get(term);
        if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      for (const c of [...counts.keys()].sort((a, b) => a - b)) indices.push(c), data.push(counts.get(c));
      indptr[r + 1] = indices.length;
    });
    return { rows: documents.length, cols: vocabulary.length, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
  }
}

/** scikit-learn's CountVectorizer (the options of VECTORIZER_DEFAULTS). */
export class CountVectorizer extends Vectorizer {
  constructor(options) {
    super(options, vectorizerOptions);
  }

  get defaults() { return VECTORIZER_DEFAULTS; }
}

/**
 * BERTopic's OnlineCountVectorizer(decay, delete_min_df, **CountVectorizer options): a
 * CountVectorizer for partialFit (online: true is implied).
 */
export class OnlineCountVectorizer extends Vectorizer {
  constructor(options) {
    super(options, (o) => {
      if (o !== null && typeof o === 'object' && 'online' in o) throw new Error('OnlineCountVectorizer: online is implied; leave it out');
      topicVectorizerOptions({ ...o, online: true });
    });
  }

  [OPTIONS_OF]() {
    return { ...super[OPTIONS_OF](), online: true };
  }

  get defaults() { return { ...VECTORIZER_DEFAULTS, ...ONLINE_VECTORIZER_DEFAULTS, online: true }; }
}

/** BERTopic's ClassTfidfTransformer (the options of CTFIDF_DEFAULTS). */
export class ClassTfidfTransformer {
  #options;

  constructor(options) {
    this.#options = given(options, ctfidfOptions);
  }

  [OPTIONS_OF]() {
    return structuredClone(this.#options);
  }

  getParams() {
    return { ...CTFIDF_DEFAULTS, ...structuredClone(this.#options) };
  }
}

/** TopicModel: binds the user's vectorizer object (if any) to what the model fitted. */
export function bindVectorizer(object, fitted) {
  if (object instanceof Vectorizer) object[BIND](fitted);
}

/** Whether `value` is one of these objects (kept as is in TopicModel.options). */
export const isSwappable = (value) => value instanceof Vectorizer || value instanceof ClassTfidfTransformer;
