// The live report (buildReport(..., {live: true}), web/plotting/live_report.js): one HTML file with
// the model, the documents and the single-threaded engine. Opened in headless Chromium from a
// file: URL with every network request blocked, it shows the topics, reduces them as
// TopicModel.load(save()).reduceTopics does in Node, lists a topic's documents and searches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { TopicModel } from '../web/node.js';
import { buildReport } from '../web/plotting/report.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DIM = 384;
const N = 600;

let dir, docs, model, html, reportPath;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'topicwasm-live-report-'));
  docs = brownDocs().slice(0, N).map((d) => d.text);
  // PCA + HDBSCAN: topic embeddings, outliers (about 19 topics) and c-TF-IDF in about a second.
  model = new TopicModel({ reduceModel: 'pca', minTopicSize: 5, hdbscanModel: { minSamples: 2 }, vectorizerModel: { stopWords: 'english' } });
  await model.fitTransform(docs, { embeddings: brownEmbeddings().subarray(0, N * DIM) });
  html = await buildReport(model, docs, { live: true, includeDocuments: true, title: 'Brown <live> & co' });
  reportPath = join(dir, 'live.html');
  writeFileSync(reportPath, html);
});

after(() => {
  model?.free();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (info) => info.map((r) => ({ Topic: r.Topic, Count: r.Count, Name: r.Name }));

test('the live report: model, engine and documents inlined; options checked', async () => {
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);
  const light = await buildReport(model, docs, { live: true });
  console.log(`live report: ${mb(html.length)} MB with ${N} documents (${mb(Buffer.byteLength(docs.join('')))} MB of text), ${mb(light.length)} MB without`);
  assert.ok(!/<script[^>]+src=/i.test(html) && !/<link[^>]+href=/i.test(html), 'nothing loaded from elsewhere');
  assert.ok(html.includes('<title>Brown &lt;live&gt; &amp; co</title>'));
  assert.ok(!html.includes('Plotly'), 'no Plotly: the figures are plain HTML');
  // Each part is gzip + base64 in a <script type="text/plain">.
  const part = (text, id) => gunzipSync(Buffer.from(new RegExp(`id="${id}">([^<]*)<`).exec(text)[1], 'base64'));
  assert.deepEqual(JSON.parse(part(html, 'topicwasm-data')).documents, docs, 'documents embedded with includeDocuments');
  assert.equal(JSON.parse(part(light, 'topicwasm-data')).documents, null, 'and only then');
  assert.deepEqual(part(html, 'topicwasm-engine-wasm'), readFileSync(new URL('../web/dist/topicwasm-st.wasm', import.meta.url)), 'the single-threaded engine');
  const loaded = await TopicModel.load(new Uint8Array(part(html, 'topicwasm-model')));
  assert.deepEqual(loaded.getTopicInfo(), model.getTopicInfo().map(({ Representative_Docs, ...row }) => row), 'the model zip loads');
  loaded.free();
  assert.ok(light.length < 2 * 2 ** 20, `${light.length} bytes`);
  await assert.rejects(buildReport(model, docs, { live: true, plotlySource: 'x' }), /plotlySource applies only to the static report/);
  await assert.rejects(buildReport(model, docs, { includeDocuments: true }), /includeDocuments applies only to the live report/);
  await assert.rejects(buildReport(model, docs, { live: 'yes' }), (e) => e instanceof TypeError && /live must be true or false/.test(e.message));
  await assert.rejects(buildReport(model, docs, { live: true, includeDocuments: 1 }), TypeError);
});

test('offline in Chromium: topics, fewer topics as in Node, documents per topic, search', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian package chromium)`);
  // The reference: the same saved model loaded in Node and reduced with the same documents.
  const reference = await TopicModel.load(model.save());
  const nrTopics = 5;
  await reference.reduceTopics(docs, { nrTopics });
  const reduced = reference.getTopicInfo();
  const referenceTopics = Array.from(reference.topics_);
  reference.free();

  const profile = mkdtempSync(join(tmpdir(), 'topicwasm-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const started = performance.now();
    await page.goto(pathToFileURL(reportPath).href);
    await page.evaluate(() => window.topicwasmLiveReport.then(() => true));
    console.log(`live report ready (engine started, model restored) in ${(performance.now() - started).toFixed(0)} ms`);
    const table = () => page.$$eval('#topics-body tr:not(.hidden)', (trs) => trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent);
      return { Topic: Number(cells[0]), Count: Number(cells[1]), Name: cells[3] };
    }));
    assert.deepEqual(await table(), rowsOf(model.getTopicInfo()), 'the topics as fitted');
    assert.match(await page.textContent('#status'), /^Ready/);

    // Fewer topics: BERTopic's nr_topics counts -1; the page matches Node's reduceTopics.
    await page.fill('#nr-topics', String(nrTopics));
    await page.click('#apply-nr-topics');
    console.log(`page status after the reduction: ${await page.textContent('#status')}`);
    const shown = await table();
    assert.equal(shown.length, nrTopics);
    assert.deepEqual(shown, rowsOf(reduced));
    assert.equal(shown.reduce((sum, r) => sum + r.Count, 0), N, 'sizes sum to the document count');
    assert.match(await page.textContent('#summary'), new RegExp(`^${N} documents, ${nrTopics - 1} topics`));

    // A topic's words and documents.
    const topic = 1;
    const size = reduced.find((r) => r.Topic === topic).Count;
    await page.click(`#topics-body tr[data-topic="${topic}"]`);
    assert.match(await page.textContent('#topic-heading'), new RegExp(`^Topic ${topic}: ${reduced.find((r) => r.Topic === topic).Name}`));
    const words = await page.$$eval('#topic-words .word', (els) => els.map((el) => el.textContent));
    assert.deepEqual(words, reduced.find((r) => r.Topic === topic).Representation);
    const listed = await page.$$eval('#topic-docs li.doc', (els) => els.map((el) => ({ index: Number(el.dataset.index), text: el.textContent })));
    assert.equal(listed.length, Math.min(size, 200));
    for (const { index, text } of listed) {
      assert.equal(referenceTopics[index], topic, `document ${index} belongs to topic ${topic}`);
      assert.equal(text, docs[index]);
    }
    assert.match(await page.textContent('#topic-docs'), new RegExp(`^${size} documents`));

    // Search by one of a topic's words: that topic stays, every topic shown has the word.
    const word = reduced.find((r) => r.Topic === 2).Representation[0];
    await page.fill('#search', word);
    const found = await table();
    assert.ok(found.some((r) => r.Topic === 2), `topic 2 found by "${word}"`);
    for (const r of found) assert.ok(reduced.find((x) => x.Topic === r.Topic).Representation.some((w) => w.includes(word)) || r.Name.includes(word));
    const hits = docs.filter((d) => d.toLowerCase().includes(word)).length;
    assert.match(await page.textContent('#search-results'), new RegExp(`${found.length} topics and ${hits} documents match`));

    // Back to the topics as saved.
    await page.fill('#search', '');
    await page.click('#reset-topics');
    assert.deepEqual(await table(), rowsOf(model.getTopicInfo()));
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, [], 'no network request');
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
