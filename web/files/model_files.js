// BERTopic's safetensors model directory (BERTopic 0.17, bertopic/_save_utils.py) <-> a TopicModel.
//   config.json                   BERTopic's get_params() without the sub-models (sorted keys)
//   topics.json                   topic_representations, topics (topics_), topic_sizes, topic_mapper,
//                                 topic_labels, custom_labels, _outliers, topic_aspects
//   topic_embeddings.safetensors  topic_embeddings_ (read / written by the engine)
//   ctfidf.safetensors            c_tf_idf_ (CSR) and the idf weights (engine)
//   ctfidf_config.json            ctfidf_model params and vectorizer_model {params, vocab}
// The last two are BERTopic's save_ctfidf=True. JSON is written as Python's json.dump(indent=2)
// writes it (web/pyjson.js). As BERTopic.load, a loaded model has no documents, representative
// documents, UMAP or HDBSCAN: its transform is cosine similarity to the topic embeddings.
import { encodeDocuments } from '../engine/documents.js';
import { dumpPython, pyFloat } from './pyjson.js';
import { isZip, readZip } from './zip.js';
import { platform } from '../platform/current.js';

export const CONFIG = 'config.json';
export const TOPICS = 'topics.json';
export const TOPIC_EMBEDDINGS = 'topic_embeddings.safetensors';
export const CTFIDF = 'ctfidf.safetensors';
export const CTFIDF_CONFIG = 'ctfidf_config.json';
export const MODEL_FILE_NAMES = [CONFIG, TOPICS, TOPIC_EMBEDDINGS, CTFIDF, CTFIDF_CONFIG];

// The most each file may hold, in bytes: far above what real models need (config.json is a few
// kB; 1M documents' topics.json is ~10 MB), below what would exhaust memory (JSON text must fit
// one JavaScript string; everything must fit wasm32's 4 GB with the fitted model).
const MiB = 2 ** 20;
export const MAX_FILE_BYTES = Object.freeze({
  [CONFIG]: 16 * MiB,
  [TOPICS]: 256 * MiB,
  [CTFIDF_CONFIG]: 256 * MiB,
  [TOPIC_EMBEDDINGS]: 512 * MiB,
  [CTFIDF]: 1024 * MiB,
});

function checkFileSize(name, bytes) {
  if (bytes > MAX_FILE_BYTES[name]) fail(name, `${(bytes / MiB).toFixed(1)} MB, more than the ${MAX_FILE_BYTES[name] / MiB} MB a model's ${name} may hold`);
}

const TOKEN_PATTERN = '(?u)\\b\\w\\w+\\b'; // scikit-learn's default, the only one our tokenizer implements
const BUILTIN_EMBEDDING_MODEL = 'sentence-transformers/all-MiniLM-L6-v2';
/** True when config.json's embedding_model is the model our built-in embedder runs. */
export const isBuiltinEmbeddingModel = (name) => /^(sentence-transformers\/)?all-MiniLM-L6-v2$/.test(name ?? '');

const fail = (file, message) => {
  throw new Error(`${file}: ${message}`);
};
const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function toBytes(name, value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && name.endsWith('.json')) return new TextEncoder().encode(value);
  return fail(name, `must be a Uint8Array or ArrayBuffer${name.endsWith('.json') ? ' or string' : ''}, got ${describe(value)}`);
}

/**
 * What TopicModel.load accepts -> {name: Uint8Array}: an object of files (Uint8Array, ArrayBuffer,
 * or for the JSON files a string), a zip archive's bytes, or in Node a directory or zip file path.
 */
export async function collectFiles(source) {
  if (typeof source === 'string') {
    const files = await platform.readDirectory(source, MODEL_FILE_NAMES, checkFileSize);
    return files.zip ? collectFiles(files.zip) : files;
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = toBytes('model', source);
    if (!isZip(bytes)) throw new Error('model bytes are not a zip archive (expected what saveZip() returns)');
    return readZip(bytes, MAX_FILE_BYTES);
  }
  if (source === null || typeof source !== 'object') {
    throw new Error(`TopicModel.load needs the files object save() returns, zip bytes or a directory path, got ${describe(source)}`);
  }
  // Other files (a Hugging Face repo's README.md, images/) are not ours to read.
  return Object.fromEntries(
    Object.entries(source)
      .filter(([name, value]) => MODEL_FILE_NAMES.includes(name) && value !== undefined && value !== null)
      .map(([name, value]) => {
        const bytes = toBytes(name, value);
        checkFileSize(name, bytes.byteLength);
        return [name, bytes];
      }),
  );
}

function parseJson(files, name) {
  const bytes = files[name];
  if (!bytes) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  try {
    return { value: JSON.parse(text), text };
  } catch (e) {
    return fail(name, `not valid JSON (${e.message})`);
  }
}

function required(files, name) {
  if (!files[name]) fail(name, 'missing: a BERTopic safetensors model needs config.json, topics.json and topic_embeddings.safetensors');
  return files[name];
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function intKey(file, what, key) {
  const id = Number(key);
  if (!Number.isInteger(id) || String(id) !== key || id < -1) fail(file, `${what} has the key "${key}", not a topic id`);
  return id;
}

// Python writes int params as "1" and float ones as "1.0"; JSON.parse forgets which. scikit-learn
// reads min_df / max_df by type (int = a document count, float = a fraction), so we look at the
// text. The vectorizer params come before the vocabulary in the file, so the first match is theirs.
function writtenAsFloat(text, key) {
  const m = new RegExp(`"${key}":\\s*(-?[0-9][0-9.eE+-]*)`).exec(text);
  return Boolean(m && /[.eE]/.test(m[1]));
}

function vocabularyArray(file, vocab) {
  if (!isObject(vocab)) fail(file, `vectorizer_model.vocab must be an object {term: column}, got ${describe(vocab)}`);
  const entries = Object.entries(vocab);
  const terms = new Array(entries.length);
  for (const [term, column] of entries) {
    if (!Number.isInteger(column) || column < 0 || column >= entries.length || terms[column] !== undefined) {
      fail(file, `vectorizer_model.vocab maps "${term}" to ${JSON.stringify(column)}: columns must be 0..${entries.length - 1}, each once`);
    }
    terms[column] = term;
  }
  return terms;
}

// scikit-learn's vocabulary_ keeps terms in order of first occurrence, which JSON.parse loses for
// integer-like terms ("1961" moves first). The column of each term in the file's order, so a loaded
// model writes its vocabulary back byte for byte; null if the text cannot be scanned consistently.
function vocabularyOrder(text, terms) {
  const start = /"vocab"\s*:\s*\{/.exec(text);
  if (!start) return null;
  const column = new Map(terms.map((t, i) => [t, i]));
  const order = [];
  const pair = /\s*"((?:[^"\\]|\\.)*)"\s*:\s*(\d+)\s*([,}])/y;
  pair.lastIndex = start.index + start[0].length;
  for (let m; (m = pair.exec(text)); ) {
    const term = JSON.parse(`"${m[1]}"`);
    if (column.get(term) !== Number(m[2])) return null;
    order.push(column.get(term));
    if (m[3] === '}') break;
  }
  return order.length === terms.length ? Int32Array.from(order) : null;
}

function vectorizerFromParams(file, params, text) {
  if (!isObject(params)) fail(file, 'vectorizer_model.params must be an object');
  const unsupported = [];
  const expect = (key, value) => {
    if (key in params && params[key] !== value) unsupported.push(`${key}=${JSON.stringify(params[key])}`);
  };
  expect('analyzer', 'word');
  expect('token_pattern', TOKEN_PATTERN);
  expect('strip_accents', null);
  expect('binary', false);
  expect('input', 'content');
  const documentFrequency = (key, fallback) => {
    const v = params[key] ?? fallback;
    if (typeof v !== 'number') fail(file, `vectorizer_model.params.${key} must be a number`);
    // Our options: an integer >= 1 is a count (maxDf 1 means all documents), else a fraction.
    const isFloat = writtenAsFloat(text, key);
    if (isFloat && v === 1 && key === 'min_df') unsupported.push('min_df=1.0');
    if (!isFloat && v === 1 && key === 'max_df') unsupported.push('max_df=1 (a count)');
    return v;
  };
  let stopWords = params.stop_words ?? null;
  if (typeof stopWords === 'string' && stopWords !== 'english') unsupported.push(`stop_words=${JSON.stringify(stopWords)}`), (stopWords = null);
  let vocabulary = params.vocabulary ?? null;
  if (isObject(vocabulary)) vocabulary = vocabularyArray(file, vocabulary);
  return {
    options: {
      lowercase: params.lowercase ?? true,
      stopWords,
      ngramRange: params.ngram_range ?? [1, 1],
      minDf: documentFrequency('min_df', 1),
      maxDf: documentFrequency('max_df', 1),
      maxFeatures: params.max_features ?? null,
      vocabulary,
    },
    unsupported,
  };
}

/**
 * Parses and checks BERTopic's files. Returns {options} for new TopicModel(options), {spec} for
 * the engine's restore(), and {saved}: what the engine does not hold but a save must write back.
 */
export function readModelFiles(files) {
  for (const name of [CONFIG, TOPICS, TOPIC_EMBEDDINGS]) required(files, name);
  const config = parseJson(files, CONFIG).value;
  const topicsJson = parseJson(files, TOPICS).value;
  if (!isObject(config)) fail(CONFIG, `must hold a JSON object, got ${describe(config)}`);
  if (!isObject(topicsJson)) fail(TOPICS, `must hold a JSON object, got ${describe(topicsJson)}`);
  if (files[CTFIDF] && !files[CTFIDF_CONFIG]) fail(CTFIDF_CONFIG, `missing: ${CTFIDF} needs it for the vocabulary`);

  // topics.json
  const reps = topicsJson.topic_representations;
  if (!isObject(reps) || !Object.keys(reps).length) fail(TOPICS, 'topic_representations must be a non-empty object {topic: [[word, score], ...]}');
  const ids = Object.keys(reps).map((k) => intKey(TOPICS, 'topic_representations', k)).sort((a, b) => a - b);
  const sizes = topicsJson.topic_sizes ?? {};
  if (!isObject(sizes)) fail(TOPICS, 'topic_sizes must be an object {topic: count}');
  const known = new Set(ids);
  for (const [k, v] of Object.entries(sizes)) {
    if (!known.has(intKey(TOPICS, 'topic_sizes', k))) fail(TOPICS, `topic_sizes has topic ${k}, which topic_representations does not have`);
    if (!Number.isSafeInteger(v) || v < 0) fail(TOPICS, `topic_sizes["${k}"] must be a document count (an integer >= 0), got ${typeof v === 'number' ? v : JSON.stringify(v)}`);
  }
  const words = [];
  const scores = [];
  const wordCounts = new Uint32Array(ids.length);
  ids.forEach((id, r) => {
    const pairs = reps[String(id)];
    if (!Array.isArray(pairs)) fail(TOPICS, `topic_representations["${id}"] must be a list of [word, score] pairs`);
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !Number.isFinite(pair[1])) {
        fail(TOPICS, `topic_representations["${id}"] holds ${JSON.stringify(pair)}, not a [word, score] pair`);
      }
      words.push(pair[0]);
      scores.push(pair[1]);
    }
    wordCounts[r] = pairs.length;
  });
  const topics = topicsJson.topics ?? null;
  if (topics !== null && !Array.isArray(topics)) fail(TOPICS, `topics must be a list of topic ids, got ${describe(topics)}`);
  topics?.forEach((t, i) => {
    if (!known.has(t)) fail(TOPICS, `topics[${i}] is ${JSON.stringify(t)}, not a topic of topic_representations`);
  });
  const customLabels = topicsJson.custom_labels ?? null;
  if (customLabels !== null && !(Array.isArray(customLabels) && customLabels.every((l) => typeof l === 'string'))) {
    fail(TOPICS, 'custom_labels must be null or a list of strings');
  }
  if (customLabels !== null && customLabels.length !== ids.length) {
    fail(TOPICS, `custom_labels must have one label per topic (${ids.length}), got ${customLabels.length}`);
  }
  const topicMapper = topicsJson.topic_mapper ?? null;
  if (topicMapper !== null && !(Array.isArray(topicMapper) && topicMapper.every((row) => Array.isArray(row) && row.every(Number.isInteger)))) {
    fail(TOPICS, 'topic_mapper must be a list of rows of integers');
  }
  const topicAspects = topicsJson.topic_aspects ?? {};
  if (!isObject(topicAspects)) fail(TOPICS, 'topic_aspects must be an object');
  // BERTopic's topic_aspects_ {aspect: {topic: [[word, score], ...]}} for the engine (order kept).
  const aspects = Object.entries(topicAspects).map(([aspect, values]) => {
    if (!isObject(values)) fail(TOPICS, `topic_aspects["${aspect}"] must be an object {topic: [[word, score], ...]}`);
    return [aspect, Object.entries(values).map(([k, given]) => {
      // BERTopic's delete_topics gives a new outlier topic the aspect value {} (no words).
      const pairs = isObject(given) && !Object.keys(given).length ? [] : given;
      const id = intKey(TOPICS, `topic_aspects["${aspect}"]`, k);
      if (!known.has(id)) fail(TOPICS, `topic_aspects["${aspect}"] has topic ${k}, which topic_representations does not have`);
      if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number')) {
        fail(TOPICS, `topic_aspects["${aspect}"]["${k}"] must be a list of [word, score] pairs`);
      }
      return [id, pairs];
    }).sort((a, b) => a[0] - b[0])];
  });

  // config.json: BERTopic's parameters that we have.
  const param = (key, check, fallback) => {
    const v = config[key] ?? fallback;
    if (!check(v)) fail(CONFIG, `${key} has an unexpected value ${JSON.stringify(config[key])}`);
    return v;
  };
  const options = {
    topNWords: param('top_n_words', Number.isInteger, 10),
    minTopicSize: param('min_topic_size', Number.isInteger, 10),
    calculateProbabilities: param('calculate_probabilities', (v) => typeof v === 'boolean', false),
    lowMemory: param('low_memory', (v) => typeof v === 'boolean', false),
    // BERTopic sets language to None when an embedding model is given; language only decides
    // whether class documents are cleaned as English, which None does not do.
    language: param('language', (v) => v === null || typeof v === 'string', null) ?? 'multilingual',
    seedTopicList: param('seed_topic_list', (v) => v === null || (Array.isArray(v) && v.every((t) => Array.isArray(t) && t.every((w) => typeof w === 'string'))), null),
    zeroshotTopicList: param('zeroshot_topic_list', (v) => v === null || (Array.isArray(v) && v.length > 0 && v.every((l) => typeof l === 'string' && l.trim())), null),
    zeroshotMinSimilarity: param('zeroshot_min_similarity', (v) => typeof v === 'number' && v >= -1 && v <= 1, 0.7),
  };
  const topicLabels = topicsJson.topic_labels ?? null;
  if (topicLabels !== null && !(isObject(topicLabels) && Object.values(topicLabels).every((l) => typeof l === 'string'))) {
    fail(TOPICS, 'topic_labels must be an object {topic: label}');
  }
  const embeddingModel = param('embedding_model', (v) => v === null || typeof v === 'string', null);

  // ctfidf_config.json (BERTopic's save_ctfidf=True)
  let vocabulary = null;
  let vocabularyColumns = null;
  let vectorizerParams = null;
  let unsupported = [];
  const ctfidfConfig = parseJson(files, CTFIDF_CONFIG);
  if (ctfidfConfig) {
    const { value, text } = ctfidfConfig;
    if (!isObject(value) || !isObject(value.vectorizer_model) || !isObject(value.ctfidf_model)) {
      fail(CTFIDF_CONFIG, 'must hold {"ctfidf_model": {...}, "vectorizer_model": {"params": {...}, "vocab": {...}}}');
    }
    const c = value.ctfidf_model;
    for (const key of ['bm25_weighting', 'reduce_frequent_words']) {
      if (typeof c[key] !== 'boolean') fail(CTFIDF_CONFIG, `ctfidf_model.${key} must be true or false`);
    }
    options.ctfidfModel = { bm25Weighting: c.bm25_weighting, reduceFrequentWords: c.reduce_frequent_words };
    const vectorizer = vectorizerFromParams(CTFIDF_CONFIG, value.vectorizer_model.params, text);
    options.vectorizerModel = vectorizer.options;
    unsupported = vectorizer.unsupported;
    vectorizerParams = value.vectorizer_model.params;
    for (const key of ['min_df', 'max_df']) {
      if (writtenAsFloat(text, key) && typeof vectorizerParams[key] === 'number') vectorizerParams[key] = pyFloat(vectorizerParams[key]);
    }
    if (files[CTFIDF]) {
      vocabulary = vocabularyArray(CTFIDF_CONFIG, value.vectorizer_model.vocab);
      vocabularyColumns = vocabularyOrder(text, vocabulary);
    }
  } else {
    options.vectorizerModel = { ngramRange: param('n_gram_range', (v) => Array.isArray(v), [1, 1]) };
  }

  const encodedWords = encodeDocuments(words);
  const encodedVocabulary = vocabulary ? encodeDocuments(vocabulary) : null;
  return {
    options,
    spec: {
      topicIds: Int32Array.from(ids),
      counts: Float64Array.from(ids, (id) => sizes[String(id)] ?? 0),
      wordCounts,
      wordsUtf8: encodedWords.utf8,
      wordsOffsets: encodedWords.offsets,
      scores: Float64Array.from(scores),
      documentTopics: Int32Array.from(topics ?? []),
      topicMapper,
      // The engine names zero-shot topics after their saved label and keeps the custom labels.
      names: topicLabels ? ids.map((id) => topicLabels[String(id)] ?? '') : [],
      customLabels,
      aspects,
      topicEmbeddings: files[TOPIC_EMBEDDINGS],
      ctfidf: vocabulary ? files[CTFIDF] : null,
      vocabularyUtf8: encodedVocabulary?.utf8 ?? null,
      vocabularyOffsets: encodedVocabulary?.offsets ?? null,
    },
    saved: {
      config,
      vectorizerParams,
      vocabularyColumns,
      unsupported,
      embeddingModel,
      topicsNull: topics === null,
    },
  };
}

/** scikit-learn CountVectorizer.get_params() (minus tokenizer, preprocessor, dtype) of our options. */
function vectorizerParamsOf(v) {
  const df = ({ value, fraction }) => (fraction ? pyFloat(value) : value);
  return {
    analyzer: 'word',
    binary: false,
    decode_error: 'strict',
    encoding: 'utf-8',
    input: 'content',
    lowercase: v.lowercase,
    max_df: df(v.maxDf),
    max_features: v.maxFeatures,
    min_df: df(v.minDf),
    ngram_range: v.ngramRange,
    stop_words: v.stopWords,
    strip_accents: null,
    token_pattern: TOKEN_PATTERN,
    vocabulary: v.vocabulary,
  };
}

/** BERTopic.get_params() without the sub-models, sorted by name as scikit-learn's get_params. */
function configOf(options) {
  const config = {
    calculate_probabilities: options.calculateProbabilities,
    language: options.language,
    low_memory: options.lowMemory,
    min_topic_size: options.minTopicSize,
    n_gram_range: options.vectorizerModel.ngramRange,
    nr_topics: null,
    seed_topic_list: options.seedTopicList ?? null,
    top_n_words: options.topNWords,
    verbose: false,
    zeroshot_min_similarity: options.zeroshotMinSimilarity,
    zeroshot_topic_list: options.zeroshotTopicList,
  };
  return config;
}

/**
 * topics.json as BERTopic writes it (key order included): ids ascending; words(id) a topic's
 * [[word, score]]; topics: topics_ (or null); sizes: Map of topic_sizes_ in Counter order; mapper:
 * topic_mapper rows; name(id, r): topic_labels_; outliers: whether topic -1 exists.
 */
export function topicsJsonFile({ ids, words, topics, sizes, mapper, name, customLabels, outliers, aspects }) {
  const topicsJson = new Map([
    ['topic_representations', new Map(ids.map((id) => [String(id), words(id).map(([w, s]) => [w, pyFloat(s)])]))],
    ['topics', topics],
    ['topic_sizes', sizes],
    ['topic_mapper', mapper],
    ['topic_labels', new Map(ids.map((id, r) => [String(id), name(id, r)]))],
    ['custom_labels', customLabels],
    ['_outliers', outliers ? 1 : 0],
    ['topic_aspects', aspects],
  ]);
  return new TextEncoder().encode(dumpPython(topicsJson));
}

// The engine's aspects as topics.json's topic_aspects (Maps keep BERTopic's key order: ascending ids).
function aspectsFile(aspects) {
  return new Map(aspects.map(([name, rows]) => [name, new Map(rows.map(([id, words]) => [String(id), words.map(([w, s]) => [w, pyFloat(s)])]))]));
}

/**
 * The model's files {name: Uint8Array}. core: the engine model; options: checked TopicModel
 * options; saved: readModelFiles' saved part for a loaded model (null after a fit);
 * embeddingModel: the name to record in config.json (null: none; undefined: a loaded model's as saved). Names (topic_labels), custom labels
 * and topic words are the engine's.
 */
export function writeModelFiles({ core, options, saved, embeddingModel, saveCtfidf = true }) {
  const info = core.topicInfo();
  const words = (id) => core.topic(id);
  const customLabels = info.length && 'CustomName' in info[0] ? info.map((row) => row.CustomName) : null;
  const ids = info.map((row) => row.Topic);
  const documentTopics = core.documentTopics();
  // topic_sizes_ is a collections.Counter over topics_: keys in order of first appearance.
  const count = new Map(info.map((row) => [row.Topic, row.Count]));
  const sizes = new Map();
  for (const t of documentTopics) if (!sizes.has(String(t))) sizes.set(String(t), count.get(t));
  for (const id of ids) if (!sizes.has(String(id)) && count.get(id) > 0) sizes.set(String(id), count.get(id));
  const mapper = core.topicMapper();
  const config = saved ? { ...saved.config } : configOf(options);
  if (embeddingModel) config.embedding_model = embeddingModel;
  else if (embeddingModel === null) delete config.embedding_model;
  if (typeof config.zeroshot_min_similarity === 'number') config.zeroshot_min_similarity = pyFloat(config.zeroshot_min_similarity);
  const encoder = new TextEncoder();
  const files = {
    [CONFIG]: encoder.encode(dumpPython(config)),
    [TOPICS]: topicsJsonFile({
      ids, words, topics: saved?.topicsNull ? null : Array.from(documentTopics), sizes, mapper,
      name: (id, r) => info[r].Name, customLabels, outliers: ids.includes(-1), aspects: aspectsFile(core.topicAspects()),
    }),
    [TOPIC_EMBEDDINGS]: core.topicEmbeddingsFile(),
  };
  const ctfidf = saveCtfidf ? core.ctfidfFile() : null;
  if (ctfidf) {
    const vocabulary = core.vocabulary();
    const ctfidfConfig = {
      ctfidf_model: { bm25_weighting: options.ctfidfModel.bm25Weighting, reduce_frequent_words: options.ctfidfModel.reduceFrequentWords },
      vectorizer_model: {
        params: saved?.vectorizerParams ?? vectorizerParamsOf(options.vectorizerModel),
        // A loaded model keeps its file's term order; ours is column order (Python reads either).
        vocab: new Map(Array.from(saved?.vocabularyColumns ?? vocabulary.keys(), (column) => [vocabulary[column], column])),
      },
    };
    files[CTFIDF] = ctfidf;
    files[CTFIDF_CONFIG] = encoder.encode(dumpPython(ctfidfConfig));
  }
  return files;
}
