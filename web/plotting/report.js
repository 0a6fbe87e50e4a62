// A self-contained HTML report of a fitted TopicModel: the topic table and BERTopic's figures
// (web/plotting/), with plotly.js inlined so the file opens offline (no network request at all).
//
// Works in Node and in browsers: in Node the plotly.js source is read from the installed
// `plotly.js-dist-min` package (Node modules are imported lazily, only then); in a browser pass
// its text as `plotlySource` (e.g. fetched from the page's own copy).
import { platform } from '../platform/current.js';
import { visualizeBarchart } from './barchart.js';
import { visualizeDocuments } from './documents.js';
import { visualizeHeatmap } from './heatmap.js';
import { visualizeTermRank } from './term_rank.js';
import { visualizeTopics } from './topics.js';
import { buildLiveReport } from './live_report.js';

const STATIC_ONLY = ['embeddings', 'reducedEmbeddings', 'plotlySource', 'umapModel', 'nWords', 'topNTopics'];
const LIVE_ONLY = ['includeDocuments', 'semanticSearch'];
const KNOWN = ['title', 'live', ...STATIC_ONLY, ...LIVE_ONLY];

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** JSON for an inline <script>: typed arrays as arrays, and nothing that could close the script. */
function scriptJson(value) {
  const json = JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v) : v));
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The plotly.js bundle's text, from node_modules (Node only). */
async function readPlotlySource() {
  return platform.plotlySource();
}

/**
 * Builds the report: returns an HTML string with the topic table (Topic, Count, Name, top words),
 * and the figures that apply to the model: topic word scores (barchart); the intertopic distance
 * map and the similarity heatmap when the model has topic embeddings (fitted on embeddings); the
 * documents map when 2-D `reducedEmbeddings`, document `embeddings`, or the model's own UMAP
 * output are available; the term score decline. A figure that cannot be built (e.g. every
 * document is an outlier) is replaced by a note saying why.
 *
 * live: true builds the live report instead (web/plotting/live_report.js): the model, the
 * single-threaded engine and, with includeDocuments: true, the documents embedded, so the page
 * can browse documents per topic, search and change the number of topics offline; its figures are
 * plain HTML (no Plotly), and the static-only options below do not apply. semanticSearch: true
 * (live only) adds search by meaning with the package's static embedding model, restricted to
 * the documents' words (web/plotting/live_search.js; costs size, so it is opt-in).
 *
 * Options: title, embeddings (n x d, the training documents' embeddings, for the documents map),
 * reducedEmbeddings ({data, rows, cols} with 2+ columns), plotlySource (plotly.min.js text;
 * required outside Node), umapModel (UMAP options for the documents map, e.g. {nEpochs: 100}),
 * nWords / topNTopics (barchart).
 */
export async function buildReport(model, docs, options = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new Error('buildReport: options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new Error(`buildReport: unknown option "${key}" (known: ${KNOWN.join(', ')})`);
  }
  const { title = 'Topic model report', live = false, includeDocuments = false, semanticSearch = false, embeddings, reducedEmbeddings, umapModel, nWords, topNTopics } = options;
  if (typeof title !== 'string') throw new Error('buildReport: title must be a string');
  if (typeof live !== 'boolean') throw new TypeError('buildReport: live must be true or false');
  if (typeof includeDocuments !== 'boolean') throw new TypeError('buildReport: includeDocuments must be true or false');
  if (typeof semanticSearch !== 'boolean') throw new TypeError('buildReport: semanticSearch must be true or false');
  for (const key of live ? STATIC_ONLY : LIVE_ONLY) {
    if (options[key] !== undefined) throw new Error(`buildReport: ${key} applies only to the ${live ? 'static' : 'live'} report (live: ${!live})`);
  }
  if (!model || typeof model.getTopicInfo !== 'function') throw new Error('buildReport: model must be a fitted TopicModel');
  if (!Array.isArray(docs) || docs.some((d) => typeof d !== 'string')) throw new Error('buildReport: docs must be the array of training documents (strings)');
  const info = model.getTopicInfo(); // throws "not fitted yet"
  const topicsOfDocs = model.topics_;
  if (docs.length !== topicsOfDocs.length) {
    throw new Error(`buildReport: docs has ${docs.length} documents but the model was fitted on ${topicsOfDocs.length}`);
  }
  if (live) return buildLiveReport(model, docs, { title, escapeHtml, includeDocuments, semanticSearch });
  const plotlySource = options.plotlySource ?? await readPlotlySource();
  if (typeof plotlySource !== 'string' || !plotlySource.length) throw new Error('buildReport: plotlySource must be the text of plotly.min.js');

  const hasTopicEmbeddings = Boolean(model.topicEmbeddings_);
  let modelReduced = null;
  try {
    modelReduced = model.reducedEmbeddings_;
  } catch {
    modelReduced = null;
  }
  const figures = [];
  const add = async (id, heading, build) => {
    try {
      figures.push({ id, heading, figure: await build() });
    } catch (error) {
      figures.push({ id, heading, error: error.message });
    }
  };
  const barchartOptions = {};
  if (nWords !== undefined) barchartOptions.nWords = nWords;
  if (topNTopics !== undefined) barchartOptions.topNTopics = topNTopics;
  await add('barchart', 'Topic word scores', () => visualizeBarchart(model, barchartOptions));
  if (hasTopicEmbeddings) {
    await add('topics', 'Intertopic distance map', () => visualizeTopics(model));
    await add('heatmap', 'Topic similarity', () => visualizeHeatmap(model));
  }
  if (reducedEmbeddings !== undefined || embeddings !== undefined || modelReduced) {
    const documentOptions = {};
    if (reducedEmbeddings !== undefined) documentOptions.reducedEmbeddings = reducedEmbeddings;
    else if (embeddings !== undefined) documentOptions.embeddings = embeddings;
    if (umapModel !== undefined) documentOptions.umapModel = umapModel;
    await add('documents', 'Documents and topics', () => visualizeDocuments(model, docs, documentOptions));
  }
  await add('term-rank', 'Term score decline', () => visualizeTermRank(model));

  const outliers = info.find((row) => row.Topic === -1)?.Count ?? 0;
  const topicCount = info.filter((row) => row.Topic !== -1).length;
  const rows = info.map((row) => `<tr><td>${escapeHtml(row.Topic)}</td><td>${escapeHtml(row.Count)}</td>` +
    `<td>${escapeHtml(row.Name)}</td><td>${escapeHtml((row.Representation ?? []).join(', '))}</td></tr>`).join('\n');
  const sections = figures.map((f) => (f.error
    ? `<section><h2>${escapeHtml(f.heading)}</h2><p class="note">Not shown: ${escapeHtml(f.error)}</p></section>`
    : `<section><h2>${escapeHtml(f.heading)}</h2><div class="figure" id="figure-${f.id}"></div></section>`)).join('\n');
  const specs = Object.fromEntries(figures.filter((f) => f.figure).map((f) => [`figure-${f.id}`, f.figure]));
  const safePlotly = plotlySource.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="topicwasm">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f4f6f8; }
td:nth-child(-n+2) { text-align: right; }
.note { color: #8a5a00; }
.figure { overflow-x: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(docs.length)} documents, ${escapeHtml(topicCount)} topics, ${escapeHtml(outliers)} outlier documents (topic -1).</p>
<h2>Topics</h2>
<table id="topics">
<thead><tr><th>Topic</th><th>Count</th><th>Name</th><th>Top words</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${sections}
<script>${safePlotly}</script>
<script>
(function () {
  var figures = ${scriptJson(specs)};
  // A promise that settles once every figure is drawn (for tests and printing).
  window.topicwasmReportRendered = Promise.all(Object.keys(figures).map(function (id) {
    var figure = figures[id];
    return Plotly.newPlot(document.getElementById(id), figure.data, figure.layout, { responsive: true, displaylogo: false });
  }));
})();
</script>
</body>
</html>
`;
}
