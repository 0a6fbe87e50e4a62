// The HTML report (web/plotting/report.js) and the CLI's `fit` subcommand: the report holds the topic table
// and inlined plotly.js, and opens in headless Chromium with every network request blocked, each
// figure drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { TopicModel } from '../web/node.js';
import { buildReport } from '../web/plotting/report.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DIM = 384;
const cli = fileURLToPath(new URL('../bin/topicwasm.mjs', import.meta.url));

let dir, docs, embeddings, model, html, reportPath;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'topicwasm-report-'));
  const brown = brownDocs().slice(0, 600);
  docs = brown.map((d) => d.text);
  embeddings = brownEmbeddings().slice(0, docs.length * DIM);
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, minTopicSize: 5, umapModel: { nEpochs: 100 } });
  await model.fitTransform(docs, { embeddings });
  html = await buildReport(model, docs, { title: 'Brown <600> & co', embeddings, umapModel: { nEpochs: 100 } });
  reportPath = join(dir, 'report.html');
  writeFileSync(reportPath, html);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Opens an HTML file with every non-file: request aborted; returns what was drawn. */
async function renderOffline(path) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian package chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'topicwasm-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(pathToFileURL(path).href);
    await page.evaluate(() => window.topicwasmReportRendered);
    const figures = await page.evaluate(() => [...document.querySelectorAll('.figure')].map((el) => ({
      id: el.id,
      plotly: el.classList.contains('js-plotly-plot'),
      traces: Array.isArray(el.data) ? el.data.length : 0,
      drawn: el.querySelectorAll('.main-svg').length,
    })));
    const plots = await page.evaluate(() => document.querySelectorAll('.js-plotly-plot').length);
    const tableRows = await page.evaluate(() => document.querySelectorAll('#topics tbody tr').length);
    const title = await page.title();
    return { figures, plots, tableRows, title, errors, blocked };
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('buildReport: topic table, every figure, Plotly inlined, escaped text', async () => {
  const info = model.getTopicInfo();
  assert.ok(info.length > 3, `expected several topics, got ${info.length}`);
  for (const row of info) {
    assert.ok(html.includes(`<td>${row.Name}</td>`), `topic name ${row.Name} in the table`);
    assert.ok(html.includes(row.Representation.slice(0, 3).join(', ')));
  }
  const plotly = readFileSync(new URL('../node_modules/plotly.js-dist-min/plotly.min.js', import.meta.url), 'utf8');
  assert.ok(html.includes(plotly.slice(0, 2000)), 'plotly.min.js is inlined');
  assert.ok(!/<script[^>]+src=/i.test(html), 'no external script');
  assert.ok(!/<link[^>]+href=/i.test(html), 'no external stylesheet');
  for (const id of ['barchart', 'topics', 'heatmap', 'documents', 'term-rank']) assert.ok(html.includes(`id="figure-${id}"`), id);
  assert.ok(!html.includes('Not shown'));
  assert.ok(html.includes('<title>Brown &lt;600&gt; &amp; co</title>'));

  // plotlySource replaces the Node lookup (browsers); a manual fit has no topic embeddings, so
  // only the barchart and the term rank apply.
  const manual = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const small = ['cats purr and cats sleep', 'dogs bark at cats', 'stocks fell as markets slid', 'markets rallied and stocks rose'];
  await manual.fitTransform(small, { y: [0, 0, 1, 1] });
  const light = await buildReport(manual, small, { plotlySource: '/* plotly stand-in */ window.Plotly = {};' });
  assert.ok(light.includes('/* plotly stand-in */'));
  assert.ok(light.length < 20000);
  assert.deepEqual([...light.matchAll(/id="figure-([a-z-]+)"/g)].map((m) => m[1]), ['barchart', 'term-rank']);
  await assert.rejects(buildReport(manual, small.slice(1)), /docs has 3 documents but the model was fitted on 4/);
  await assert.rejects(buildReport(manual, small, { colour: 1 }), /unknown option "colour"/);
});

test('the report opens in Chromium with no network access and draws every figure', async () => {
  const shown = await renderOffline(reportPath);
  assert.deepEqual(shown.errors, []);
  assert.deepEqual(shown.blocked, [], 'the report made no network request');
  assert.equal(shown.title, 'Brown <600> & co');
  assert.equal(shown.tableRows, model.getTopicInfo().length);
  assert.deepEqual(shown.figures.map((f) => f.id), ['figure-barchart', 'figure-topics', 'figure-heatmap', 'figure-documents', 'figure-term-rank']);
  assert.equal(shown.plots, 5);
  for (const figure of shown.figures) {
    assert.ok(figure.plotly, `${figure.id} is a Plotly plot`);
    assert.ok(figure.traces > 0, `${figure.id} has traces`);
    assert.ok(figure.drawn > 0, `${figure.id} is drawn`);
  }
});

test('CLI fit with --embeddings prints the topic table and writes the report', async () => {
  const n = 300;
  const corpus = join(dir, 'docs.jsonl');
  writeFileSync(corpus, docs.slice(0, n).map((text) => JSON.stringify({ body: text })).join('\n') + '\n');
  const vectors = join(dir, 'docs.f32');
  const rows = embeddings.slice(0, n * DIM);
  writeFileSync(vectors, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
  const out = join(dir, 'cli-report.html');
  const run = (args) => promisify(execFile)('node', [cli, ...args], { encoding: 'utf8' });
  const modelDir = join(dir, 'model');
  const { stdout } = await run(['fit', corpus, '--text-field', 'body', '--embeddings', vectors, '--min-topic-size', '5', '--out', out,
    '--model-dir', modelDir]);
  assert.match(stdout, /^300 documents, \d+ topics/m);
  assert.match(stdout, /^Topic\s+Count\s+Name$/m);
  const tableRows = stdout.split('\n').filter((line) => /^-?\d+\s+\d+\s+-?\d+_\S+$/.test(line));
  assert.ok(tableRows.length >= 2, stdout);
  assert.match(stdout, /Report written to/);
  const report = readFileSync(out, 'utf8');
  for (const line of tableRows) assert.ok(report.includes(`<td>${line.split(/\s+/)[2]}</td>`), line);
  assert.ok(report.includes('id="figure-barchart"') && report.includes('id="figure-documents"'));

  // --model-dir: BERTopic's safetensors directory, which loads back with the printed topics.
  assert.match(stdout, /Model written to .*config\.json, topics\.json, topic_embeddings\.safetensors, ctfidf\.safetensors, ctfidf_config\.json/);
  const saved = await TopicModel.load(modelDir);
  assert.deepEqual(saved.getTopicInfo().map((row) => row.Name), tableRows.map((line) => line.split(/\s+/)[2]));
  assert.equal(JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')).min_topic_size, 5);
  saved.free();
  const bad = join(dir, 'bad.f32');
  writeFileSync(bad, new Uint8Array(4 * 301));
  await assert.rejects(run(['fit', corpus, '--text-field', 'body', '--embeddings', bad]), /301 float32 values do not split into 300 rows/);
});
