// The demo's engine side: every piece of topic-modeling work runs here, in a module Worker, so the
// page never blocks. The page calls {id, method, args}; we answer {id, result} or {id, error} and
// send {id, progress} while a call runs (the engine reports progress synchronously from inside a
// fit; postMessage queues it and the page shows it at once).
import {
  CTM, TopicModel, buildReport, createEmbedder, halfToFloat, init, reduceDimensions, visualizeBarchart, visualizeDistribution,
  visualizeDocuments, visualizeHeatmap, visualizeTermRank, visualizeTopics, visualizeTopicsPerClass, visualizeHierarchy, visualizeTopicsOverTime,
} from '../../web/index.js';

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
    if (!embedders.has(model)) embedders.set(model, await createEmbedder({ model }));
    const start = performance.now();
    corpus.embeddings = await embedders.get(model).embed(corpus.texts, { onProgress: progress });
    corpus.embeddingModel = model;
    return { seconds: (performance.now() - start) / 1000 };
  },

  async fit({ options }, progress) {
    if (!corpus?.embeddings) throw new Error('the documents have no embeddings yet');
    const next = new TopicModel({ ...options, calculateProbabilities: true });
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
    return { seconds: (performance.now() - start) / 1000, info: topicInfo(), topics: Array.from(result.topics) };
  },

  async setLabels({ labels }) {
    requireModel().setTopicLabels(labels);
    return { info: topicInfo() };
  },

  // Plotly specs ({data, layout}) of BERTopic's figures for the fitted model.
  async figures() {
    const m = requireModel();
    const safely = async (build) => {
      try {
        return await build();
      } catch (e) {
        return { error: e.message };
      }
    };
    const customLabels = m.customLabels_ ?? undefined;
    return {
      topics: await safely(() => visualizeTopics(m, { customLabels })),
      barchart: await safely(() => visualizeBarchart(m, { topNTopics: 8, customLabels })),
      documents: await safely(async () => visualizeDocuments(m, corpus.texts, { hideAnnotations: true, customLabels, reducedEmbeddings: await once('documentMap', () => documentMap(m)) })),
      heatmap: await safely(() => visualizeHeatmap(m, { topNTopics: 20, customLabels })),
      termRank: await safely(() => visualizeTermRank(m, { customLabels })),
      hierarchy: await safely(async () => visualizeHierarchy(m, { hierarchicalTopics: await once('hierarchy', () => m.hierarchicalTopics(corpus.texts)), customLabels })),
      overTime: corpus.timestamps
        ? await safely(async () => visualizeTopicsOverTime(m, await once('overTime', () => m.topicsOverTime(corpus.texts, corpus.timestamps, { nrBins: Math.min(20, new Set(corpus.timestamps).size) })), { topNTopics: 10, customLabels }))
        : { error: 'Topics over time: the documents have no time column (timestamp, date, year, ...).' },
      // The default corpus has genres: BERTopic's topics_per_class over them.
      perClass: corpus.labels
        ? await safely(async () => visualizeTopicsPerClass(m, await once('perClass', () => m.topicsPerClass(corpus.texts, corpus.labels)), { customLabels }))
        : { error: 'Topics per class: the documents have no classes.' },
    };
  },

  async distribution({ doc }) {
    const m = requireModel();
    const row = fitResult.probabilities[doc];
    if (!row) throw new Error(`no document ${doc}`);
    return { figure: visualizeDistribution(row, { model: m, customLabels: m.customLabels_ ?? undefined }), text: corpus.texts[doc], topic: fitResult.topics[doc] };
  },

  // Documents of a topic (all topics with null) whose text contains the query, at most `limit`.
  async search({ topic, query, limit = 50 }) {
    requireModel();
    const q = String(query ?? '').toLowerCase();
    const hits = [];
    for (let i = 0; i < corpus.texts.length && hits.length < limit; ++i) {
      if (topic != null && fitResult.topics[i] !== topic) continue;
      if (q && !corpus.texts[i].toLowerCase().includes(q)) continue;
      hits.push({ doc: i, topic: fitResult.topics[i], text: corpus.texts[i].slice(0, 400) });
    }
    return { hits };
  },

  async report() {
    const m = requireModel();
    const plotlySource = await fetchOk(new URL('../../node_modules/plotly.js-dist-min/plotly.min.js', import.meta.url)).then((r) => r.text());
    const html = await buildReport(m, corpus.texts, { title: `Topics of ${corpus.name}`, plotlySource });
    return { html };
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
