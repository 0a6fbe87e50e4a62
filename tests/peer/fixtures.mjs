// The peers' fixtures on our data: BERTopic 0.17.4's tests/conftest.py and CTM 2.6.0's test data,
// rebuilt on 500 Brown paragraphs with their precomputed all-MiniLM-L6-v2 embeddings (no document
// is embedded at test time). BERTopic's conftest takes the first 1,000 20 Newsgroups posts (mixed
// topics); 500 keep the whole peer suite (25 files, each its own process fitting its fixtures)
// within CI's time, and still give every fixture enough topics for the tests (e.g. 22 after
// nr_topics='auto', where 1,000 paragraphs give 9). Brown is stored genre by genre, so a fixed
// permutation (7919 is prime to 7,725) mixes the genres as 20 Newsgroups' order does.
// Each fixture is built once per test file (`shared`); a test that changes its model
// (copy.deepcopy in Python) takes that instance when no later test reads it (`take`), else a
// fresh fit (`fresh`): fits are deterministic for a seed.
import { TopicModel } from '../../web/node.js';
import { readFileSync } from 'node:fs';
import { brownDocs, fixturePath, halfToFloat } from '../helpers.mjs';

export const N = 500;
export const D = 384;

const all = brownDocs();
const order = Array.from({ length: N }, (_, i) => (i * 7919) % all.length);

/** conftest's `documents`: the Brown paragraphs. */
export const documents = order.map((i) => all[i].text);
/** conftest's `document_embeddings`: their MiniLM embeddings (row-major N x 384), only these rows decoded. */
export const embeddings = new Float32Array(N * D);
const halfBytes = readFileSync(fixturePath('brown/embeddings.f16'));
order.forEach((src, dst) => embeddings.set(halfToFloat(halfBytes.subarray(src * D * 2, (src + 1) * D * 2)), dst * D));
/** test_class.py's `classes` (20 Newsgroups' target names): the Brown genres. */
export const classes = order.map((i) => all[i].label);
const genres = [...new Set(classes)].sort();
/** conftest's `targets`: genre ids. */
export const targets = Int32Array.from(classes, (c) => genres.indexOf(c));

// UMAP with 100 epochs instead of umap-learn's 500 (for < 10,000 points): the fixtures only need
// topics, and the whole peer suite must stay well under 90 s. Everything else is BERTopic's default
// or conftest's setting. The embedding model is the one that made the fixture's embeddings (fp32
// MiniLM): it only embeds short queries, labels and topic words.
const UMAP = { nEpochs: 100 };
const COMMON = { embeddingModel: 'fp32', umapModel: UMAP };

/** The TopicModel options of each conftest fixture (before fit). */
export const FIXTURE_OPTIONS = {
  // BERTopic(embedding_model, calculate_probabilities=True), umap random_state 42, min_cluster_size 3
  base: { ...COMMON, calculateProbabilities: true, hdbscanModel: { minClusterSize: 3 }, seed: 42 },
  // UMAP(n_neighbors=15, n_components=6, min_dist=0.0, metric="cosine", random_state=42),
  // HDBSCAN(min_cluster_size=3, metric="euclidean", cluster_selection_method="eom", prediction_data=True)
  custom: {
    ...COMMON,
    umapModel: { ...UMAP, nNeighbors: 15, nComponents: 6, minDist: 0, metric: 'cosine' },
    hdbscanModel: { minClusterSize: 3, clusterSelectionMethod: 'eom' },
    calculateProbabilities: true,
    seed: 42,
  },
  // KMeans(n_clusters=15, random_state=42) on PCA(n_components=5)
  kmeans_pca: { ...COMMON, clusterModel: 'kmeans', kmeansModel: { nClusters: 15 }, reduceModel: 'pca', umapModel: { ...UMAP, nComponents: 5 }, seed: 42 },
  // PCA(n_components=5) (IncrementalPCA here: partialFit needs it) -> MiniBatchKMeans(50, random_state=0)
  // -> OnlineCountVectorizer(stop_words="english", decay=0.01)
  online: {
    ...COMMON,
    reduceModel: 'incrementalPca',
    umapModel: { ...UMAP, nComponents: 5 },
    clusterModel: 'miniBatchKmeans',
    miniBatchKmeansModel: { nClusters: 50 },
    vectorizerModel: { stopWords: 'english', online: true, decay: 0.01 },
    seed: 0,
  },
};
FIXTURE_OPTIONS.merged = FIXTURE_OPTIONS.custom;
FIXTURE_OPTIONS.reduced = FIXTURE_OPTIONS.custom;

async function customModel() {
  const model = new TopicModel(FIXTURE_OPTIONS.custom);
  await model.fit(documents, { embeddings });
  return model;
}

/**
 * conftest.py's online_topic_model: PCA(5) -> MiniBatchKMeans(50, random_state=0) ->
 * OnlineCountVectorizer(stop_words="english", decay=0.01), partial_fit over batches of 50, then
 * `model.topics_ = topics` (the topics of every batch). topicwasm's topics_ keeps every batch's
 * topics itself (read only): checked here against the batches' own.
 */
async function onlineModel() {
  const model = new TopicModel(FIXTURE_OPTIONS.online);
  const topics = [];
  for (let i = 0; i < N; i += 50) {
    const batch = await model.partialFit(documents.slice(i, i + 50), { embeddings: embeddings.subarray(i * D, (i + 50) * D) });
    topics.push(...batch.topics);
  }
  if (model.topics_.length !== N || model.topics_.some((t, i) => t !== topics[i])) throw new Error("online fixture: topics_ is not every batch's topics");
  return model;
}

const BUILDERS = {
  base: async () => {
    const model = new TopicModel(FIXTURE_OPTIONS.base);
    await model.fit(documents, { embeddings });
    return model;
  },
  // zeroshot_topic_list ["religion", "cars", "electronics"], zeroshot_min_similarity 0.3, min_cluster_size 2
  zeroshot: async () => {
    const model = new TopicModel({
      ...COMMON,
      calculateProbabilities: true,
      zeroshotTopicList: ['religion', 'cars', 'electronics'],
      zeroshotMinSimilarity: 0.3,
      hdbscanModel: { minClusterSize: 2 },
      seed: 42,
    });
    await model.fit(documents, { embeddings });
    return model;
  },
  custom: customModel,
  // representation_model {"Main": KeyBERTInspired(), "MMR": [KeyBERTInspired(top_n_words=30), MaximalMarginalRelevance()]}
  // The words and representative documents are embedded with the shipped int8 MiniLM (the package's
  // default) rather than fp32: the same model, about twice as fast for the ~12,000 texts its first
  // representation pass embeds (CI time); the documents keep their stored fp32 embeddings.
  representation: async () => {
    const model = new TopicModel({
      ...COMMON,
      embeddingModel: 'int8',
      umapModel: { ...UMAP, nNeighbors: 15, nComponents: 6, minDist: 0, metric: 'cosine' },
      hdbscanModel: { minClusterSize: 3, clusterSelectionMethod: 'eom' },
      representationModel: { Main: 'KeyBERTInspired', MMR: [{ type: 'KeyBERTInspired', topNWords: 30 }, 'MaximalMarginalRelevance'] },
      calculateProbabilities: true,
      seed: 42,
    });
    await model.fit(documents, { embeddings });
    return model;
  },
  reduced: async () => {
    const model = await customModel();
    await model.reduceTopics(documents, { nrTopics: 'auto' });
    return model;
  },
  merged: async () => {
    const model = await customModel();
    await model.mergeTopics(documents, [[1, 2], [3, 4]]);
    await model.mergeTopics(documents, [[5, 6, 7]]);
    return model;
  },
  kmeans_pca: async () => {
    const model = new TopicModel(FIXTURE_OPTIONS.kmeans_pca);
    await model.fit(documents, { embeddings });
    return model;
  },
  // BaseDimensionalityReduction() + LogisticRegression() as the cluster step, fitted on y
  supervised: async () => {
    const model = new TopicModel({ ...COMMON, reduceModel: 'none', clusterModel: 'logisticRegression' });
    await model.fit(documents, { embeddings, y: targets });
    return model;
  },
  online: onlineModel,
};

/**
 * Fixtures topicwasm cannot build yet (the tests using them are `todo` with this reason).
 */
export const FIXTURE_TODO = {};

/** A newly fitted fixture model (copy.deepcopy of a conftest fixture). */
export function fresh(name) {
  if (!BUILDERS[name]) throw new Error(`no fixture ${name}`);
  return BUILDERS[name]();
}

const cache = new Map();
const consumed = new Set();
/** The file's one instance of a fixture (tests that only read it). */
export function shared(name) {
  if (consumed.has(name)) throw new Error(`fixture ${name} was handed to a test that changes it: read-only tests must come first`);
  if (!cache.has(name)) cache.set(name, fresh(name));
  return cache.get(name);
}

/**
 * A model the test may change (copy.deepcopy of a fixture): the file's shared instance the first
 * time (no later test may read it: shared() then throws), a fresh fit afterwards. Saves one fit per
 * fixture and file.
 */
export function take(name) {
  if (consumed.has(name)) return fresh(name);
  consumed.add(name);
  if (!cache.has(name)) cache.set(name, fresh(name));
  return cache.get(name);
}

/** Features the peers' tests use that topicwasm does not have yet: the reasons of `todo` tests. */
export const TODO = {};

/**
 * node:test options for a test on fixture `name`: todo when the fixture cannot be built or when
 * the test needs a feature not built yet (`reasons`: strings, falsy ones ignored).
 */
export function on(name, ...reasons) {
  const all = [FIXTURE_TODO[name], ...reasons].filter(Boolean);
  return all.length ? { todo: all.join('; ') } : {};
}

/** conftest's model fixture names in BERTopic's parametrize lists (with _topic_model dropped). */
export const MODELS6 = ['kmeans_pca', 'base', 'custom', 'merged', 'reduced', 'online'];
export const MODELS5 = ['kmeans_pca', 'custom', 'merged', 'reduced', 'online'];

/** Whether the model has an outlier topic (BERTopic's `_outliers`): 1 or 0. */
export const outliers = (model) => (model.getTopicInfo().some((r) => r.Topic === -1) ? 1 : 0);

/** set(topic_model.topics_) as a sorted array. */
export const topicSet = (model) => [...new Set(model.topics_)].sort((a, b) => a - b);

/** Sorted numeric array of a Set / iterable. */
export const sorted = (values) => [...values].sort((a, b) => a - b);

/**
 * BERTopic's topic_mapper_: `mappings_` (one row per original cluster: its id through every
 * reduction and merge, the last column the current id) and get_mappings(labels). Expected as
 * `model.topicMapper_` with `mappings_` and `getMappings(labels)` (issue 19); absent until built.
 */
export function topicMapper(model) {
  const mapper = model.topicMapper_;
  if (!mapper) throw new Error('topicMapper_ (BERTopic\'s topic_mapper_) is not built');
  return mapper;
}

/** The final ids in topic_mapper_.mappings_ (np.array(mappings_)[:, -1]) as a Set. */
export const mapperTopics = (model) => new Set(topicMapper(model).mappings_.map((row) => row[row.length - 1]));

/**
 * [mappings[label] for label in hdbscan_model.labels_]: the cluster step's raw labels
 * (`model.clusterLabels_`) mapped through topic_mapper_. BERTopic's tests call
 * get_mappings(list(labels_)), whose argument is original_topics: a non-empty list is true in
 * Python; topicwasm's getMappings takes the boolean itself.
 */
export function mappedClusterLabels(model) {
  const labels = model.clusterLabels_;
  if (!labels) throw new Error('clusterLabels_ (hdbscan_model.labels_) is not built');
  const mappings = topicMapper(model).getMappings(labels.length > 0);
  return [...labels].map((label) => mappings[label]);
}

/**
 * c_tf_idf_.shape as [topics, terms]: topicwasm keeps the c-TF-IDF matrix in the engine, one row per
 * topic (getTopicInfo()) and one column per vocabulary term (vocabularySize). Reading the matrix
 * from save()'s ctfidf.safetensors gives the same shape but costs seconds after an n-gram update.
 */
export const ctfidfShape = (model) => [model.getTopicInfo().length, model.vocabularySize];

/** A seeded uniform generator in [0, 1) (mulberry32): numpy's random functions' stand-in. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** np.random.rand(rows, cols) from a seeded generator: row-major Float32Array. */
export function randomMatrix(rows, cols, seed) {
  const next = rng(seed);
  return Float32Array.from({ length: rows * cols }, next);
}

/**
 * sklearn.datasets.make_blobs(n_samples, centers, n_features, random_state): centers uniform in
 * (-10, 10) per feature, samples split evenly over them, each feature normal around its center with
 * standard deviation 1 (Box-Muller over a seeded generator; not numpy's stream).
 */
export function makeBlobs(samples, centers, features, seed) {
  const next = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const middle = Array.from({ length: centers }, () => Float64Array.from({ length: features }, () => -10 + 20 * next()));
  const data = new Float32Array(samples * features);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; ++i) {
    const c = Math.min(centers - 1, Math.floor((i * centers) / samples));
    labels[i] = c;
    for (let j = 0; j < features; ++j) data[i * features + j] = middle[c][j] + normal();
  }
  return { data, labels };
}
