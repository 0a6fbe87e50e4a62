// The demo's engine side: every piece of topic-modeling work runs here, in a module Worker, so the
// page never blocks. The page calls {id, method, args}; we answer {id, result} or {id, error} and
// send {id, progress} while a call runs (the engine reports progress synchronously from inside a
// fit; postMessage queues it and the page shows it at once).
import {
  AUTO_MIN_TOPIC_SIZE_RULE, CTM, TopicModel, buildReport, createEmbedder, halfToFloat, hdbscanCluster, init, reduceDimensions, visualizeBarchart, visualizeDistribution,
  visualizeDocuments, visualizeHeatmap, visualizeTermRank, visualizeTopics, visualizeTopicsPerClass, visualizeHierarchy, visualizeTopicsOverTime,
} from '../../web/index.js';
import { bySize, carryLabels, compactTopics, moveDocuments, outlierThreshold, splitTopic } from './editing.js';

const DIM = 384;

let corpus = null; // {name, texts, labels?, embeddings?: Float32Array}
let model = null;
let fitResult = null; // {topics, probabilities}
let ctm = null;
let ctmDistributions = null; // the training documents' topic distributions
const embedders = new Map(); // model name -> Embedder, created once per page
// What the figures need that does not change until the next fit (labels only rename): computed
// once per fit, so relabelling redraws without running UMAP or the hierarchy again.
const perFit = new Map();
const once = (key, compute) => {
  if (!perFit.has(key)) perFit.set(key, compute());
  return perFit.get(key);
};
// Editing (editing.js): the fit's options (updateTopics needs the same vectorizer), the labels the
// user typed {topicId: label}, and the undo stack of earlier states {topics, userLabels,
// minClusterSize}. An edit changes topics and words, never UMAP: the documents map stays.
let fitOptions = null;
let userLabels = {};
let undoStack = [];
let minClusterSize = null; // HDBSCAN's min cluster size behind the current topics ("more topics" lowers it)
let edited = false; // fitResult.probabilities describe the fitted topics only

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

const methods = {
  async init() {
    const { threads, build } = await init();
    return { threads, build, isolated: self.crossOriginIsolated === true };
  },

  // The default corpus: Brown paragraphs with their all-MiniLM-L6-v2 embeddings, precomputed.
  async loadDefault() {
    const [jsonl, f16] = await Promise.all([
      fetchOk(new URL('data/brown.jsonl', import.meta.url)).then((r) => r.text()),
      fetchOk(new URL('data/brown.f16', import.meta.url)).then((r) => r.arrayBuffer()),
    ]);
    const rows = jsonl.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const embeddings = halfToFloat(f16);
    if (embeddings.length !== rows.length * DIM) throw new Error('the default corpus and its embeddings do not match');
    corpus = { name: 'Brown corpus (1,932 paragraphs, 15 genres)', texts: rows.map((r) => r.text), labels: rows.map((r) => r.label), embeddings };
    return { name: corpus.name, count: rows.length, hasEmbeddings: true };
  },

  // A user's documents (parsed on the page); embeddings come from embed().
  async setDocuments({ name, texts, timestamps = null }) {
    if (!Array.isArray(texts) || texts.length === 0) throw new Error('the file has no documents');
    corpus = { name, texts, labels: null, timestamps, embeddings: null };
    return { name, count: texts.length, hasEmbeddings: false };
  },

  // Embeddings in this Worker, with progress: 'int8' (all-MiniLM-L6-v2, the quality choice) or
  // 'static' (distilled from it, ~600x faster, coarser topics). Both ship in the package and stay in
  // the Cache API after the first load.
  async embed({ model = 'int8' } = {}, progress) {
    if (!corpus) throw new Error('no documents loaded');
    const embedder = await embedderFor(model);
    const start = performance.now();
    corpus.embeddings = await embedder.embed(corpus.texts, { onProgress: progress });
    corpus.embeddingModel = model;
    return { seconds: (performance.now() - start) / 1000 };
  },

  async fit({ options }, progress) {
    if (!corpus?.embeddings) throw new Error('the documents have no embeddings yet');
    // The model embeds search terms (findTopics) with the documents' embedding model.
    const next = new TopicModel({ ...options, calculateProbabilities: true, embeddingModel: corpus.embeddingModel === 'static' ? 'static' : 'int8' });
    const start = performance.now();
    let result;
    try {
      result = await next.fitTransform(corpus.texts, { embeddings: corpus.embeddings, onProgress: progress });
    } catch (e) {
      next.free();
      throw e;
    }
    model?.free();
    model = next;
    fitResult = result;
    perFit.clear();
    fitOptions = options;
    userLabels = {};
    undoStack = [];
    edited = false;
    minClusterSize = model.minTopicSize_;
    return { seconds: (performance.now() - start) / 1000, ...editState() };
  },

  async setLabels({ labels }) {
    const m = requireModel();
    const before = snapshot();
    m.setTopicLabels(labels); // checks the ids first
    Object.assign(userLabels, labels);
    undoStack.push(before);
    return editState();
  },

  // ---- one-click edits and edits on the maps: new document topics, words by updateTopics --------
  // "Fewer outliers": reduceOutliers (strategy 'embeddings', the fit's embeddings) with the
  // threshold that leaves `target` (a fraction of the documents) as outliers, then updateTopics.
  async fewerOutliers({ target = 0.1 }) {
    return edit(async (m) => {
      const topics = m.topics_;
      const dim = corpus.embeddings.length / topics.length;
      const ids = m.getTopicInfo().map((r) => r.Topic);
      const threshold = outlierThreshold(topics, corpus.embeddings, dim, m.topicEmbeddings_.data, ids, Math.round(target * topics.length));
      if (threshold === Infinity) throw new Error(`already at most ${Math.round(100 * target)}% outliers`);
      const next = await m.reduceOutliers(corpus.texts, topics, { strategy: 'embeddings', embeddings: corpus.embeddings, threshold });
      await update(m, next);
    });
  },

  // "Fewer topics": reduceTopics to about three quarters of the topics (the outlier topic counted, as nrTopics).
  async fewerTopics() {
    return edit(async (m) => {
      const rows = m.getTopicInfo().length;
      const k = m.getTopicInfo().filter((r) => r.Topic >= 0).length;
      if (k <= 2) throw new Error('only two topics left');
      await m.reduceTopics(corpus.texts, { nrTopics: Math.max(2, rows - Math.max(1, Math.round(k / 4))) });
    });
  },

  // "More topics": HDBSCAN again on the model's UMAP output (reducedEmbeddings_, not recomputed)
  // with a smaller min cluster size; the clusters, largest first, become the topics.
  async moreTopics() {
    return edit(async (m) => {
      if (minClusterSize <= 2) throw new Error('the min cluster size is already 2');
      const size = Math.max(2, Math.floor((minClusterSize * 2) / 3));
      const reduced = m.reducedEmbeddings_;
      const { labels } = await hdbscanCluster(reduced.data, reduced.rows, { minClusterSize: size });
      if (!labels.some((t) => t >= 0)) throw new Error(`HDBSCAN with min cluster size ${size} finds no cluster`);
      await update(m, bySize(labels));
      minClusterSize = size;
    });
  },

  async mergeTopics({ topics }) {
    if (!Array.isArray(topics) || topics.length < 2) throw new Error('select at least two topics to merge');
    return edit((m) => m.mergeTopics(corpus.texts, topics));
  },

  async splitTopic({ topic }) {
    return edit(async (m) => {
      const topics = m.topics_;
      await update(m, splitTopic(topics, topic, corpus.embeddings, corpus.embeddings.length / topics.length));
    });
  },

  async moveDocuments({ docs, to }) {
    if (!Array.isArray(docs) || docs.length === 0) throw new Error('select documents on the documents map first');
    return edit(async (m) => {
      if (to !== -1 && !m.getTopicInfo(to).length) throw new Error(`no topic ${to}`);
      await update(m, moveDocuments(m.topics_, docs, to));
    });
  },

  async undo() {
    const m = requireModel();
    const last = undoStack.at(-1);
    if (!last) throw new Error('nothing to undo');
    const start = performance.now();
    if (!sameTopics(last.topics, m.topics_)) await update(m, last.topics);
    userLabels = { ...last.userLabels };
    minClusterSize = last.minClusterSize;
    applyLabels(m);
    undoStack.pop();
    invalidate();
    return { ...editState(), engineMs: performance.now() - start };
  },

  // Plotly specs ({data, layout}) of BERTopic's figures for the fitted model.
  // `names`: the figures to build (all by default); each with the milliseconds it took.
  async figures({ names = null } = {}) {
    const m = requireModel();
    const customLabels = m.customLabels_ ?? undefined;
    const builders = {
      topics: () => visualizeTopics(m, { customLabels }),
      barchart: () => visualizeBarchart(m, { topNTopics: 8, customLabels }),
      // The 12 largest topics in view are labelled (the page relabels on zoom); big corpora get
      // hover text on a density-aware sample of 20,000 documents (visualizeDocuments' defaults).
      documents: async () => visualizeDocuments(m, corpus.texts, { maxLabels: 12, customLabels, reducedEmbeddings: await once('documentMap', () => documentMap(m)) }),
      heatmap: () => visualizeHeatmap(m, { topNTopics: 20, customLabels }),
      termRank: () => visualizeTermRank(m, { customLabels }),
      hierarchy: async () => visualizeHierarchy(m, { hierarchicalTopics: await once('hierarchy', () => m.hierarchicalTopics(corpus.texts)), customLabels }),
      overTime: async () => {
        if (!corpus.timestamps) return { error: 'Topics over time: the documents have no time column (timestamp, date, year, ...).' };
        return visualizeTopicsOverTime(m, await once('overTime', () => m.topicsOverTime(corpus.texts, corpus.timestamps, { nrBins: Math.min(20, new Set(corpus.timestamps).size) })), { topNTopics: 10, customLabels });
      },
      // The default corpus has genres: BERTopic's topics_per_class over them.
      perClass: async () => {
        if (!corpus.labels) return { error: 'Topics per class: the documents have no classes.' };
        return visualizeTopicsPerClass(m, await once('perClass', () => m.topicsPerClass(corpus.texts, corpus.labels)), { customLabels });
      },
    };
    const out = {};
    const ms = {};
    for (const name of names ?? Object.keys(builders)) {
      const start = performance.now();
      try {
        out[name] = await builders[name]();
      } catch (e) {
        out[name] = { error: e.message };
      }
      ms[name] = performance.now() - start;
    }
    return { figures: out, ms };
  },

  async distribution({ doc }) {
    const m = requireModel();
    if (!corpus.texts[doc]) throw new Error(`no document ${doc}`);
    // After an edit the fit's probabilities describe other topics: the c-TF-IDF distribution instead.
    const row = edited ? (await m.approximateDistribution([corpus.texts[doc]])).topicDistributions[0] : fitResult.probabilities[doc];
    return { figure: visualizeDistribution(row, { model: m, customLabels: m.customLabels_ ?? undefined }), text: corpus.texts[doc], topic: m.topics_[doc] };
  },

  // Documents of a topic (all topics with null). Without a query: in corpus order. With one: the
  // topics nearest its meaning (findTopics) and the documents nearest it by embedding (cosine to
  // the query's embedding, the documents' own embedding model), each marked when it contains the
  // query's text; at most `limit`.
  async search({ topic, query, limit = 50 }) {
    const m = requireModel();
    const topics = m.topics_;
    const q = String(query ?? '').trim();
    const entry = (i, similarity = null) => ({
      doc: i, topic: topics[i], text: corpus.texts[i].slice(0, 400), similarity, contains: q !== '' && corpus.texts[i].toLowerCase().includes(q.toLowerCase()),
    });
    if (!q) {
      const hits = [];
      for (let i = 0; i < corpus.texts.length && hits.length < limit; ++i) if (topic == null || topics[i] === topic) hits.push(entry(i));
      return { hits, topics: [] };
    }
    const found = await m.findTopics(q, { topN: 3 });
    const embedder = await embedderFor(corpus.embeddingModel ?? 'int8');
    const v = await embedder.embed([q]);
    const dim = v.length;
    const scored = [];
    for (let i = 0; i < corpus.texts.length; ++i) {
      if (topic != null && topics[i] !== topic) continue;
      let s = 0;
      for (let j = 0; j < dim; ++j) s += v[j] * corpus.embeddings[i * dim + j];
      scored.push([i, s / (Math.hypot(...corpus.embeddings.subarray(i * dim, (i + 1) * dim)) * Math.hypot(...v) || 1)]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const info = new Map(m.getTopicInfo().map((r) => [r.Topic, r]));
    return {
      hits: scored.slice(0, limit).map(([i, s]) => entry(i, s)),
      topics: found.topics.map((t, k) => ({ topic: t, similarity: found.similarities[k], name: info.get(t)?.CustomName ?? info.get(t)?.Name, words: info.get(t)?.Representation ?? [] })),
    };
  },

  async report() {
    const m = requireModel();
    const plotlySource = await fetchOk(new URL('../../node_modules/plotly.js-dist-min/plotly.min.js', import.meta.url)).then((r) => r.text());
    const html = await buildReport(m, corpus.texts, { title: `Topics of ${corpus.name}`, plotlySource });
    return { html };
  },

  // The live report: the model, the documents, the single-threaded engine and search by meaning
  // in one HTML file that works offline (buildReport's live option, web/plotting/live_report.js).
  async liveReport() {
    const start = performance.now();
    const html = await buildReport(requireModel(), corpus.texts, { title: `Topics of ${corpus.name}`, live: true, includeDocuments: true, semanticSearch: true });
    return { html, seconds: (performance.now() - start) / 1000 };
  },

  async saveModel() {
    const bytes = requireModel().saveZip();
    return { bytes };
  },

  async trainCtm({ modelType, nComponents, numEpochs }, progress) {
    if (!corpus?.embeddings) throw new Error('the documents have no embeddings yet');
    const next = new CTM({ modelType, nComponents, numEpochs });
    const start = performance.now();
    try {
      await next.fit(corpus.texts, { embeddings: corpus.embeddings, onProgress: progress });
    } catch (e) {
      next.free();
      throw e;
    }
    ctm?.free();
    ctm = next;
    ctmDistributions = ctm.getDocTopicDistribution({ nSamples: 20 });
    return { seconds: (performance.now() - start) / 1000, topics: ctm.getTopicLists(10) };
  },

  async ctmDistribution({ doc }) {
    if (!ctm) throw new Error('no CTM trained yet');
    const row = ctmDistributions[doc];
    if (!row) throw new Error(`no document ${doc}`);
    const names = ctm.getTopicLists(5).map((words, k) => `<b>Topic ${k}</b>: ${words.join('_')}`);
    return { figure: visualizeDistribution(row, { customLabels: names }), text: corpus.texts[doc] };
  },
};

async function embedderFor(model) {
  if (!embedders.has(model)) embedders.set(model, await createEmbedder({ model }));
  return embedders.get(model);
}

// What the page shows after a fit or an edit.
function editState() {
  const topics = model.topics_;
  return { info: topicInfo(), topics: Array.from(topics), undo: undoStack.length, minTopicSize: model.minTopicSize_, minClusterSize, autoMinTopicSize: fitOptions.minTopicSize === 'auto', autoRule: AUTO_MIN_TOPIC_SIZE_RULE };
}

function snapshot() {
  return { topics: model.topics_, userLabels: { ...userLabels }, minClusterSize };
}

const sameTopics = (a, b) => a.length === b.length && a.every((t, i) => t === b[i]);

// New document topics (ids 0..K'-1, -1) into the model: words by c-TF-IDF with the fit's
// vectorizer, topic embeddings as the centroids of the documents' embeddings.
async function update(m, topics) {
  await m.updateTopics(corpus.texts, { topics, embeddings: corpus.embeddings, vectorizerModel: fitOptions.vectorizerModel, topNWords: m.options.topNWords });
}

// The user's labels onto the model's topics (the others named by their words). Unlabelled
// models stay without custom labels.
function applyLabels(m) {
  const rows = m.getTopicInfo();
  if (!Object.keys(userLabels).length && !m.customLabels_) return;
  m.setTopicLabels(rows.map((r) => userLabels[r.Topic] ?? r.Name));
}

// The figures that depend on the topics are computed again; the documents map (UMAP) is kept.
function invalidate() {
  for (const key of [...perFit.keys()]) if (key !== 'documentMap') perFit.delete(key);
  edited = true;
}

// An edit: `change(model)` makes the new topics; the labels follow their documents, the earlier
// state goes on the undo stack. A failed change leaves the model as it was (the library's rule).
async function edit(change) {
  const m = requireModel();
  const before = snapshot();
  const start = performance.now();
  await change(m);
  const after = m.topics_;
  userLabels = carryLabels(before.userLabels, before.topics, after);
  applyLabels(m);
  undoStack.push(before);
  invalidate();
  return { ...editState(), engineMs: performance.now() - start };
}

function requireModel() {
  if (!model) throw new Error('no topic model fitted yet');
  return model;
}

function topicInfo() {
  return model.getTopicInfo().map((r) => ({ ...r, Representative_Docs: r.Representative_Docs?.map((d) => d.slice(0, 300)) }));
}

// The documents map's 2-D coordinates: the model's 5-d UMAP output reduced by UMAP(n_neighbors=10,
// min_dist=0, euclidean), what visualizeDocuments computes when given nothing (BERTopic's advice:
// compute reduced_embeddings once and pass them).
function documentMap(m) {
  const reduced = m.reducedEmbeddings_;
  return reduceDimensions(reduced.data, reduced.rows, { method: 'umap', nComponents: 2, umapModel: { nNeighbors: 10, minDist: 0, metric: 'euclidean' } });
}

self.onmessage = async ({ data: { id, method, args } }) => {
  // Progress of the running call, as messages to the page.
  const progress = ({ stage, done, total, message }) => self.postMessage({ id, progress: { stage, done, total, message } });
  try {
    if (!(method in methods)) throw new Error(`unknown method ${method}`);
    const result = await methods[method](args ?? {}, progress);
    self.postMessage({ id, result }, result?.bytes ? [result.bytes.buffer] : []);
  } catch (e) {
    self.postMessage({ id, error: e?.message ?? String(e) });
  }
};
