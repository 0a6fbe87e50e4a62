// The demo page (examples/demo/) in Debian's Chromium, headless, once cross-origin isolated (threads)
// and once without COOP/COEP (the single-threaded build): the default corpus's topics and figures
// appear, the page answers clicks while the Worker fits, the report downloads, CTM trains, and an
// uploaded JSONL file is embedded in the tab and modelled, over time from its year column.
// Screenshots go to test-output/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { TopicModel } from '../web/node.js';
import { shutdownAfterTests } from './helpers.mjs';
import { documentsOf, guessTextColumn, guessTimeColumn, parseCorpus, parseDelimited, textsOf } from '../web/files/corpus.js';

shutdownAfterTests();

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url));
const MODELS = fileURLToPath(new URL('../build/models/minilm-int8.onnx', import.meta.url));

test('demo file parsing: CSV quoting, JSONL, TXT, text column guess, clear errors', () => {
  assert.deepEqual(parseDelimited('a,b\n"x, ""y""\nz",2\r\n3,4\n'), [['a', 'b'], ['x, "y"\nz', '2'], ['3', '4']]);
  const csv = parseCorpus('docs.csv', 'id,body\n1,"first, document"\n2,second one\n');
  assert.deepEqual(csv.columns, ['id', 'body']);
  assert.equal(guessTextColumn(csv), 'body');
  assert.deepEqual(textsOf(csv, 'body'), ['first, document', 'second one']);
  const jsonl = parseCorpus('docs.jsonl', '{"text": "a b", "n": 1}\n\n{"text": "c d"}\n');
  assert.deepEqual(jsonl.columns, ['text']);
  assert.deepEqual(textsOf(jsonl, guessTextColumn(jsonl)), ['a b', 'c d']);
  assert.deepEqual(textsOf(parseCorpus('x.txt', 'one\n\n two \n'), 'text'), ['one', 'two']);
  assert.throws(() => parseCorpus('bad.jsonl', '{"text": 1}\n{oops'), /bad.jsonl: line 2 is not JSON/);
  assert.throws(() => parseCorpus('bad.csv', 'header only\n'), /needs a header row and at least one document/);
  assert.throws(() => parseCorpus('n.jsonl', '{"n": 1}'), /no text fields/);
  const dated = parseCorpus('d.csv', 'Date,text\n2020-01-05,a b\n2021-03-01,\n2022-07-09,c d\n');
  assert.equal(guessTimeColumn(dated), 'Date');
  assert.deepEqual(documentsOf(dated, 'text', 'Date'), { texts: ['a b', 'c d'], times: ['2020-01-05', '2022-07-09'] });
  assert.deepEqual(documentsOf(parseCorpus('y.jsonl', '{"text": "x", "year": 1990}'), 'text', 'year').times, [1990]);
  assert.equal(guessTimeColumn(parseCorpus('n.csv', 'year,text\nsoon,a\n')), null, 'not a time');
});

// The 360 State of the Union passages of examples/data (1933-2021) as JSONL with the text under
// "body" (the page has to pick the column) and a "year" (topics over time).
function uploadFile() {
  const rows = readFileSync(new URL('../examples/data/sotu-presidents.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return Buffer.from(rows.map((r) => JSON.stringify({ president: r.president, year: r.year, body: r.text })).join('\n') + '\n');
}

// Traces of a drawn figure, counted only when Plotly's SVG is really on the page at a visible size.
async function figureTraces(page, id) {
  return page.evaluate((el) => {
    const div = document.getElementById(el);
    const svg = div?.querySelector('svg.main-svg');
    return svg && svg.getBoundingClientRect().height > 100 ? div.data?.length ?? 0 : 0;
  }, id);
}

for (const isolated of [true, false]) {
  test(`demo page in Chromium (${isolated ? 'cross-origin isolated, threads' : 'no COOP/COEP, single-threaded'})`, { timeout: 600_000 }, async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian package chromium)`);
    assert.ok(existsSync(MODELS), 'build/models/minilm-int8.onnx is missing: run npm run build');
    const server = await serve({ isolated });
    const profile = mkdtempSync(join(tmpdir(), 'topicwasm-demo-'));
    let context;
    const errors = [];
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM, headless: true, args: ARGS, acceptDownloads: true, viewport: { width: 1400, height: 1000 },
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/examples/demo/`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 300_000 });
      assert.deepEqual(errors, []);
      assert.match(await page.textContent('#progress-text'), /^Fitted in/, await page.textContent('#progress-text'));

      // Engine build and the note about isolation.
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), isolated);
      assert.match(await page.textContent('#engine-status'), isolated ? /pthreads build, \d+ threads?/ : /single-threaded build, 1 thread\./);
      assert.equal(await page.isVisible('#isolation-note'), !isolated);

      // The default corpus's topics: a table row per topic, and every figure drawn with traces.
      const rows = await page.$$eval('#topic-table tbody tr', (trs) => trs.length);
      assert.ok(rows > 20, `only ${rows} topics for 1,932 Brown paragraphs`);
      for (const id of ['fig-topics', 'fig-barchart', 'fig-documents', 'fig-heatmap', 'fig-termRank', 'fig-hierarchy', 'fig-perClass']) {
        assert.ok(await figureTraces(page, id) > 0, `${id} has no traces`);
      }
      // A document's topic distribution, from the search list.
      await page.click('#search-results li');
      await page.waitForFunction(() => document.getElementById('fig-distribution').data?.length > 0);
      // Editing a label renames the topic everywhere (table, barchart).
      const cell = page.locator('#topic-table tbody tr[data-topic="0"] td[contenteditable]');
      await cell.fill('My first topic');
      await cell.press('Enter');
      await page.waitForFunction(() => JSON.stringify(document.getElementById('fig-barchart').layout.annotations ?? []).includes('My first topic'));
      for (const id of ['fig-topics', 'fig-barchart', 'fig-heatmap']) assert.ok(await figureTraces(page, id) > 0, `${id} is not drawn after relabelling`);

      // The fitted model as a zip of BERTopic's files; it loads here with the page's topics.
      const [modelDownload] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click('#download-model')]);
      const loaded = await TopicModel.load(readFileSync(await modelDownload.path()));
      const pageTopics = await page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.topic)));
      assert.deepEqual(loaded.getTopicInfo().map((r) => r.Topic), pageTopics);
      assert.equal(loaded.getTopicInfo(0)[0].CustomName, 'My first topic', 'the edited label is saved');
      loaded.free();

      mkdirSync(OUTPUT, { recursive: true });
      const mode = isolated ? 'isolated' : 'single-thread';
      await page.screenshot({ path: join(OUTPUT, `demo-${mode}.png`) });
      await page.locator('#fig-documents').screenshot({ path: join(OUTPUT, `demo-${mode}-documents.png`) });

      // The page stays responsive while the Worker fits: clicks are handled during the fit.
      await page.fill('input[name="seed"]', '7');
      await page.click('#fit');
      await page.waitForSelector('body[data-busy="true"]');
      const clickTimes = [];
      for (let i = 0; i < 3; ++i) {
        const t = Date.now();
        await page.click('#ping');
        clickTimes.push(Date.now() - t);
      }
      assert.equal(await page.textContent('#clicks'), '3');
      assert.equal(await page.getAttribute('body', 'data-busy'), 'true', 'the fit ended before the clicks: nothing was shown');
      assert.ok(Math.max(...clickTimes) < 2000, `clicks took ${clickTimes} ms during the fit`);
      await page.waitForSelector('body[data-busy="false"]', { timeout: 300_000 });
      assert.match(await page.textContent('#progress-text'), /^Fitted in/);

      // The self-contained HTML report.
      const [reportDownload] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click('#download-report')]);
      const html = readFileSync(await reportDownload.path(), 'utf8');
      assert.match(html, /Topics of Brown corpus/);
      assert.ok(html.length > 1_000_000, 'plotly.js is inlined');

      // Number of topics (BERTopic's nr_topics): 10 rows, the outliers counted.
      await page.fill('input[name="nrTopics"]', '10');
      await page.click('#fit');
      await page.waitForSelector('body[data-busy="true"]');
      await page.waitForSelector('body[data-busy="false"]', { timeout: 300_000 });
      assert.equal(await page.$$eval('#topic-table tbody tr', (trs) => trs.length), 10);
      await page.fill('input[name="nrTopics"]', '');

      // CTM tab: a short ZeroShotTM run with per-epoch progress, topics and one document's distribution.
      await page.click('#tab-ctm');
      await page.selectOption('select[name="modelType"]', 'zeroshot');
      await page.fill('input[name="nComponents"]', '8');
      await page.fill('input[name="numEpochs"]', '3');
      await page.click('#ctm-train');
      await page.waitForFunction(() => document.querySelectorAll('#ctm-topics li').length === 8, null, { timeout: 300_000 });
      await page.waitForFunction(() => document.getElementById('fig-ctm-distribution').data?.length > 0);
      assert.match(await page.textContent('#ctm-progress-text'), /^Trained in/);
      await page.click('#tab-bertopic');

      // A user's file: parsed, embedded in the tab (int8 all-MiniLM-L6-v2), modelled.
      await page.setInputFiles('#file-input', { name: 'upload.jsonl', mimeType: 'application/jsonl', buffer: uploadFile() });
      await page.waitForSelector('#column-picker:not([hidden])');
      assert.equal(await page.inputValue('#text-column'), 'body');
      assert.match(await page.textContent('#corpus-name'), /times from "year"/);
      await page.fill('input[name="minTopicSize"]', '5');
      await page.fill('input[name="seed"]', '42');
      await page.click('#use-file');
      await page.waitForFunction(() => /embedded in/.test(document.getElementById('corpus-name').textContent), null, { timeout: 300_000 });
      await page.waitForSelector('body[data-busy="false"]', { timeout: 300_000 });
      const summary = await page.textContent('#topic-summary');
      assert.match(summary, /of 360, fitted/, summary);
      const uploadTopics = await page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.topic)));
      assert.ok(uploadTopics.filter((t) => t >= 0).length >= 2, `topics of the upload: ${uploadTopics}`);
      assert.ok(await figureTraces(page, 'fig-overTime') > 0, 'topics over time from the year column');
      await page.locator('#fig-overTime').screenshot({ path: join(OUTPUT, `demo-${mode}-over-time.png`) });

      // The fast choice: the same upload with static embeddings; the page says which model made them.
      assert.match(await page.textContent('#embed-estimate'), /all-MiniLM-L6-v2 ~.*static embeddings ~/);
      await page.selectOption('#embedding-model', 'static');
      await page.click('#use-file');
      await page.waitForFunction(() => /embedded in .* by static embeddings/.test(document.getElementById('corpus-name').textContent), null, { timeout: 120_000 });
      await page.waitForSelector('body[data-busy="false"]', { timeout: 120_000 });
      assert.match(await page.textContent('#topic-summary'), /of 360, fitted/);
      const staticTopics = await page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.topic)));
      assert.ok(staticTopics.filter((t) => t >= 0).length >= 2, `topics of the upload with static embeddings: ${staticTopics}`);
      assert.deepEqual(errors, []);
    } finally {
      await context?.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
