// The live report (buildReport(..., {live: true}), web/plotting/live_report.js): one HTML file with
// the model, the documents and the single-threaded engine. Opened in headless Chromium from a
// file: URL with every network request blocked, it shows the topics, reduces them as
// TopicModel.load(save()).reduceTopics does in Node, lists a topic's documents and searches; with
// semanticSearch it also finds topics and documents by meaning (the static model in the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TopicModel } from '../web/node.js';
import { buildReport } from '../web/plotting/report.js';
import { createStaticEmbedder, loadStaticModelBytes } from '../web/embedding/static_embedder.js';
import { restrictStaticModel } from '../web/plotting/live_search.js';
import { withChromium } from './chromium.mjs';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';
import { liveTable, openOffline } from './offline.mjs';

shutdownAfterTests();

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
const table = async (page) => (await liveTable(page)).map(({ Topic, Count, Name }) => ({ Topic, Count, Name }));
const part = (text, id) => gunzipSync(Buffer.from(new RegExp(`id="${id}">([^<]*)<`).exec(text)[1], 'base64'));

test('the live report: model, engine and documents inlined; options checked', async () => {
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);
  const light = await buildReport(model, docs, { live: true });
  console.log(`live report: ${mb(html.length)} MB with ${N} documents (${mb(Buffer.byteLength(docs.join('')))} MB of text), ${mb(light.length)} MB without`);
  assert.ok(!/<script[^>]+src=/i.test(html) && !/<link[^>]+href=/i.test(html), 'nothing loaded from elsewhere');
  assert.ok(html.includes('<title>Brown &lt;live&gt; &amp; co</title>'));
  assert.ok(!html.includes('Plotly'), 'no Plotly: the figures are plain HTML');
  // Each part is gzip + base64 in a <script type="text/plain">.
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
  await assert.rejects(buildReport(model, docs, { semanticSearch: true }), /semanticSearch applies only to the live report/);
  await assert.rejects(buildReport(model, docs, { live: true, semanticSearch: 'yes' }), TypeError);
  assert.ok(!html.includes('id="topicwasm-search-model"'), 'no search model unless semanticSearch');
});

test('offline in Chromium: topics, fewer topics as in Node, documents per topic, search', async () => {
  // The reference: the same saved model loaded in Node and reduced with the same documents.
  const reference = await TopicModel.load(model.save());
  const nrTopics = 5;
  await reference.reduceTopics(docs, { nrTopics });
  const reduced = reference.getTopicInfo();
  const referenceTopics = Array.from(reference.topics_);
  reference.free();

  await withChromium(async (context) => {
    const started = performance.now();
    const { page, blocked, errors } = await openOffline(context, reportPath);
    await page.evaluate(() => window.topicwasmLiveReport.then(() => true));
    console.log(`live report ready (engine started, model restored) in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(await table(page), rowsOf(model.getTopicInfo()), 'the topics as fitted');
    assert.match(await page.textContent('#status'), /^Ready/);

    // Fewer topics: BERTopic's nr_topics counts -1; the page matches Node's reduceTopics.
    await page.fill('#nr-topics', String(nrTopics));
    await page.click('#apply-nr-topics');
    console.log(`page status after the reduction: ${await page.textContent('#status')}`);
    const shown = await table(page);
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
    const found = await table(page);
    assert.ok(found.some((r) => r.Topic === 2), `topic 2 found by "${word}"`);
    for (const r of found) assert.ok(reduced.find((x) => x.Topic === r.Topic).Representation.some((w) => w.includes(word)) || r.Name.includes(word));
    const hits = docs.filter((d) => d.toLowerCase().includes(word)).length;
    assert.match(await page.textContent('#search-results'), new RegExp(`${found.length} topics and ${hits} documents match`));

    // Back to the topics as saved.
    await page.fill('#search', '');
    await page.click('#reset-topics');
    assert.deepEqual(await table(page), rowsOf(model.getTopicInfo()));
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, [], 'no network request');
  });
});

// Cosine of unit vector `v` to each topic's centroid of `embeddings` (n x dim), by `topics`.
function topicSimilarities(v, embeddings, dim, topics) {
  const sums = new Map();
  topics.forEach((t, i) => {
    if (t < 0) return;
    if (!sums.has(t)) sums.set(t, new Float64Array(dim));
    for (let k = 0; k < dim; ++k) sums.get(t)[k] += embeddings[i * dim + k];
  });
  return new Map([...sums].map(([t, s]) => [t, s.reduce((acc, x, k) => acc + x * v[k], 0) / Math.hypot(...s)]));
}

test('search by meaning (semanticSearch): the restricted model embeds the documents as the full one; offline, topics and documents ranked by cosine', { timeout: 300_000 }, async () => {
  const full = await loadStaticModelBytes();
  const restricted = restrictStaticModel(full, docs);
  const [a, b] = await Promise.all([full, restricted.bytes].map(async (bytes) => {
    const embedder = await createStaticEmbedder(bytes);
    const vectors = await embedder.embed(docs);
    embedder.dispose();
    return vectors;
  }));
  assert.deepEqual(b, a, 'every document embeds as with the full model');
  assert.ok(restricted.kept < restricted.vocabulary / 2, `${restricted.kept} of ${restricted.vocabulary} word pieces kept`);
  const semantic = await buildReport(model, docs, { live: true, includeDocuments: true, semanticSearch: true });
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);
  const modelPart = part(semantic, 'topicwasm-search-model');
  assert.deepEqual(new Uint8Array(modelPart), restricted.bytes, 'the restricted model is inlined');
  console.log(`semantic search adds ${mb(semantic.length - html.length)} MB (${restricted.kept} of ${restricted.vocabulary} word pieces, ` +
    `model ${mb(/id="topicwasm-search-model">([^<]*)</.exec(semantic)[1].length)} MB and ${N} documents' half floats ` +
    `${mb(/id="topicwasm-search-embeddings">([^<]*)</.exec(semantic)[1].length)} MB as gzip + base64)`);
  // Without the documents: the topics' centroids (half floats) instead of the documents' embeddings.
  const withoutDocs = await buildReport(model, docs, { live: true, semanticSearch: true });
  const search = JSON.parse(part(withoutDocs, 'topicwasm-data')).search;
  assert.deepEqual(Object.keys(search.centroids).map(Number).sort((x, y) => x - y), model.getTopicInfo().map((r) => r.Topic).filter((t) => t >= 0));
  assert.ok(!withoutDocs.includes('id="topicwasm-search-embeddings"') && withoutDocs.includes('id="topicwasm-search-model"'));
  const path = join(dir, 'semantic.html');
  writeFileSync(path, semantic);
  const dim = restricted.dim;

  await withChromium(async (context) => {
    const started = performance.now();
    const { page, blocked, errors } = await openOffline(context, path);
    await page.evaluate(() => window.topicwasmLiveReport.then(() => true));
    console.log(`semantic live report ready in ${(performance.now() - started).toFixed(0)} ms`);
    assert.match(await page.textContent('#status'), /^Ready.*by meaning/);
    // A document's own text finds it first (cosine 1 up to half-float rounding); the nearest topic
    // is the one whose centroid is nearest in Node's computation.
    const check = async (topics, what) => {
      const k = docs.findIndex((d, i) => topics[i] >= 0 && d.length > 300);
      await page.fill('#search', docs[k]);
      const near = await page.$$eval('#search-results li.near', (lis) => lis.map((li) => Number(li.dataset.index)));
      assert.equal(near[0], k, `${what}: document ${k} is not the nearest to its own text`);
      const nearest = await page.$$eval('#nearest-topics li', (lis) => lis.map((li) => Number(li.dataset.topic)));
      const similarities = topicSimilarities(a.subarray(k * dim, (k + 1) * dim), a, dim, topics);
      const best = Math.max(...similarities.values());
      assert.equal(nearest.length, Math.min(3, similarities.size));
      assert.ok(best - similarities.get(nearest[0]) < 0.005, `${what}: topic ${nearest[0]} (${similarities.get(nearest[0])}) is not the nearest (${best})`);
      // The nearest topics stay in the table whatever their words.
      const shown = (await liveTable(page)).map((r) => r.Topic);
      for (const t of nearest) assert.ok(shown.includes(t), `${what}: topic ${t} hidden`);
    };
    await check(Array.from(model.topics_), 'as saved');
    // After a reduction the centroids follow the new topics.
    await page.fill('#search', '');
    await page.fill('#nr-topics', '5');
    await page.click('#apply-nr-topics');
    assert.equal((await liveTable(page)).length, 5);
    const reference = await TopicModel.load(model.save());
    await reference.reduceTopics(docs, { nrTopics: 5 });
    await check(Array.from(reference.topics_), 'reduced to 5');
    reference.free();
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, [], 'no network request');
  });
});
