// The demo page: UI only. Every computation runs in worker.js; this file sends it calls, shows
// progress, and draws what comes back (Plotly figure specs built in the Worker by web/plotting/).
import { documentsOf, guessTextColumn, guessTimeColumn, parseCorpus } from '../../web/files/corpus.js';
import { bind, createFigureBoard, draw, labelsFollowZoom } from './figures.js';
import { download, formatSeconds, progressReporter } from './ui.js';

const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

// ---- calls into the Worker -------------------------------------------------------------------
let nextId = 0;
const pending = new Map();
worker.onmessage = ({ data }) => {
  const call = pending.get(data.id);
  if (!call) return;
  if (data.progress) return call.onProgress?.(data.progress);
  pending.delete(data.id);
  if (data.error !== undefined) call.reject(new Error(data.error));
  else call.resolve(data.result);
};
worker.onerror = (e) => setStatus(`The Worker failed: ${e.message}`);

function call(method, args = {}, onProgress = null) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, method, args });
  });
}

// ---- page state and helpers -----------------------------------------------------------------
const state = { busy: false, info: [], topics: [], parsed: null, fileName: null, selectedTopics: new Set(), selectedDocs: [] };
window.demo = { state, call }; // for tests and the console

function setStatus(text) {
  $('progress-text').textContent = text;
}

function setBusy(busy) {
  state.busy = busy;
  document.body.dataset.busy = busy ? 'true' : 'false';
  for (const id of ['fit', 'load-default', 'use-file', 'ctm-train', 'more-topics', 'fewer-topics', 'fewer-outliers']) $(id).disabled = busy;
  updateEditButtons();
}

async function run(task) {
  if (state.busy) return;
  setBusy(true);
  try {
    await task();
  } catch (e) {
    setStatus(`Error: ${e.message}`);
    console.error(e);
  } finally {
    setBusy(false);
  }
}

// ---- corpus ---------------------------------------------------------------------------------
async function loadDefault() {
  const corpus = await call('loadDefault');
  $('corpus-name').textContent = `${corpus.name}, embeddings precomputed`;
  await fit();
}

async function readFile(file) {
  const text = await file.text();
  state.parsed = parseCorpus(file.name, text);
  state.fileName = file.name;
  const select = $('text-column');
  select.replaceChildren(...state.parsed.columns.map((c) => new Option(c, c)));
  select.value = guessTextColumn(state.parsed);
  $('column-picker').hidden = false;
  state.timeColumn = guessTimeColumn(state.parsed);
  const time = state.timeColumn ? ` (times from "${state.timeColumn}": topics over time)` : '';
  $('corpus-name').textContent = `${file.name}: ${state.parsed.records.length} records${time}, pick the text column`;
  showEmbedEstimate();
}

// Documents per second measured on our 2-core machine (bench/webapp.mjs: int8 MiniLM ~7 docs/s
// of Brown paragraphs in a browser tab; bench/embed-static.mjs: static ~600x that), for the estimate shown before starting.
const EMBEDDING_MODELS = {
  int8: { label: 'all-MiniLM-L6-v2', docsPerSecond: 7 },
  static: { label: 'static embeddings', docsPerSecond: 4000 },
};

function showEmbedEstimate() {
  if (!state.parsed) return;
  const n = state.parsed.records.length;
  const parts = Object.entries(EMBEDDING_MODELS).map(([, m]) => `${m.label} ~${formatSeconds(n / m.docsPerSecond)}`);
  $('embed-estimate').textContent = `Estimated embedding time for ${n} documents: ${parts.join(', ')}`;
}


async function useFile() {
  const { texts, times } = documentsOf(state.parsed, $('text-column').value, state.timeColumn);
  const corpus = await call('setDocuments', { name: state.fileName, texts, timestamps: times });
  const model = $('embedding-model').value;
  const label = EMBEDDING_MODELS[model].label;
  $('corpus-name').textContent = `${corpus.name}: ${corpus.count} documents, computing embeddings (${label})…`;
  const report = progressReporter($('progress'), $('progress-text'), `Embedding (${label})`);
  const { seconds } = await call('embed', { model }, report);
  $('corpus-name').textContent = `${corpus.name}: ${corpus.count} documents, embedded in ${seconds.toFixed(1)} s by ${label}`;
  await fit();
}

// ---- BERTopic ---------------------------------------------------------------------------------
function fitOptions() {
  const f = new FormData($('options'));
  const int = (name) => Number.parseInt(f.get(name), 10);
  const size = String(f.get('minTopicSize') ?? '').trim();
  const options = {
    minTopicSize: size === '' || size === 'auto' ? 'auto' : Number(size),
    seed: int('seed'),
    umapModel: { nNeighbors: int('nNeighbors') },
    vectorizerModel: { stopWords: f.get('stopWords') === 'english' ? 'english' : null, ngramRange: [1, int('ngramMax')] },
  };
  const nr = String(f.get('nrTopics') ?? '').trim();
  if (nr) options.nrTopics = nr === 'auto' ? 'auto' : Number(nr);
  return options;
}

async function fit() {
  const report = progressReporter($('progress'), $('progress-text'), 'Fitting');
  const result = await call('fit', { options: fitOptions() }, report);
  state.fitSeconds = result.seconds;
  setStatus(`Fitted in ${result.seconds.toFixed(1)} s. Drawing the figures…`);
  await showState(result);
  $('download-model').disabled = false;
  $('download-report').disabled = false;
  $('download-live-report').disabled = false;
  setStatus(`Fitted in ${result.seconds.toFixed(1)} s.`);
}

// After a fit or an edit: the summary, the table, the lists and the figures from the Worker's state.
async function showState(result) {
  state.info = result.info;
  state.topics = result.topics;
  state.undo = result.undo;
  const topics = result.info.filter((r) => r.Topic >= 0).length;
  const outliers = result.topics.filter((t) => t === -1).length;
  $('topic-summary').textContent = `${topics} topics, ${outliers} outlier documents of ${result.topics.length}, fitted in ${state.fitSeconds.toFixed(1)} s`;
  $('auto-note').textContent = result.autoMinTopicSize
    ? `Min topic size: auto chose ${result.minTopicSize} for ${result.topics.length} documents (${result.autoRule}; BERTopic's fixed 10 suits large corpora and leaves few, huge topics on small ones).`
    : `Min topic size ${result.minTopicSize}.`;
  if (result.minClusterSize !== result.minTopicSize) $('auto-note').textContent += ` Topics re-clustered with min cluster size ${result.minClusterSize}.`;
  const known = new Set(result.info.map((r) => r.Topic));
  state.selectedTopics = new Set([...state.selectedTopics].filter((t) => known.has(t)));
  renderTable();
  renderTopicChoices();
  updateEditButtons();
  await search();
  await renderFigures();
}

function renderTable() {
  const rows = state.info.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.topic = r.Topic;
    tr.classList.toggle('selected', state.selectedTopics.has(r.Topic));
    const pick = document.createElement('td');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', className: 'pick', checked: state.selectedTopics.has(r.Topic), disabled: r.Topic < 0 });
    box.addEventListener('change', () => toggleTopic(r.Topic, box.checked));
    pick.append(box);
    const label = document.createElement('td');
    label.contentEditable = 'true';
    label.textContent = r.CustomName ?? r.Name;
    label.addEventListener('blur', () => relabel(r.Topic, label.textContent.trim()));
    label.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); label.blur(); } });
    const cell = (text) => Object.assign(document.createElement('td'), { textContent: text });
    tr.append(pick, cell(r.Topic), cell(r.Count), label, cell(r.Representation.slice(0, 8).join(', ')));
    tr.addEventListener('click', (e) => {
      if (e.target === label || e.target === box) return;
      $('search-topic').value = String(r.Topic);
      search();
    });
    return tr;
  });
  $('topic-table').tBodies[0].replaceChildren(...rows);
}

async function relabel(topic, label) {
  const row = state.info.find((r) => r.Topic === topic);
  if (!label || label === (row.CustomName ?? row.Name)) return;
  const result = await call('setLabels', { labels: { [topic]: label } });
  state.info = result.info;
  state.undo = result.undo;
  updateEditButtons();
  renderTopicChoices();
  await renderFigures();
}

// ---- editing: selections on the table and the maps, one-click actions, undo ---------------------
function toggleTopic(topic, on = !state.selectedTopics.has(topic)) {
  if (topic < 0) return;
  if (on) state.selectedTopics.add(topic);
  else state.selectedTopics.delete(topic);
  const row = document.querySelector(`#topic-table tbody tr[data-topic="${topic}"]`);
  row?.classList.toggle('selected', on);
  const box = row?.querySelector('input.pick');
  if (box) box.checked = on;
  updateEditButtons();
}

function selectDocuments(docs) {
  state.selectedDocs = [...new Set(docs)].sort((a, b) => a - b);
  updateEditButtons();
}

function updateEditButtons() {
  const topics = [...state.selectedTopics].sort((a, b) => a - b);
  const docs = state.selectedDocs.length;
  const parts = [];
  if (topics.length) parts.push(`topics ${topics.join(', ')}`);
  if (docs) parts.push(`${docs} document${docs > 1 ? 's' : ''}`);
  $('selection-status').textContent = parts.length ? `Selected: ${parts.join('; ')}.` : 'Select topics (table boxes, intertopic map) or documents (box / lasso on the documents map).';
  $('merge-selected').disabled = state.busy || topics.length < 2;
  $('split-selected').disabled = state.busy || topics.length !== 1;
  $('move-selected').disabled = state.busy || docs === 0;
  $('undo').disabled = state.busy || !state.undo;
  $('undo').textContent = state.undo ? `Undo (${state.undo})` : 'Undo';
}

function renderMoveTargets() {
  const select = $('move-target');
  const current = select.value;
  select.replaceChildren(...state.info.map((r) => new Option(r.Topic < 0 ? 'outliers (-1)' : `${r.Topic}: ${r.CustomName ?? r.Name}`, String(r.Topic))));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

// An edit in the Worker, then the page redrawn; the time of both is shown (the issue asks for
// well under a second on the demo corpus: the engine part is c-TF-IDF only, no UMAP).
async function runEdit(label, method, args = {}) {
  const start = performance.now();
  const result = await call(method, args);
  const engineMs = result.engineMs;
  if (method !== 'undo') state.selectedDocs = [];
  if (method === 'mergeTopics' || method === 'fewerTopics' || method === 'moreTopics' || method === 'undo') state.selectedTopics.clear();
  await showState(result);
  const totalMs = performance.now() - start;
  // shownMs: the edit's call, the table and the first figures in view (the later ones are drawn
  // after them; figures out of view when they are scrolled to).
  state.lastEdit = { label, engineMs, totalMs, shownMs: state.shownMs - start, figureMs: { ...state.figureMs }, drawn: state.figuresDrawn };
  $('edit-time').textContent = `${label}: ${Math.round(engineMs)} ms in the engine, table and maps after ${Math.round(state.lastEdit.shownMs)} ms, ` +
    `the figures in view (${state.figuresDrawn.length}) after ${Math.round(totalMs)} ms.`;
  setStatus(`${label} done.`);
}

function renderTopicChoices() {
  const select = $('search-topic');
  const current = select.value;
  select.replaceChildren(new Option('all', ''), ...state.info.map((r) => new Option(`${r.Topic}: ${r.CustomName ?? r.Name}`, String(r.Topic))));
  select.value = [...select.options].some((o) => o.value === current) ? current : '';
  renderMoveTargets();
}

// Semantic search: the topics nearest the query (findTopics) and the documents nearest it by
// embedding; without a query, the documents of the chosen topic.
async function search() {
  const topicValue = $('search-topic').value;
  const query = $('search-query').value;
  const { hits, topics } = await call('search', { topic: topicValue === '' ? null : Number(topicValue), query });
  if (query !== $('search-query').value) return; // a newer search is on its way
  $('search-topics').replaceChildren(...topics.map((t) => {
    const li = document.createElement('li');
    li.dataset.topic = t.topic;
    li.textContent = `Topic ${t.topic} (similarity ${t.similarity.toFixed(2)}): ${t.name} — ${t.words.slice(0, 6).join(', ')}`;
    li.addEventListener('click', () => { $('search-topic').value = String(t.topic); search(); });
    return li;
  }));
  const items = hits.map((h) => {
    const li = document.createElement('li');
    li.dataset.doc = h.doc;
    li.dataset.topic = h.topic;
    li.classList.toggle('literal', h.contains);
    li.textContent = h.similarity === null ? `[${h.topic}] ${h.text}` : `[${h.topic}] (${h.similarity.toFixed(2)}) ${h.text}`;
    li.addEventListener('click', () => showDistribution(h.doc));
    return li;
  });
  if (!items.length) items.push(Object.assign(document.createElement('li'), { textContent: 'No documents match.' }));
  $('search-results').replaceChildren(...items);
  document.body.dataset.searched = query;
}

async function showDistribution(doc) {
  const { figure } = await call('distribution', { doc });
  draw('fig-distribution', figure);
}

// The figures in view are drawn after a fit or an edit, the others when scrolled to (figures.js).
const board = createFigureBoard({
  call,
  // The documents map selects (box by default, lasso from the mode bar) instead of zooming.
  prepare: (name, figure) => { if (name === 'documents' && figure?.layout) figure.layout = { ...figure.layout, dragmode: 'select' }; },
  afterDraw: ({ names, ms, firstAt }) => {
    state.figureMs = ms;
    state.figuresDrawn = names;
    state.shownMs = firstAt; // the table and the maps in view are up
    bind('fig-documents', 'plotly_selected', (e) => selectDocuments((e?.points ?? []).map((p) => p.customdata).filter(Number.isInteger)));
    bind('fig-documents', 'plotly_deselect', () => selectDocuments([]));
    labelsFollowZoom('fig-documents');
    bind('fig-topics', 'plotly_click', (e) => {
      const topic = e?.points?.[0]?.customdata?.[0];
      if (Number.isInteger(topic)) toggleTopic(topic);
    });
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn ?? 0) + 1);
  },
});
const renderFigures = () => board.refresh();

// ---- CTM --------------------------------------------------------------------------------------
async function trainCtm() {
  const f = new FormData($('ctm-options'));
  const args = { modelType: f.get('modelType'), nComponents: Number(f.get('nComponents')), numEpochs: Number(f.get('numEpochs')) };
  const report = progressReporter($('ctm-progress'), $('ctm-progress-text'), 'Training');
  const { seconds, topics } = await call('trainCtm', args, report);
  $('ctm-progress-text').textContent = `Trained in ${seconds.toFixed(1)} s.`;
  $('ctm-topics').replaceChildren(...topics.map((words) => Object.assign(document.createElement('li'), { textContent: words.join(', ') })));
  await showCtmDocument();
}

async function showCtmDocument() {
  const { figure, text } = await call('ctmDistribution', { doc: Number($('ctm-doc').value) });
  $('ctm-doc-text').textContent = text;
  draw('fig-ctm-distribution', figure);
}

// ---- wiring -----------------------------------------------------------------------------------
for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t === tab);
    $('panel-bertopic').hidden = tab.dataset.tab !== 'bertopic';
    $('panel-ctm').hidden = tab.dataset.tab !== 'ctm';
  });
}
$('options').addEventListener('submit', (e) => { e.preventDefault(); run(fit); });
$('load-default').addEventListener('click', () => run(loadDefault));
$('use-file').addEventListener('click', () => run(useFile));
$('file-input').addEventListener('change', (e) => e.target.files[0] && readFile(e.target.files[0]).catch((err) => setStatus(`Error: ${err.message}`)));
const drop = $('drop-zone');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer.files[0];
  if (file) readFile(file).catch((err) => setStatus(`Error: ${err.message}`));
});
$('search-topic').addEventListener('change', () => search());
let searchTimer = null;
$('search-query').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });
$('download-model').addEventListener('click', () => run(async () => {
  const { bytes } = await call('saveModel');
  download('topicwasm-model.zip', bytes, 'application/zip');
}));
$('download-report').addEventListener('click', () => run(async () => {
  setStatus('Building the report…');
  const { html } = await call('report');
  download('topics-report.html', html, 'text/html');
  setStatus('Report downloaded.');
}));
$('download-live-report').addEventListener('click', () => run(async () => {
  setStatus('Building the live report…');
  const { html, seconds } = await call('liveReport');
  download('topics-live-report.html', html, 'text/html');
  setStatus(`Live report downloaded (${(html.length / 2 ** 20).toFixed(1)} MB, built in ${seconds.toFixed(1)} s).`);
}));
$('more-topics').addEventListener('click', () => run(() => runEdit('More topics', 'moreTopics')));
$('fewer-topics').addEventListener('click', () => run(() => runEdit('Fewer topics', 'fewerTopics')));
$('fewer-outliers').addEventListener('click', () => run(() => runEdit('Fewer outliers', 'fewerOutliers', { target: Number($('outlier-target').value) })));
$('merge-selected').addEventListener('click', () => run(() => runEdit('Merge', 'mergeTopics', { topics: [...state.selectedTopics].sort((a, b) => a - b) })));
$('split-selected').addEventListener('click', () => run(() => runEdit('Split', 'splitTopic', { topic: [...state.selectedTopics][0] })));
$('move-selected').addEventListener('click', () => run(() => runEdit('Move', 'moveDocuments', { docs: state.selectedDocs, to: Number($('move-target').value) })));
$('undo').addEventListener('click', () => run(() => runEdit('Undo', 'undo')));
$('clear-selection').addEventListener('click', () => {
  for (const t of [...state.selectedTopics]) toggleTopic(t, false);
  selectDocuments([]);
  Plotly.restyle?.($('fig-documents'), { selectedpoints: [null] });
});
$('ping').addEventListener('click', () => { $('clicks').textContent = String(Number($('clicks').textContent) + 1); });
$('ctm-options').addEventListener('submit', (e) => { e.preventDefault(); run(trainCtm); });
$('ctm-doc').addEventListener('change', () => showCtmDocument().catch((err) => { $('ctm-progress-text').textContent = `Error: ${err.message}`; }));

const { threads, build, isolated } = await call('init');
$('engine-status').textContent = `Engine: ${build} build, ${threads} thread${threads > 1 ? 's' : ''}.`;
$('isolation-note').hidden = isolated;
await run(loadDefault);
document.body.dataset.ready = 'true';
