// Option objects: defaults (BERTopic's / scikit-learn's), unknown names rejected, types checked.
// What reaches the engine is always complete and well-typed; the engine still checks values.
// A value of the wrong type (a string for a number, 1.5 for an integer, a number for a list)
// throws TypeError, as Python's check_documents_type / int checks raise TypeError; a value of the
// right type that is out of range or not one of the choices throws Error. Unknown option names
// throw Error (a misspelling, not a type).

/** CountVectorizer options (scikit-learn's defaults, which BERTopic uses). */
export const VECTORIZER_DEFAULTS = Object.freeze({
  lowercase: true,
  stopWords: null, // null | 'english' | string[]
  ngramRange: [1, 1],
  minDf: 1, // integer >= 1: a document count; a number in [0, 1): a fraction of the documents
  maxDf: 1.0, // 1 or a number in (0, 1): a fraction; an integer >= 2: a document count
  maxFeatures: null,
  vocabulary: null, // a fixed vocabulary (string[]): feature i is vocabulary[i]
  // scikit-learn's tokenizer=: a function (text) => string[] in place of the token pattern (e.g. a
  // jieba-style segmenter for Chinese); it gets the text after lowercasing and runs synchronously.
  tokenizer: null,
});

/** ClassTfidfTransformer options (BERTopic's defaults). */
export const CTFIDF_DEFAULTS = Object.freeze({
  bm25Weighting: false,
  reduceFrequentWords: false,
  seedWords: null, // words whose idf is multiplied by seedMultiplier (e.g. domain words)
  seedMultiplier: 2,
});

/** UMAP options: BERTopic's UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric='cosine'). */
export const UMAP_DEFAULTS = Object.freeze({
  nNeighbors: 15,
  nComponents: 5,
  minDist: 0.0,
  spread: 1.0,
  metric: 'cosine', // 'cosine' | 'euclidean'
  // 'fast': 200 epochs, block-parallel SGD (scales with threads; trustworthiness within 0.01 of
  // 'faithful'). 'faithful': umap-learn's epochs (500 up to 10,000 points) and serial update order.
  // Both are deterministic for any thread count. 'faithful' stays the default: 'fast' finds fewer
  // topics on Brown (254 vs 269, NMI 0.402 vs 0.411), outside the spread of 3 seeds.
  schedule: 'faithful',
  nEpochs: null, // null: the schedule's choice ('fast' 200; 'faithful' 500 up to 10,000 points, else 200)
  learningRate: 1.0,
  negativeSampleRate: 5,
  localConnectivity: 1.0,
  setOpMixRatio: 1.0,
  init: 'spectral', // 'spectral' | 'random'
});

/** HDBSCAN options: BERTopic's HDBSCAN(min_cluster_size=minTopicSize, metric='euclidean', 'eom'). */
export const HDBSCAN_DEFAULTS = Object.freeze({
  minClusterSize: null, // null: the model's minTopicSize
  minSamples: null, // null: minClusterSize
  clusterSelectionMethod: 'eom', // 'eom' | 'leaf'
  clusterSelectionEpsilon: 0.0,
  allowSingleCluster: false,
  approxMinSpanTree: true, // hdbscan's default: Boruvka keeps its bounds between rounds
});

/** k-means options (scikit-learn's KMeans defaults; n_init 1 as its current 'auto'). */
export const KMEANS_DEFAULTS = Object.freeze({
  nClusters: 8,
  nInit: 1,
  maxIter: 300,
});

/**
 * clusterModel 'logisticRegression' (supervised topic modeling, BERTopic's
 * hdbscan_model=LogisticRegression()): scikit-learn's LogisticRegression(C=1.0, max_iter=100),
 * multinomial with an L2 penalty on the weights (web/model/logistic_regression.js).
 */
export const LOGISTIC_REGRESSION_DEFAULTS = Object.freeze({
  C: 1.0,
  maxIter: 100,
});

/**
 * MiniBatchKMeans options for partialFit (scikit-learn's defaults; BERTopic's online example uses
 * MiniBatchKMeans(n_clusters=50, random_state=0)). The model's seed seeds it.
 */
export const MINI_BATCH_KMEANS_DEFAULTS = Object.freeze({
  nClusters: 8,
  batchSize: 1024, // sizes the k-means++ sample of the first batch and the reassignment clock
  initSize: null, // null: 3 * batchSize (at least 3 * nClusters, at most the first batch)
  reassignmentRatio: 0.01,
});

/**
 * The TopicModel's vectorizerModel also takes BERTopic's OnlineCountVectorizer options:
 * online: true makes it one (needed by partialFit); decay in [0, 1] multiplies the accumulated
 * bag of words by (1 - decay) before each batch is added; deleteMinDf drops words whose
 * accumulated count falls below it. null is BERTopic's None (no decay / no deletion).
 */
export const ONLINE_VECTORIZER_DEFAULTS = Object.freeze({
  online: false,
  decay: null,
  deleteMinDf: null,
});

/** TopicModel options (BERTopic's defaults where BERTopic has the option). */
export const TOPIC_MODEL_DEFAULTS = Object.freeze({
  language: 'english',
  topNWords: 10,
  // BERTopic's min_topic_size (HDBSCAN's min_cluster_size), or 'auto': chosen at fit from the
  // number of documents (web/engine/auto_min_topic_size.js); the model's minTopicSize_ tells.
  minTopicSize: 10,
  calculateProbabilities: false,
  // BERTopic's nr_topics, applied at the end of fit: null keeps the topics; an integer >= 2 reduces
  // to that many topics counting the outlier topic -1 (average-linkage clustering of the topic
  // embeddings); 'auto' merges topics HDBSCAN groups together.
  nrTopics: null,
  // BERTopic's seed_topic_list (guided topic modeling): lists of words, one per expected topic.
  // Documents close to a seed topic's embedding are pulled towards it and labelled for UMAP, and
  // the seed words' c-TF-IDF idf is multiplied by 1.2. Needs the embedding model of the documents.
  seedTopicList: null,
  // BERTopic's zeroshot_topic_list / zeroshot_min_similarity (zero-shot topic modeling): topic
  // labels embedded with the documents' model; a document whose most similar label reaches the
  // threshold (cosine) belongs to that label's topic, the others are clustered. Topic ids: -1,
  // then the zero-shot topics in list order, then the clusters (not renumbered by size).
  zeroshotTopicList: null,
  zeroshotMinSimilarity: 0.7,
  // BERTopic's representation_model: null keeps the c-TF-IDF words; 'MaximalMarginalRelevance' or
  // {type: 'MaximalMarginalRelevance', diversity: 0.1, topNWords: 10} re-picks each topic's words
  // from its 30 best c-TF-IDF words by MMR over their embeddings (embeddingModel); also
  // 'KeyBERTInspired', {type: 'TextGeneration', generate, ...}, a function, a list of those (a
  // chain) or {Main: ..., aspect: ...} (multi-aspect): see representationOptions below.
  representationModel: null,
  seed: 42,
  // Used when fit / transform get no embeddings: 'int8' | 'fp32' (built-in all-MiniLM-L6-v2; the
  // package ships int8, median cosine 0.993 to fp32; Node builds fp32 from the fp16 weights),
  // 'static' (static embeddings distilled from it: web/static_embedder.js) or Embedder options
  // {model, tokenizer, batchSize, numThreads, ...}.
  embeddingModel: 'int8',
  // BERTopic's swappable steps: umap_model=PCA(n_components) / hdbscan_model=KMeans(n_clusters).
  // 'umap' | 'pca' (PCA to umapModel.nComponents dimensions) | 'none' (BERTopic's
  // BaseDimensionalityReduction) | 'incrementalPca' (partialFit only: IncrementalPCA to umapModel.nComponents)
  reduceModel: 'umap',
  // 'hdbscan' | 'kmeans' (kmeansModel; no outliers, no probabilities) | 'miniBatchKmeans'
  // (partialFit only: miniBatchKmeansModel) | 'logisticRegression' (logisticRegressionModel) or
  // any {fit(X, y), predict(X)} classifier: supervised topic modeling, fitted on fit's y with
  // reduceModel 'none' (BERTopic's hdbscan_model=LogisticRegression() with
  // BaseDimensionalityReduction); topics are its predictions, renumbered by size.
  clusterModel: 'hdbscan',
  umapModel: UMAP_DEFAULTS,
  // BERTopic's low_memory (passed to umap-learn's UMAP(low_memory=...)): there it picks
  // pynndescent's slower, lower-memory neighbour search. topicwasm's k-NN has one mode (exact below
  // 4,096 documents, NN-descent above), so true changes nothing here; fit says so through the
  // warning channel. Kept for getParams / config.json (low_memory).
  lowMemory: false,
  hdbscanModel: HDBSCAN_DEFAULTS,
  kmeansModel: KMEANS_DEFAULTS,
  miniBatchKmeansModel: MINI_BATCH_KMEANS_DEFAULTS,
  logisticRegressionModel: LOGISTIC_REGRESSION_DEFAULTS,
  vectorizerModel: Object.freeze({ ...VECTORIZER_DEFAULTS, ...ONLINE_VECTORIZER_DEFAULTS }),
  ctfidfModel: CTFIDF_DEFAULTS,
});

/**
 * The swappable objects (new CountVectorizer({...}) etc., web/model/swappable.js) hand their
 * options to every place that takes the option object through this method.
 */
export const OPTIONS_OF = Symbol.for('topicwasm.optionsOf');
const unwrap = (given) => (given !== null && typeof given === 'object' && typeof given[OPTIONS_OF] === 'function' ? given[OPTIONS_OF]() : given);

const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** Error when `value` has the type `expected` (typeof, or 'integer'), else TypeError: the class a failed check throws. */
export function errorClass(value, expected) {
  const right = expected === 'integer' ? Number.isInteger(value) : expected === 'array' ? Array.isArray(value) : typeof value === expected;
  return right ? Error : TypeError;
}

/**
 * structuredClone, except that functions (a user's tokenizer) are kept by reference:
 * structuredClone cannot copy them. Plain objects and arrays are copied level by level.
 */
export function cloneOptions(value) {
  if (typeof value === 'function') return value;
  if (Array.isArray(value)) return value.map(cloneOptions);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, cloneOptions(v)]));
  }
  return structuredClone(value);
}

/** Fills defaults and rejects unknown names: throws Error naming the option. */
export function withDefaults(given, defaults, what) {
  given = unwrap(given);
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new TypeError(`${what} must be an object, got ${describe(given)}`);
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

/** An integer option between min and max, named in the error (TypeError for a non-number). */
export function checkInteger(value, name, min, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new (errorClass(value, 'integer'))(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
}

/** Options that must be true or false, named in the error (`what`: the call). */
export function checkFlags(options, keys, what) {
  for (const key of keys) {
    if (typeof options[key] !== 'boolean') throw new TypeError(`${what}: ${key} must be true or false`);
  }
}

function checkBoolean(value, name) {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, got ${describe(value)}`);
}

function checkStrings(value, name) {
  if (!Array.isArray(value) || value.some((w) => typeof w !== 'string')) {
    throw new TypeError(`${name} must be an array of strings`);
  }
}

// scikit-learn tells counts from fractions by int vs float; JavaScript cannot, so integers >= 1 are
// counts for minDf, and maxDf = 1 means "all documents" (the default 1.0).
function documentFrequency(value, name) {
  // model.options.vectorizerModel holds the checked shape {value, fraction}: accepted back as is.
  if (value !== null && typeof value === 'object' && typeof value.fraction === 'boolean' && Object.keys(value).length === 2) {
    const checked = documentFrequency(value.value, name);
    if (checked.fraction === value.fraction || (value.fraction && value.value === 1)) return { value: value.value, fraction: value.fraction };
    throw new Error(`${name}: ${JSON.stringify(value)} is not a valid document frequency`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new (errorClass(value, 'number'))(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  if (name === 'maxDf' && value === 1) return { value: 1, fraction: true };
  if (Number.isInteger(value) && value >= 1) return { value, fraction: false };
  if (value >= 1) throw new Error(`${name} must be an integer count or a fraction below 1, got ${value}`);
  return { value, fraction: true };
}

const CHECKED = Symbol('engineTokenizer');

/**
 * The user's tokenizer as the engine calls it: it never throws into the engine (a JavaScript
 * exception crossing wasm frames would skip their cleanup), but returns the tokens or {error}
 * naming the problem, which the engine raises as an Error and leaves the model as it was. Wrapped
 * once: options read back from a model (model.options) pass through unchanged.
 */
function engineTokenizer(tokenizer) {
  if (tokenizer[CHECKED]) return tokenizer;
  const checked = (text) => {
    let tokens;
    try {
      tokens = tokenizer(text);
    } catch (e) {
      return { error: `vectorizerModel.tokenizer threw: ${e?.message ?? e}` };
    }
    if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) {
      return { error: `vectorizerModel.tokenizer must return an array of strings, got ${Array.isArray(tokens) ? 'an array holding a non-string' : tokens === null ? 'null' : typeof tokens}${tokens instanceof Promise ? ' (a Promise: the tokenizer must be synchronous)' : ''}` };
    }
    return tokens;
  };
  checked[CHECKED] = true;
  return checked;
}

/** Checked vectorizer options in the engine's shape. */
export function vectorizerOptions(given) {
  const o = withDefaults(given, VECTORIZER_DEFAULTS, 'vectorizerModel');
  checkBoolean(o.lowercase, 'vectorizerModel.lowercase');
  if (o.stopWords !== null && o.stopWords !== 'english') {
    // Another string names a list topicwasm does not have (a value); 5 is no list at all (a type).
    if (typeof o.stopWords === 'string') throw new Error(`vectorizerModel.stopWords must be null, 'english' or an array of strings, got ${JSON.stringify(o.stopWords)}`);
    checkStrings(o.stopWords, 'vectorizerModel.stopWords');
  }
  const range = o.ngramRange;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isInteger) || range[0] < 1 || range[0] > range[1]) {
    // A pair of integers in the wrong order or below 1 is a bad value; anything else a bad type.
    const pair = Array.isArray(range) && range.length === 2 && range.every(Number.isInteger);
    throw new (pair ? Error : TypeError)(`vectorizerModel.ngramRange must be [min, max] with 1 <= min <= max, got ${JSON.stringify(range)}`);
  }
  const minDf = documentFrequency(o.minDf, 'minDf');
  const maxDf = documentFrequency(o.maxDf, 'maxDf');
  if (minDf.fraction === maxDf.fraction && minDf.value > maxDf.value) {
    throw new Error(`minDf (${o.minDf}) must not exceed maxDf (${o.maxDf})`);
  }
  if (o.maxFeatures !== null) checkInteger(o.maxFeatures, 'vectorizerModel.maxFeatures', 1);
  if (o.vocabulary !== null) checkStrings(o.vocabulary, 'vectorizerModel.vocabulary');
  if (o.tokenizer !== null && typeof o.tokenizer !== 'function') throw new TypeError(`vectorizerModel.tokenizer must be a function (text) => string[] or null, got ${typeof o.tokenizer}`);
  return { ...o, ngramRange: [...range], minDf, maxDf, tokenizer: o.tokenizer && engineTokenizer(o.tokenizer) };
}

/** Checked c-TF-IDF options. */
export function ctfidfOptions(given) {
  const o = withDefaults(given, CTFIDF_DEFAULTS, 'ctfidfModel');
  checkBoolean(o.bm25Weighting, 'ctfidfModel.bm25Weighting');
  checkBoolean(o.reduceFrequentWords, 'ctfidfModel.reduceFrequentWords');
  if (o.seedWords !== null) checkWordList(o.seedWords, 'ctfidfModel.seedWords');
  checkNumber(o.seedMultiplier, 'ctfidfModel.seedMultiplier', 0);
  return o;
}

function checkWordList(words, name) {
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) throw new TypeError(`${name} must be an array of strings`);
}

function checkNumber(value, name, min, max = Infinity) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new (errorClass(value, 'number'))(`${name} must be a number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
}

function checkChoice(value, name, choices) {
  if (!choices.includes(value)) throw new (errorClass(value, typeof choices[0]))(`${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${JSON.stringify(value)}`);
}

/** Checked UMAP options. */
export function umapOptions(given) {
  const o = withDefaults(given, UMAP_DEFAULTS, 'umapModel');
  checkInteger(o.nNeighbors, 'umapModel.nNeighbors', 2);
  checkInteger(o.nComponents, 'umapModel.nComponents', 1);
  checkNumber(o.minDist, 'umapModel.minDist', 0);
  checkNumber(o.spread, 'umapModel.spread', Number.MIN_VALUE);
  if (o.minDist > o.spread) throw new Error(`umapModel.minDist (${o.minDist}) must not exceed spread (${o.spread})`);
  checkChoice(o.metric, 'umapModel.metric', ['cosine', 'euclidean']);
  checkChoice(o.schedule, 'umapModel.schedule', ['fast', 'faithful']);
  if (o.nEpochs !== null) checkInteger(o.nEpochs, 'umapModel.nEpochs', 1);
  checkNumber(o.learningRate, 'umapModel.learningRate', Number.MIN_VALUE);
  checkNumber(o.negativeSampleRate, 'umapModel.negativeSampleRate', 0);
  checkNumber(o.localConnectivity, 'umapModel.localConnectivity', 0);
  checkNumber(o.setOpMixRatio, 'umapModel.setOpMixRatio', 0, 1);
  checkChoice(o.init, 'umapModel.init', ['spectral', 'random']);
  return o;
}

/** Checked HDBSCAN options. */
export function hdbscanOptions(given) {
  const o = withDefaults(given, HDBSCAN_DEFAULTS, 'hdbscanModel');
  if (o.minClusterSize !== null) checkInteger(o.minClusterSize, 'hdbscanModel.minClusterSize', 2);
  if (o.minSamples !== null) checkInteger(o.minSamples, 'hdbscanModel.minSamples', 1);
  checkChoice(o.clusterSelectionMethod, 'hdbscanModel.clusterSelectionMethod', ['eom', 'leaf']);
  checkNumber(o.clusterSelectionEpsilon, 'hdbscanModel.clusterSelectionEpsilon', 0);
  checkBoolean(o.allowSingleCluster, 'hdbscanModel.allowSingleCluster');
  checkBoolean(o.approxMinSpanTree, 'hdbscanModel.approxMinSpanTree');
  return o;
}

/** Checked k-means options. */
export function kmeansOptions(given) {
  const o = withDefaults(given, KMEANS_DEFAULTS, 'kmeansModel');
  checkInteger(o.nClusters, 'kmeansModel.nClusters', 1);
  checkInteger(o.nInit, 'kmeansModel.nInit', 1);
  checkInteger(o.maxIter, 'kmeansModel.maxIter', 1);
  return o;
}

/** Checked MiniBatchKMeans options. */
export function miniBatchKmeansOptions(given) {
  const o = withDefaults(given, MINI_BATCH_KMEANS_DEFAULTS, 'miniBatchKmeansModel');
  checkInteger(o.nClusters, 'miniBatchKmeansModel.nClusters', 1);
  checkInteger(o.batchSize, 'miniBatchKmeansModel.batchSize', 1);
  if (o.initSize !== null) checkInteger(o.initSize, 'miniBatchKmeansModel.initSize', 1);
  checkNumber(o.reassignmentRatio, 'miniBatchKmeansModel.reassignmentRatio', 0);
  return o;
}

/** The TopicModel's vectorizerModel: CountVectorizer options plus the OnlineCountVectorizer ones. */
export function topicVectorizerOptions(given) {
  given = unwrap(given);
  if (given === null || given === undefined || typeof given !== 'object' || Array.isArray(given)) {
    return { ...vectorizerOptions(given), ...ONLINE_VECTORIZER_DEFAULTS };
  }
  const { online, decay, deleteMinDf, ...rest } = given;
  const o = { ...ONLINE_VECTORIZER_DEFAULTS };
  if (online !== undefined) o.online = online;
  if (decay !== undefined) o.decay = decay;
  if (deleteMinDf !== undefined) o.deleteMinDf = deleteMinDf;
  checkBoolean(o.online, 'vectorizerModel.online');
  if (o.decay !== null) checkNumber(o.decay, 'vectorizerModel.decay', 0, 1);
  if (o.deleteMinDf !== null) checkNumber(o.deleteMinDf, 'vectorizerModel.deleteMinDf', 0);
  if (!o.online && (o.decay !== null || o.deleteMinDf !== null)) {
    throw new Error('vectorizerModel.decay and deleteMinDf are OnlineCountVectorizer options: they need vectorizerModel.online = true');
  }
  return { ...vectorizerOptions(rest), ...o };
}

/**
 * updateTopics' vectorizerModel: CountVectorizer options; an OnlineCountVectorizer's (or
 * model.options.vectorizerModel, which holds online / decay / deleteMinDf) work as a plain
 * CountVectorizer, as BERTopic's update_topics uses whatever vectorizer it is given.
 */
export function plainVectorizerOptions(given) {
  const { online, decay, deleteMinDf, ...plain } = topicVectorizerOptions(given);
  return plain;
}

/** nrTopics: an integer >= 2 or 'auto' (and null when `allowNull`). */
export function checkNrTopics(value, allowNull = false) {
  if ((allowNull && value === null) || value === 'auto') return value;
  if (!Number.isInteger(value) || value < 2) {
    // Another string is a misspelt 'auto' (a value); 1.5, true or an array are the wrong type.
    throw new (typeof value === 'string' ? Error : errorClass(value, 'integer'))(`nrTopics must be ${allowNull ? 'null, ' : ''}an integer >= 2 or 'auto', got ${JSON.stringify(value)}`);
  }
  return value;
}

/** reduceOutliers options (BERTopic's defaults). */
export const REDUCE_OUTLIERS_DEFAULTS = Object.freeze({
  strategy: 'distributions', // 'distributions' (approximateDistribution) | 'probabilities' | 'c-tf-idf' | 'embeddings'
  threshold: 0,
  probabilities: null, // strategy 'probabilities': fitTransform's per-document distributions
  embeddings: null, // strategy 'embeddings': n x d (default: embedded with embeddingModel)
  // Beyond BERTopic (its issue #2501): a share of the documents in [0, 1] to leave as outliers; the
  // threshold is then picked for it (web/model/outlier_share.js) and `threshold` must not be given.
  targetOutlierShare: null,
});

/** updateTopics options: BERTopic's update_topics resets what is not given to the defaults. */
export const UPDATE_TOPICS_DEFAULTS = Object.freeze({
  topics: null, // one topic per document (-1 or a current topic id); null: the current topics
  topNWords: 10,
  vectorizerModel: VECTORIZER_DEFAULTS,
  ctfidfModel: CTFIDF_DEFAULTS,
  embeddings: null, // n x d: recompute the topic centroids from these
});

/** Checked TopicModel options in the engine's shape. */
export function topicModelOptions(given) {
  const o = withDefaults(given, TOPIC_MODEL_DEFAULTS, 'TopicModel');
  if (typeof o.language !== 'string') throw new TypeError(`language must be a string, got ${describe(o.language)}`);
  checkInteger(o.topNWords, 'topNWords', 1, 100);
  if (o.minTopicSize !== 'auto') {
    // Another string is a misspelt 'auto' (a value); 1.5 or true the wrong type.
    if (typeof o.minTopicSize === 'string') throw new Error(`minTopicSize must be an integer >= 2 or 'auto', got ${JSON.stringify(o.minTopicSize)}`);
    checkInteger(o.minTopicSize, 'minTopicSize', 2);
  }
  checkInteger(o.seed, 'seed', 0, 2 ** 52);
  checkBoolean(o.calculateProbabilities, 'calculateProbabilities');
  checkBoolean(o.lowMemory, 'lowMemory');
  checkNrTopics(o.nrTopics, true);
  if (o.seedTopicList !== null) {
    if (!Array.isArray(o.seedTopicList) || !o.seedTopicList.length) throw new (errorClass(o.seedTopicList, 'array'))('seedTopicList must be a non-empty array of word lists');
    o.seedTopicList.forEach((words, i) => {
      checkWordList(words, `seedTopicList[${i}]`);
      if (!words.length) throw new Error(`seedTopicList[${i}] is empty`);
    });
  }
  if (o.zeroshotTopicList !== null) {
    if (!Array.isArray(o.zeroshotTopicList) || !o.zeroshotTopicList.length) throw new (errorClass(o.zeroshotTopicList, 'array'))('zeroshotTopicList must be null or a non-empty array of topic labels');
    o.zeroshotTopicList.forEach((label, i) => {
      if (typeof label !== 'string' || !label.trim()) throw new (errorClass(label, 'string'))(`zeroshotTopicList[${i}] must be a non-empty string, got ${JSON.stringify(label)}`);
    });
  }
  checkNumber(o.zeroshotMinSimilarity, 'zeroshotMinSimilarity', -1, 1);
  checkChoice(o.reduceModel, 'reduceModel', ['umap', 'pca', 'none', 'incrementalPca']);
  const representationModel = representationOptions(o.representationModel);
  if (o.clusterModel !== null && typeof o.clusterModel === 'object') {
    if (typeof o.clusterModel.fit !== 'function' || typeof o.clusterModel.predict !== 'function') {
      throw new TypeError('clusterModel: a classifier object needs fit(X, y) and predict(X) methods');
    }
  } else {
    checkChoice(o.clusterModel, 'clusterModel', ['hdbscan', 'kmeans', 'miniBatchKmeans', 'logisticRegression']);
  }
  const logistic = withDefaults(o.logisticRegressionModel, LOGISTIC_REGRESSION_DEFAULTS, 'logisticRegressionModel');
  checkNumber(logistic.C, 'logisticRegressionModel.C', Number.MIN_VALUE);
  checkInteger(logistic.maxIter, 'logisticRegressionModel.maxIter', 1, 100000);
  const model = o.embeddingModel;
  if (!(model === 'fp32' || model === 'int8' || model === 'static' || (typeof model === 'object' && model !== null && !Array.isArray(model)))) {
    // An unknown model name is a bad value; a number, null or an array a bad type.
    throw new (errorClass(model, 'string'))(`embeddingModel must be 'fp32', 'int8', 'static' or Embedder options, got ${JSON.stringify(model)}`);
  }
  return {
    ...o,
    umapModel: umapOptions(o.umapModel),
    hdbscanModel: hdbscanOptions(o.hdbscanModel),
    kmeansModel: kmeansOptions(o.kmeansModel),
    miniBatchKmeansModel: miniBatchKmeansOptions(o.miniBatchKmeansModel),
    logisticRegressionModel: logistic,
    vectorizerModel: topicVectorizerOptions(o.vectorizerModel),
    ctfidfModel: ctfidfOptions(o.ctfidfModel),
    representationModel,
  };
}

/** BERTopic's MaximalMarginalRelevance(diversity=0.1, top_n_words=10). */
export const MMR_DEFAULTS = Object.freeze({ type: 'MaximalMarginalRelevance', diversity: 0.1, topNWords: 10 });
/** BERTopic's KeyBERTInspired(top_n_words=10, nr_repr_docs=5, nr_samples=500, nr_candidate_words=100). */
export const KEYBERT_DEFAULTS = Object.freeze({ type: 'KeyBERTInspired', topNWords: 10, nrReprDocs: 5, nrSamples: 500, nrCandidateWords: 100 });

/** BERTopic's TextGeneration(prompt=None, nr_docs=4, diversity=None, doc_length=None); generate: the user's LLM call. */
export const TEXT_GENERATION_DEFAULTS = Object.freeze({ type: 'TextGeneration', generate: undefined, prompt: null, nrDocs: 4, docLength: null, concurrency: 2, onProgress: undefined });
/**
 * BERTopic's ZeroShotClassification(candidate_topics, min_prob=0.8, pipeline_kwargs={"multi_label": False})
 * scored by embedding similarity: minSimilarity (BERTopic's zeroshot_min_similarity, 0.7) instead of min_prob.
 */
export const ZEROSHOT_CLASSIFICATION_DEFAULTS = Object.freeze({ type: 'ZeroShotClassification', candidateTopics: undefined, minSimilarity: 0.7, multiLabel: false });
const REPRESENTATION_DEFAULTS = {
  MaximalMarginalRelevance: MMR_DEFAULTS, KeyBERTInspired: KEYBERT_DEFAULTS, TextGeneration: TEXT_GENERATION_DEFAULTS,
  ZeroShotClassification: ZEROSHOT_CLASSIFICATION_DEFAULTS,
  Function: Object.freeze({ type: 'Function', fn: undefined }),
};
const NEEDS_OPTIONS = new Set(['TextGeneration', 'ZeroShotClassification']);
// The option names of every representation model: an object of other keys is a map of aspects.
const MODEL_KEYS = new Set(['type', ...Object.values(REPRESENTATION_DEFAULTS).flatMap((d) => Object.keys(d))]);

/**
 * representationModel (BERTopic's representation_model): null; one model (a name, {type, ...options}
 * or a function, model/representation/user_function.js); a list of them applied in order (a chain);
 * or {Main: ..., aspect: ...} of those (multi-aspect, null for the c-TF-IDF words).
 */
export function representationOptions(given) {
  if (given === null) return null;
  if (Array.isArray(given)) return representationChain(given, 'representationModel');
  if (isPlainObject(given) && !('type' in given) && Object.keys(given).some((k) => !MODEL_KEYS.has(k))
    && Object.values(given).every((v) => v === null || ['string', 'function', 'object'].includes(typeof v))) {
    const aspects = {};
    for (const [name, value] of Object.entries(given)) {
      aspects[name] = value === null ? null : Array.isArray(value) ? representationChain(value, `representationModel.${name}`) : representationStep(value, `representationModel.${name}`);
    }
    return aspects;
  }
  return representationStep(given, 'representationModel');
}

function isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function representationChain(list, what) {
  if (!list.length) throw new Error(`${what} must list at least one representation model`);
  return list.map((step, i) => representationStep(step, `${what}[${i}]`));
}

function representationStep(given, what) {
  const types = Object.keys(REPRESENTATION_DEFAULTS).filter((t) => t !== 'Function');
  if (typeof given === 'function') return { type: 'Function', fn: given };
  if (typeof given === 'string') {
    // TextGeneration needs generate, ZeroShotClassification candidateTopics: no name alone.
    const named = types.filter((t) => !NEEDS_OPTIONS.has(t));
    if (!named.includes(given)) {
      const hint = NEEDS_OPTIONS.has(given) ? ` (${given} needs {type: '${given}', ...options})` : '';
      throw new Error(`${what} must be null, ${named.map((t) => `'${t}'`).join(', ')}, a function, a list or {type, ...options}, got ${JSON.stringify(given)}${hint}`);
    }
    return { ...REPRESENTATION_DEFAULTS[given] };
  }
  if (!isPlainObject(given)) throw new TypeError(`${what} must be null, a name, a function, a list or {type, ...options}, got ${JSON.stringify(given)}`);
  const type = given.type ?? 'MaximalMarginalRelevance';
  checkChoice(type, `${what}.type`, [...types, 'Function']);
  const o = withDefaults(given, REPRESENTATION_DEFAULTS[type], what);
  if (type === 'Function') {
    if (typeof o.fn !== 'function') throw new TypeError(`${what}.fn must be a function`);
    return o;
  }
  if (type === 'TextGeneration') {
    if (typeof o.generate !== 'function') throw new TypeError(`${what}.generate must be a function (prompt) => string or Promise<string>`);
    if (o.prompt !== null && typeof o.prompt !== 'string') throw new TypeError(`${what}.prompt must be a string (with [DOCUMENTS] and / or [KEYWORDS]) or null`);
    checkInteger(o.nrDocs, `${what}.nrDocs`, 1, 1000);
    if (o.docLength !== null) checkInteger(o.docLength, `${what}.docLength`, 1);
    checkInteger(o.concurrency, `${what}.concurrency`, 1, 1000);
    if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError(`${what}.onProgress must be a function`);
    return o;
  }
  if (type === 'ZeroShotClassification') {
    const labels = o.candidateTopics;
    if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l.trim() !== '')) {
      throw new TypeError(`${what}.candidateTopics must be a non-empty list of non-empty label strings, got ${JSON.stringify(labels)}`);
    }
    checkNumber(o.minSimilarity, `${what}.minSimilarity`, -1, 1);
    checkBoolean(o.multiLabel, `${what}.multiLabel`);
    return { ...o, candidateTopics: [...labels] };
  }
  checkInteger(o.topNWords, `${what}.topNWords`, 1, 100);
  if (type === 'MaximalMarginalRelevance') checkNumber(o.diversity, `${what}.diversity`, 0, 1);
  if (type === 'KeyBERTInspired') {
    checkInteger(o.nrReprDocs, `${what}.nrReprDocs`, 1, 1000);
    checkInteger(o.nrSamples, `${what}.nrSamples`, 1, 2 ** 31 - 1);
    checkInteger(o.nrCandidateWords, `${what}.nrCandidateWords`, 1, 10000);
  }
  return o;
}
