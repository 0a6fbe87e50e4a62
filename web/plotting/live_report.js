// The live report: one self-contained HTML file that carries the fitted model (save()'s files as
// a zip), optionally the documents, and the single-threaded engine (its ES module loader and wasm),
// each gzipped and base64-encoded, so the recipient can reopen it offline and browse documents per
// topic, search, and change the number of topics (BERTopic's reduce_topics, run by the engine in
// the page).
//
// Built where the library runs (Node or a browser): the engine files come from the package
// (platform.readBytes of the shipped assets, or env.urls), the restore spec from readModelFiles
// over the same saved files, so the page needs no parser of BERTopic's JSON files. The page's code
// is liveReportApp (live_report_app.js), inlined as source.
import { assetUrl } from '../engine/env.js';
import { topicModelOptions } from '../engine/options.js';
import { readModelFiles, TOPIC_EMBEDDINGS, CTFIDF, CTFIDF_CONFIG } from '../files/model_files.js';
import { writeZip } from '../files/zip.js';
import { platform } from '../platform/current.js';
import { liveReportApp } from './live_report_app.js';
import { floatToHalf, halfToFloat } from '../engine/embeddings.js';
import { liveSearchData, topicCentroids } from './live_search.js';

// Documents listed at most per topic or search in the page (the rest are counted).
const MAX_DOCUMENTS = 200;
const IDS = {
  data: 'topicwasm-data', loader: 'topicwasm-engine-loader', wasm: 'topicwasm-engine-wasm', model: 'topicwasm-model',
  searchModel: 'topicwasm-search-model', searchEmbeddings: 'topicwasm-search-embeddings',
};

function base64(bytes) {
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) text += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  return btoa(text);
}

/** Gzipped bytes (CompressionStream: Node 18+ and browsers), as base64 for an inline <script>. */
async function gzipBase64(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return base64(new Uint8Array(await new Response(stream).arrayBuffer()));
}

// The restore spec for the page: typed arrays as base64, the safetensors files as references into
// the model zip (they are stored there already), and the vocabulary as read from the zip's
// ctfidf_config.json (its vocab object, term -> column).
function pageSpec(spec) {
  const files = new Map([[spec.topicEmbeddings, TOPIC_EMBEDDINGS], [spec.ctfidf, CTFIDF]]);
  return Object.fromEntries(Object.entries(spec).map(([key, value]) => {
    if (value && files.has(value)) return [key, { file: files.get(value) }];
    if (value && (key === 'vocabularyUtf8' || key === 'vocabularyOffsets')) return [key, { vocabulary: CTFIDF_CONFIG }];
    if (ArrayBuffer.isView(value)) {
      return [key, { typed: value.constructor.name, base64: base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }];
    }
    return [key, value];
  }));
}

/**
 * The live report's HTML (see buildReport's `live` option). `model`: a fitted TopicModel; `docs`:
 * its training documents; includeDocuments: embed them (browse per topic, search them, change the
 * number of topics); semanticSearch: embed the static embedding model restricted to the documents'
 * word pieces and the documents' (or, without them, the topics') embeddings, so the search box
 * ranks topics and documents by meaning (live_search.js).
 */
export async function buildLiveReport(model, docs, { title, escapeHtml, includeDocuments, semanticSearch = false }) {
  const files = model.save();
  // What TopicModel.load would do with these files, minus the engine (the page has its own).
  const parsed = readModelFiles(files);
  const options = topicModelOptions(parsed.options);
  const info = model.getTopicInfo();
  const [loader, wasm] = await Promise.all([
    platform.readBytes(assetUrl('topicwasm-st.mjs'), 'topicwasm-st.mjs'),
    platform.readBytes(assetUrl('topicwasm-st.wasm'), 'topicwasm-st.wasm'),
  ]);
  const search = semanticSearch ? await liveSearchData(docs, model.topics_) : null;
  const data = {
    title,
    // Search by meaning: the model's size; without the documents, the topics' centroids (half floats).
    search: search && {
      dim: search.dim, kept: search.kept, vocabulary: search.vocabulary,
      centroids: includeDocuments ? null : Object.fromEntries([...search.centroids].map(([t, v]) => [t, base64(floatToHalf(v))])),
    },
    nDocuments: docs.length,
    maxDocuments: MAX_DOCUMENTS,
    documents: includeDocuments ? docs : null,
    // Labels set with setTopicLabels name the topics as saved (a reduction names topics afresh).
    info: info.map((r) => ({ Topic: r.Topic, Count: r.Count, Name: r.CustomName ?? r.Name, Representation: r.Representation ?? [] })),
    topicWords: Object.fromEntries(info.map((r) => [String(r.Topic), model.getTopic(r.Topic) || []])),
    documentTopics: Array.from(model.topics_),
    options,
    spec: pageSpec(parsed.spec),
  };
  const outliers = info.find((row) => row.Topic === -1)?.Count ?? 0;
  const topicCount = info.filter((row) => row.Topic !== -1).length;
  const app = `${halfToFloat.toString()}\n${topicCentroids.toString()}\n(${liveReportApp.toString()})(${JSON.stringify(IDS)});`.replace(/<\/(script)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="topicwasm (live report)">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.controls input[type=number] { width: 5rem; }
#status { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f4f6f8; }
td:nth-child(-n+2) { text-align: right; }
td:nth-child(3) { width: 8rem; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f7fafc; }
tr.selected { background: #d8e8f7; font-weight: 600; }
tr.hidden { display: none; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; align-items: start; }
#topic-panel { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } #topic-panel { position: static; max-height: none; } }
.size { display: block; height: 0.8rem; background: #4c78a8; margin-top: 0.2rem; }
.bar { display: grid; grid-template-columns: 8rem 1fr 3.5rem; gap: 0.5rem; align-items: center; max-width: 40rem; }
.bar .fill { height: 0.8rem; background: #f58518; }
.bar .score { color: #555; font-size: 0.85rem; }
.note { color: #8a5a00; }
.tag { color: #4c78a8; font-size: 0.85rem; }
li.literal { border-left: 3px solid #f58518; padding-left: 0.4rem; }
#nearest-topics li { cursor: pointer; }
li { margin: 0.3rem 0; max-width: 60rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p id="summary">${escapeHtml(docs.length)} documents, ${escapeHtml(topicCount)} topics, ${escapeHtml(outliers)} outlier documents (topic -1).</p>
<div class="controls">
<label>Search <input id="search" type="search" placeholder="${semanticSearch ? 'words or a phrase: found by meaning and by text' : 'a word, a label, a phrase'}"></label>
<label title="Counting the outlier topic -1, as BERTopic's nr_topics">Number of topics <input id="nr-topics" type="number" min="2" step="1" value="${Math.max(2, Math.ceil(info.length / 2))}" disabled></label>
<button id="apply-nr-topics" disabled>Reduce</button>
<button id="reset-topics" disabled>Topics as saved</button>
<button id="download-model">Download the model (zip)</button>
<span id="status">Loading…</span>
</div>
<div id="search-results"></div>
<main>
<section>
<h2>Topics</h2>
<p class="hint">Click a topic for its words${includeDocuments ? ' and documents' : ''}.</p>
<table id="topics">
<thead><tr><th>Topic</th><th>Count</th><th>Size</th><th>Name</th><th>Top words</th></tr></thead>
<tbody id="topics-body"></tbody>
</table>
</section>
<section id="topic-panel" hidden>
<h2 id="topic-heading"></h2>
<div id="topic-words"></div>
<div id="topic-docs"></div>
</section>
</main>
<script type="text/plain" id="${IDS.data}">${await gzipBase64(new TextEncoder().encode(JSON.stringify(data)))}</script>
<script type="text/plain" id="${IDS.model}">${await gzipBase64(writeZip(files))}</script>
<script type="text/plain" id="${IDS.loader}">${await gzipBase64(loader)}</script>
<script type="text/plain" id="${IDS.wasm}">${await gzipBase64(wasm)}</script>
${search ? `<script type="text/plain" id="${IDS.searchModel}">${await gzipBase64(search.model)}</script>\n` : ''}${search && includeDocuments ? `<script type="text/plain" id="${IDS.searchEmbeddings}">${await gzipBase64(floatToHalf(search.embeddings))}</script>\n` : ''}<script>
${app}
</script>
</body>
</html>
`;
}
