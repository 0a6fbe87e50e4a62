// BERTopic's swappable objects as its users write them: new CountVectorizer({...}),
// new OnlineCountVectorizer({...}), new ClassTfidfTransformer({...}). They are accepted wherever
// the option objects are (TopicModel's vectorizerModel / ctfidfModel, updateTopics), and a
// TopicModel that fits with them binds them, as scikit-learn objects are fitted in place: the
// vectorizer then reads the model's vocabulary (getFeatureNamesOut) and makes bags of words
// (transform). The engine does the work; these objects only carry options and read it. On their
// own they also work as scikit-learn's do: a vectorizer's fit(documents) learns a vocabulary with
// the engine's analyzer, and ClassTfidfTransformer's fit(X) / transform(X) weigh its bag of words.
import {
  CTFIDF_DEFAULTS, ONLINE_VECTORIZER_DEFAULTS, OPTIONS_OF, VECTORIZER_DEFAULTS, cloneOptions, ctfidfOptions, plainVectorizerOptions, topicVectorizerOptions,
  vectorizerOptions,
} from '../engine/options.js';
import { loadEngine } from '../engine/module.js';
import { fitVocabulary } from './vocabulary.js';

const BIND = Symbol('topicwasm.bind');
const FITTED = Symbol('topicwasm.fitted');

// Options as the user gave them (checked now, so that a bad option fails at construction).
function given(options, check) {
  const plain = options ?? {};
  check(plain);
  return cloneOptions(plain);
}

class Vectorizer {
  #options;
  #fitted = null; // {vocabulary: () => string[] | null, analyze: (text) => string[]} once a TopicModel fitted it

  constructor(options, check) {
    this.#options = given(options, check);
  }

  /**
   * scikit-learn's fit: learns the vocabulary of `documents` (the engine's analyzer; minDf / maxDf /
   * maxFeatures / vocabulary as scikit-learn). A TopicModel that later fits with this object makes
   * it read that model's vocabulary instead. Resolves to this object.
   */
  async fit(documents) {
    checkTexts(documents, 'fit');
    const engine = await loadEngine();
    const analyzer = plainVectorizerOptions(this);
    const analyze = (text) => engine.analyze(text, analyzer);
    // minDf / maxDf: {value, fraction} (a share of the documents, or a count)
    const count = ({ value, fraction }) => (fraction ? value * documents.length : value);
    const { minDf, maxDf, maxFeatures, vocabulary: fixed } = analyzer;
    const vocabulary = fitVocabulary(documents.map(analyze), { minDocs: count(minDf), maxDocs: count(maxDf), maxFeatures, vocabulary: fixed });
    this.#fitted = { vocabulary: () => vocabulary, analyze };
    return this;
  }

  [OPTIONS_OF]() {
    return cloneOptions(this.#options);
  }

  // TopicModel: from now on the vocabulary is that model's (it follows refits and updates).
  [BIND](fitted) {
    this.#fitted = fitted;
  }

  // What the TopicModel bound (or fit learned), for the subclasses.
  [FITTED]() {
    return this.#fitted;
  }

  /** scikit-learn's get_params(): the options with their defaults. */
  getParams() {
    return { ...this.defaults, ...cloneOptions(this.#options) };
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
    checkTexts(documents, 'transform');
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
    return new SparseMatrix(documents.length, vocabulary.length, indptr, Int32Array.from(indices), Float64Array.from(data));
  }
}

function checkTexts(documents, what) {
  if (!Array.isArray(documents) || documents.some((d) => typeof d !== 'string')) throw new TypeError(`${what}: documents must be an array of strings`);
}

/** A CSR sparse matrix (scipy's csr_matrix): row r's columns indices[indptr[r]..indptr[r + 1]), values data. */
export class SparseMatrix {
  constructor(rows, cols, indptr, indices, data) {
    Object.assign(this, { rows, cols, indptr, indices, data });
  }

  /** [rows, cols], as scipy's shape. */
  get shape() {
    return [this.rows, this.cols];
  }

  /** The dense matrix: an array of rows (scipy's toarray()). */
  toArray() {
    return Array.from({ length: this.rows }, (_, r) => {
      const row = new Array(this.cols).fill(0);
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; ++p) row[this.indices[p]] = this.data[p];
      return row;
    });
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
  #deleteMinDf;

  constructor(options) {
    super(options, (o) => {
      if (o !== null && typeof o === 'object' && 'online' in o) throw new Error('OnlineCountVectorizer: online is implied; leave it out');
      topicVectorizerOptions({ ...o, online: true });
    });
    this.#deleteMinDf = options?.deleteMinDf ?? null;
  }

  /** BERTopic's delete_min_df, settable as its attribute is (cleanBow uses it; a new model takes it). */
  get deleteMinDf() { return this.#deleteMinDf; }
  set deleteMinDf(value) {
    topicVectorizerOptions({ online: true, deleteMinDf: value });
    this.#deleteMinDf = value;
  }

  #online() {
    const online = this[FITTED]()?.online;
    if (!online) throw new Error('this OnlineCountVectorizer has no bag of words yet: pass it to a TopicModel (vectorizerModel) and partialFit');
    return online;
  }

  /**
   * BERTopic's X_: the decayed bag of words partialFit accumulated, one row per topic (ascending
   * id) over this vectorizer's vocabulary, as a SparseMatrix.
   */
  get X_() {
    const { rows, cols, indptr, indices, data } = this.#online().bow();
    return new SparseMatrix(rows, cols, indptr, indices, data);
  }

  /**
   * BERTopic's _clean_bow: drops the terms whose total in X_ is below deleteMinDf from X_ and the
   * vocabulary the next partialFit batch starts from (the topics' words stay until then).
   */
  cleanBow() {
    if (this.#deleteMinDf === null) throw new Error('cleanBow needs deleteMinDf (a number >= 0)');
    this.#online().clean(this.#deleteMinDf);
  }

  [OPTIONS_OF]() {
    return { ...super[OPTIONS_OF](), deleteMinDf: this.#deleteMinDf, online: true };
  }

  get defaults() { return { ...VECTORIZER_DEFAULTS, ...ONLINE_VECTORIZER_DEFAULTS, online: true }; }
}

/** BERTopic's ClassTfidfTransformer (the options of CTFIDF_DEFAULTS). */
export class ClassTfidfTransformer {
  #options;
  #idf = null;

  constructor(options) {
    this.#options = given(options, ctfidfOptions);
  }

  [OPTIONS_OF]() {
    return cloneOptions(this.#options);
  }

  getParams() {
    return { ...CTFIDF_DEFAULTS, ...cloneOptions(this.#options) };
  }

  /**
   * BERTopic's fit(X, multiplier): the idf of a bag of words with one row per class (a
   * vectorizer's transform), log(1 + mean words per class / word frequency), or with bm25Weighting
   * log(1 + (mean - frequency + 0.5) / (frequency + 0.5)), times multiplier[column] if given
   * (BERTopic passes seedMultiplier for its seed words). Returns this.
   */
  fit(X, multiplier = null) {
    checkSparse(X, 'fit');
    if (multiplier !== null && multiplier?.length !== X.cols) throw new TypeError(`fit: multiplier must have one number per column (${X.cols})`);
    const frequency = new Float64Array(X.cols);
    let total = 0;
    for (let p = 0; p < X.indptr[X.rows]; ++p) frequency[X.indices[p]] += X.data[p], total += X.data[p];
    const mean = Math.trunc(total / X.rows); // int(X.sum(axis=1).mean())
    const bm25 = this.getParams().bm25Weighting;
    this.#idf = Float64Array.from(frequency, (f, j) => (bm25 ? Math.log(1 + (mean - f + 0.5) / (f + 0.5)) : Math.log(mean / f + 1)) * (multiplier ? multiplier[j] : 1));
    return this;
  }

  /** BERTopic's transform(X): each row L1-normalised (square-rooted with reduceFrequentWords), times the idf. */
  transform(X) {
    checkSparse(X, 'transform');
    const idf = this.#idf;
    if (!idf) throw new Error('this ClassTfidfTransformer is not fitted yet: call fit(X) first');
    if (X.cols !== idf.length) throw new Error(`transform: X has ${X.cols} columns, the fitted idf ${idf.length}`);
    const root = this.getParams().reduceFrequentWords;
    const data = new Float64Array(X.data.length);
    for (let r = 0; r < X.rows; ++r) {
      let sum = 0;
      for (let p = X.indptr[r]; p < X.indptr[r + 1]; ++p) sum += Math.abs(X.data[p]);
      for (let p = X.indptr[r]; p < X.indptr[r + 1]; ++p) {
        const share = sum ? X.data[p] / sum : 0;
        data[p] = (root ? Math.sqrt(share) : share) * idf[X.indices[p]];
      }
    }
    return new SparseMatrix(X.rows, X.cols, Int32Array.from(X.indptr), Int32Array.from(X.indices), data);
  }
}

function checkSparse(X, what) {
  const ok = X !== null && typeof X === 'object' && Number.isInteger(X.rows) && Number.isInteger(X.cols) && X.indptr?.length === X.rows + 1;
  if (!ok) throw new TypeError(`${what}: X must be a CSR matrix {rows, cols, indptr, indices, data} (a vectorizer's transform)`);
}

/**
 * TopicModel: binds the user's vectorizer object to what the model fitted; core() the model's
 * current engine model (it follows refits and updates). An online model's OnlineCountVectorizer
 * (its vocabulary, X_ and _clean_bow) is the engine's.
 */
export function bindVectorizer(object, core, engine) {
  if (!(object instanceof Vectorizer)) return;
  const analyzer = plainVectorizerOptions(object);
  const online = core()?.isOnline();
  object[BIND]({
    vocabulary: () => (!core()?.fitted() ? null : online ? core().onlineVocabulary() : core().vocabulary()),
    analyze: (text) => engine.analyze(text, analyzer),
    online: online ? { bow: () => core().onlineBagOfWords(), clean: (minDf) => core().cleanOnlineBow(minDf) } : null,
  });
}

/** A new CountVectorizer / OnlineCountVectorizer from TopicModel's checked vectorizerModel options. */
export function vectorizerFromOptions({ online, decay, deleteMinDf, ...options }) {
  return online ? new OnlineCountVectorizer({ ...options, decay, deleteMinDf }) : new CountVectorizer(options);
}

/** Whether `value` is one of these objects (kept as is in TopicModel.options). */
export const isSwappable = (value) => value instanceof Vectorizer || value instanceof ClassTfidfTransformer;
