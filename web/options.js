// Option objects: defaults (BERTopic's / scikit-learn's), unknown names rejected, types checked.
// What reaches the engine is always complete and well-typed; the engine still checks values.

/** CountVectorizer options (scikit-learn's defaults, which BERTopic uses). */
export const VECTORIZER_DEFAULTS = Object.freeze({
  lowercase: true,
  stopWords: null, // null | 'english' | string[]
  ngramRange: [1, 1],
  minDf: 1, // integer >= 1: a document count; a number in [0, 1): a fraction of the documents
  maxDf: 1.0, // 1 or a number in (0, 1): a fraction; an integer >= 2: a document count
  maxFeatures: null,
  vocabulary: null, // a fixed vocabulary (string[]): feature i is vocabulary[i]
});

/** ClassTfidfTransformer options (BERTopic's defaults). */
export const CTFIDF_DEFAULTS = Object.freeze({
  bm25Weighting: false,
  reduceFrequentWords: false,
});

/** TopicModel options (BERTopic's defaults where BERTopic has the option). */
export const TOPIC_MODEL_DEFAULTS = Object.freeze({
  language: 'english',
  topNWords: 10,
  minTopicSize: 10,
  seed: 42,
  vectorizerModel: VECTORIZER_DEFAULTS,
  ctfidfModel: CTFIDF_DEFAULTS,
});

const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** Fills defaults and rejects unknown names: throws Error naming the option. */
export function withDefaults(given, defaults, what) {
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new Error(`${what} must be an object, got ${describe(given)}`);
  }
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(`unknown ${what} option "${key}" (known: ${Object.keys(defaults).join(', ')})`);
    }
  }
  const out = { ...defaults };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out;
}

function checkInteger(value, name, min, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
}

function checkBoolean(value, name) {
  if (typeof value !== 'boolean') throw new Error(`${name} must be true or false, got ${describe(value)}`);
}

function checkStrings(value, name) {
  if (!Array.isArray(value) || value.some((w) => typeof w !== 'string')) {
    throw new Error(`${name} must be an array of strings`);
  }
}

// scikit-learn tells counts from fractions by int vs float; JavaScript cannot, so integers >= 1 are
// counts for minDf, and maxDf = 1 means "all documents" (the default 1.0).
function documentFrequency(value, name) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  if (name === 'maxDf' && value === 1) return { value: 1, fraction: true };
  if (Number.isInteger(value) && value >= 1) return { value, fraction: false };
  if (value >= 1) throw new Error(`${name} must be an integer count or a fraction below 1, got ${value}`);
  return { value, fraction: true };
}

/** Checked vectorizer options in the engine's shape. */
export function vectorizerOptions(given) {
  const o = withDefaults(given, VECTORIZER_DEFAULTS, 'vectorizerModel');
  checkBoolean(o.lowercase, 'vectorizerModel.lowercase');
  if (o.stopWords !== null && o.stopWords !== 'english') checkStrings(o.stopWords, 'vectorizerModel.stopWords');
  const range = o.ngramRange;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isInteger) || range[0] < 1 || range[0] > range[1]) {
    throw new Error(`vectorizerModel.ngramRange must be [min, max] with 1 <= min <= max, got ${JSON.stringify(range)}`);
  }
  const minDf = documentFrequency(o.minDf, 'minDf');
  const maxDf = documentFrequency(o.maxDf, 'maxDf');
  if (minDf.fraction === maxDf.fraction && minDf.value > maxDf.value) {
    throw new Error(`minDf (${o.minDf}) must not exceed maxDf (${o.maxDf})`);
  }
  if (o.maxFeatures !== null) checkInteger(o.maxFeatures, 'vectorizerModel.maxFeatures', 1);
  if (o.vocabulary !== null) checkStrings(o.vocabulary, 'vectorizerModel.vocabulary');
  return { ...o, ngramRange: [...range], minDf, maxDf };
}

/** Checked c-TF-IDF options. */
export function ctfidfOptions(given) {
  const o = withDefaults(given, CTFIDF_DEFAULTS, 'ctfidfModel');
  checkBoolean(o.bm25Weighting, 'ctfidfModel.bm25Weighting');
  checkBoolean(o.reduceFrequentWords, 'ctfidfModel.reduceFrequentWords');
  return o;
}

/** Checked TopicModel options in the engine's shape. */
export function topicModelOptions(given) {
  const o = withDefaults(given, TOPIC_MODEL_DEFAULTS, 'TopicModel');
  if (typeof o.language !== 'string') throw new Error(`language must be a string, got ${describe(o.language)}`);
  checkInteger(o.topNWords, 'topNWords', 1, 100);
  checkInteger(o.minTopicSize, 'minTopicSize', 2);
  checkInteger(o.seed, 'seed', 0, 2 ** 52);
  return { ...o, vectorizerModel: vectorizerOptions(o.vectorizerModel), ctfidfModel: ctfidfOptions(o.ctfidfModel) };
}
