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
import { liveTable, openOffline } from './offline.mjs';
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

// The page draws a figure when it is in view (examples/demo/figures.js): scrolls to it and waits
// until it shows the current topics.
async function shown(page, id) {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => document.getElementById(el).dataset.stale === 'false', id, { timeout: 120_000 });
}

// Traces of a drawn figure, counted only when Plotly's SVG is really on the page at a visible size.
async function figureTraces(page, id) {
  return page.evaluate((el) => {
    const div = document.getElementById(el);
    const svg = div?.querySelector('svg.main-svg');
    return svg && svg.getBoundingClientRect().height > 100 ? div.data?.length ?? 0 : 0;
  }, id);
}

// ---- editing on the page (issue 17) ------------------------------------------------------------
const tableRows = (page) => page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
const counts = async (page) => Object.fromEntries((await tableRows(page)).map(([topic, count]) => [Number(topic), Number(count)]));
const outlierShare = async (page) => {
  const [, outliers, n] = /(\d+) outlier documents of (\d+)/.exec(await page.textContent('#topic-summary'));
  return Number(outliers) / Number(n);
};

// Clicks `selector` and waits until the edit is applied and the figures are drawn again; returns
// the page's timing of it {label, engineMs, totalMs}.
// The intertopic map (or `view`) is scrolled to the top first (the edit bar stays on screen): the
// maps are in view, as for a user editing on them, and the page redraws those.
async function edit(page, selector, view = 'fig-topics') {
  await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'start' }), view);
  const drawn = Number(await page.getAttribute('body', 'data-drawn'));
  await page.click(selector);
  await page.waitForFunction((d) => Number(document.body.dataset.drawn) > d && document.body.dataset.busy === 'false', drawn, { timeout: 60_000 });
  assert.doesNotMatch(await page.textContent('#progress-text'), /^Error/, await page.textContent('#progress-text'));
  return page.evaluate(() => window.demo.state.lastEdit);
}

// The figures show the table's topics: the intertopic map's bubbles and the documents map's points.
async function assertFiguresFollow(page, what) {
  for (const id of ['fig-topics', 'fig-documents']) await shown(page, id);
  const tableTopics = Object.keys(await counts(page)).map(Number).filter((t) => t >= 0).sort((a, b) => a - b);
  const mapTopics = await page.evaluate(() => document.getElementById('fig-topics').data.flatMap((t) => t.customdata.map((c) => c[0])).sort((a, b) => a - b));
  assert.deepEqual(mapTopics, tableTopics, `${what}: the intertopic map shows other topics than the table`);
  const docsPerTopic = await page.evaluate(() => document.getElementById('fig-documents').data.map((t) => [t.name, t.customdata?.length ?? 0]));
  const table = await counts(page);
  const onMap = docsPerTopic.reduce((sum, [, n]) => sum + n, 0);
  assert.equal(onMap, Object.values(table).reduce((a, b) => a + b, 0), `${what}: the documents map lost documents`);
  assert.equal(docsPerTopic.filter(([, n]) => n > 0).length, Object.keys(table).length, `${what}: the documents map has ${docsPerTopic.length} groups for ${Object.keys(table).length} table rows`);
}

// The editing screenshots go to docs/ (the README shows them), not test-output/.
const SCREENSHOT = (name) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

async function editingFlow(page) {
  const times = [];
  // "Fewer outliers" (reduceOutliers down to the 10% target, then updateTopics).
  const outliersBefore = await outlierShare(page);
  times.push(await edit(page, '#fewer-outliers'));
  const outliersAfter = await outlierShare(page);
  assert.ok(outliersAfter < 0.25 && outliersAfter < outliersBefore, `outliers ${outliersBefore} -> ${outliersAfter}`);
  await assertFiguresFollow(page, 'fewer outliers');

  // Merge two topics picked in the table: one row less, the merged topic holds both.
  const start = await tableRows(page);
  const c0 = await counts(page);
  await page.check('#topic-table tbody tr[data-topic="1"] input.pick');
  await page.check('#topic-table tbody tr[data-topic="2"] input.pick');
  times.push(await edit(page, '#merge-selected'));
  // Only the figures in view are drawn after an edit; one further down is drawn when scrolled to.
  assert.equal(await page.getAttribute('#fig-hierarchy', 'data-stale'), 'true', 'the hierarchy, out of view, was drawn at once');
  assert.ok(times.at(-1).drawn.includes('topics') && !times.at(-1).drawn.includes('hierarchy'), `drawn after the merge: ${times.at(-1).drawn}`);
  const c1 = await counts(page);
  assert.equal(Object.keys(c1).length, Object.keys(c0).length - 1);
  assert.ok(Object.values(c1).includes(c0[1] + c0[2]), `no merged topic of ${c0[1]} + ${c0[2]} documents: ${JSON.stringify(c1)}`);
  await assertFiguresFollow(page, 'merge');

  // Split topic 0 (2-means on its documents' embeddings): a new topic; the two hold topic 0's documents.
  await page.check('#topic-table tbody tr[data-topic="0"] input.pick');
  times.push(await edit(page, '#split-selected'));
  const c2 = await counts(page);
  const added = Math.max(...Object.keys(c2).map(Number));
  assert.equal(Object.keys(c2).length, Object.keys(c1).length + 1);
  assert.equal(c2[0] + c2[added], c1[0]);
  await assertFiguresFollow(page, 'split');

  // The screenshot of the editing flow for the README: the edit bar, the timing, the table.
  await page.check('#topic-table tbody tr[data-topic="3"] input.pick');
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await page.locator('#panel-bertopic .content h2').first().boundingBox();
  const bottom = await page.locator('.table-wrap').boundingBox();
  await page.screenshot({ path: SCREENSHOT('demo-editing.png'), clip: { x: bottom.x - 8, y: top.y - 8, width: bottom.width + 16, height: bottom.y + bottom.height - top.y + 16 } });
  await page.uncheck('#topic-table tbody tr[data-topic="3"] input.pick');

  // Documents selected with a box on the documents map (scrolled into view: the mouse works in
  // the viewport) move to another topic.
  await page.locator('#fig-documents').scrollIntoViewIfNeeded();
  const box = await page.locator('#fig-documents .nsewdrag').first().boundingBox();
  // A 60-pixel box around the centre of topic 1's points (plot coordinates -> pixels by the axes).
  const centre = await page.evaluate(() => {
    const gd = document.getElementById('fig-documents');
    const trace = gd.data.find((t) => t.customdata?.some((d) => window.demo.state.topics[d] === 1));
    const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
    return { x: gd._fullLayout.xaxis.l2p(mean(trace.x)), y: gd._fullLayout.yaxis.l2p(mean(trace.y)) };
  });
  await page.mouse.move(box.x + centre.x - 30, box.y + centre.y - 30);
  await page.mouse.down();
  await page.mouse.move(box.x + centre.x + 30, box.y + centre.y + 30, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => window.demo.state.selectedDocs.length > 0, null, { timeout: 10_000 });
  const selected = await page.evaluate(() => window.demo.state.selectedDocs);
  const topicsOfSelected = await page.evaluate((docs) => docs.map((d) => window.demo.state.topics[d]), selected);
  await page.selectOption('#move-target', '0');
  await page.locator('#fig-documents').screenshot({ path: SCREENSHOT('demo-editing-map.png') });
  times.push(await edit(page, '#move-selected', 'fig-documents'));
  const c3 = await counts(page);
  assert.equal(c3[0], c2[0] + topicsOfSelected.filter((t) => t !== 0).length, `${selected.length} documents moved to topic 0`);
  await assertFiguresFollow(page, 'move');

  // Undo, three times: the table as before the merge.
  for (let i = 0; i < 3; ++i) times.push(await edit(page, '#undo'));
  assert.deepEqual(await tableRows(page), start, 'undo did not restore the table');
  await assertFiguresFollow(page, 'undo');

  // "Fewer topics" and "more topics" (HDBSCAN again on the UMAP output, UMAP not run again).
  times.push(await edit(page, '#fewer-topics'));
  assert.ok(Object.keys(await counts(page)).length < start.length);
  times.push(await edit(page, '#undo'));
  times.push(await edit(page, '#more-topics'));
  assert.ok(Object.keys(await counts(page)).length > start.length, 'more topics');
  assert.match(await page.textContent('#auto-note'), /re-clustered with min cluster size \d+/);
  times.push(await edit(page, '#undo'));
  assert.deepEqual(await tableRows(page), start, 'undo did not restore the table');
  console.log(`edits on 360 documents (ms in the engine / table and maps shown / every figure in view, and how many): ${times.map((t) => `${t.label} ${Math.round(t.engineMs)}/${Math.round(t.shownMs)}/${Math.round(t.totalMs)} (${t.drawn.length})`).join(', ')}`);
  for (const t of [times.at(-1), times.find((x) => x.label === 'Move')]) {
    console.log(`figures (ms, ${t.label}): ${JSON.stringify(Object.fromEntries(Object.entries(t.figureMs).map(([k, v]) => [k, Math.round(v)])))}`);
  }
  for (const t of times) assert.ok(t.engineMs < 3000, `${t.label} took ${t.engineMs} ms in the engine`);

  // Semantic search: "weapons" finds a topic whose top words do not have it but whose documents do.
  const query = 'weapons';
  await page.selectOption('#search-topic', '');
  await page.fill('#search-query', query);
  await page.waitForSelector(`body[data-searched="${query}"]`, { timeout: 120_000 });
  const found = Number(await page.getAttribute('#search-topics li:first-child', 'data-topic'));
  const words = await page.evaluate((t) => window.demo.state.info.find((r) => r.Topic === t).Representation, found);
  const full = await page.evaluate(async (t) => (await window.demo.call('search', { topic: t, query: 'weapons', limit: 100_000 })).hits, found);
  console.log(`search "${query}": topic ${found} (${words.join(', ')}), ${full.filter((h) => h.contains).length} of its ${full.length} documents contain the word`);
  assert.ok(!words.includes(query), `topic ${found}'s top words contain "${query}"`);
  assert.ok(full.some((h) => h.contains), `no document of topic ${found} contains "${query}"`);
  await page.fill('#search-query', '');
  await page.waitForSelector('body[data-searched=""]');
}

// The live report downloaded from the page, opened from file:// with the network blocked: the
// page's topics, and search by meaning finds a topic by a word its top words lack ("weapons").
async function liveReportFromDemo(context, page, texts) {
  const started = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click('#download-live-report')]);
  const path = join(OUTPUT, 'demo-live-report.html');
  await download.saveAs(path);
  const built = performance.now() - started;
  const { page: report, blocked, errors } = await openOffline(context, path);
  try {
    await report.evaluate(() => window.topicwasmLiveReport.then(() => true));
    console.log(`live report from the demo: ${await page.textContent('#progress-text')} Downloaded after ${Math.round(built)} ms, ready offline after ${Math.round(performance.now() - started - built)} ms`);
    const demoRows = (await tableRows(page)).map(([topic, count]) => [Number(topic), Number(count)]);
    assert.deepEqual((await liveTable(report)).map((r) => [r.Topic, r.Count]), demoRows, 'the live report shows the page\'s topics');
    const query = 'weapons';
    await report.fill('#search', query);
    const found = Number(await report.getAttribute('#nearest-topics li:first-child', 'data-topic'));
    const words = (await liveTable(report)).find((r) => r.Topic === found).words;
    const topics = await page.evaluate(() => window.demo.state.topics);
    const containing = texts.filter((t, i) => topics[i] === found && t.toLowerCase().includes(query)).length;
    console.log(`live report search "${query}": topic ${found} (${words.join(', ')}), ${containing} of its documents contain the word`);
    assert.ok(!words.includes(query), `topic ${found}'s top words contain "${query}"`);
    assert.ok(containing > 0, `no document of topic ${found} contains "${query}"`);
    assert.ok(await report.isVisible(`#topics-body tr[data-topic="${found}"]`), 'the topic found by meaning stays in the table');
    await report.setViewportSize({ width: 1400, height: 900 });
    await report.screenshot({ path: fileURLToPath(new URL('../docs/live-report-search.png', import.meta.url)) });
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, [], 'no network request');
  } finally {
    await report.close();
  }
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
        await shown(page, id);
        assert.ok(await figureTraces(page, id) > 0, `${id} has no traces`);
      }
      // The documents map is labelled with its largest topics, again when zoomed onto one of them.
      const labels = () => page.evaluate(() => document.getElementById('fig-documents').layout.annotations.filter((a) => a.name === 'topic label').map((a) => a.text));
      const before = await labels();
      assert.ok(before.length > 0 && before.length <= 12, `${before.length} labels`);
      const zoom = await page.evaluate(() => {
        const items = document.getElementById('fig-documents').layout.meta.topicLabels.items;
        const small = items.reduce((a, b) => (b.count < a.count ? b : a));
        return { text: small.text, x: [small.x - 0.05, small.x + 0.05], y: [small.y - 0.05, small.y + 0.05] };
      });
      await page.evaluate((z) => Plotly.relayout('fig-documents', { 'xaxis.range': z.x, 'yaxis.range': z.y }), zoom);
      await page.waitForFunction((t) => document.getElementById('fig-documents').layout.annotations.some((a) => a.name === 'topic label' && a.text === t), zoom.text);
      await page.evaluate(() => Plotly.relayout('fig-documents', { 'xaxis.autorange': true, 'yaxis.autorange': true }));
      await page.waitForFunction((n) => document.getElementById('fig-documents').layout.annotations.filter((a) => a.name === 'topic label').length === n, before.length);
      // A document's topic distribution, from the search list.
      await page.click('#search-results li');
      await page.waitForFunction(() => document.getElementById('fig-distribution').data?.length > 0);
      // Editing a label renames the topic everywhere (table, barchart).
      const cell = page.locator('#topic-table tbody tr[data-topic="0"] td[contenteditable]');
      await cell.fill('My first topic');
      await cell.press('Enter');
      await page.locator('#fig-barchart').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => JSON.stringify(document.getElementById('fig-barchart').layout.annotations ?? []).includes('My first topic'));
      for (const id of ['fig-topics', 'fig-barchart', 'fig-heatmap']) {
        await shown(page, id);
        assert.ok(await figureTraces(page, id) > 0, `${id} is not drawn after relabelling`);
      }

      // The fitted model as a zip of BERTopic's files; it loads here with the page's topics.
      const [modelDownload] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click('#download-model')]);
      const loaded = await TopicModel.load(readFileSync(await modelDownload.path()));
      const pageTopics = await page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.topic)));
      assert.deepEqual(loaded.getTopicInfo().map((r) => r.Topic), pageTopics);
      assert.equal(loaded.getTopicInfo(0)[0].CustomName, 'My first topic', 'the edited label is saved');
      loaded.free();

      mkdirSync(OUTPUT, { recursive: true });
      const mode = isolated ? 'isolated' : 'single-thread';
      await page.evaluate(() => window.scrollTo(0, 0));
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
      // With the page's defaults: minTopicSize 'auto', which says what it chose.
      assert.equal(await page.inputValue('input[name="minTopicSize"]'), 'auto');
      await page.fill('input[name="seed"]', '42');
      await page.click('#use-file');
      await page.waitForFunction(() => /embedded in/.test(document.getElementById('corpus-name').textContent), null, { timeout: 300_000 });
      await page.waitForSelector('body[data-busy="false"]', { timeout: 300_000 });
      const summary = await page.textContent('#topic-summary');
      assert.match(summary, /of 360, fitted/, summary);
      assert.match(await page.textContent('#auto-note'), /auto chose \d+ for 360 documents/);
      const uploadTopics = await page.$$eval('#topic-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.topic)));
      console.log(`upload with defaults: ${summary}; ${await page.textContent('#auto-note')}`);
      assert.ok(uploadTopics.filter((t) => t >= 0).length >= 8, `topics of the upload with defaults: ${uploadTopics}`);
      await shown(page, 'fig-overTime');
      assert.ok(await figureTraces(page, 'fig-overTime') > 0, 'topics over time from the year column');
      await page.locator('#fig-overTime').screenshot({ path: join(OUTPUT, `demo-${mode}-over-time.png`) });
      // Editing (the same page code in both builds: once, with threads).
      if (isolated) await editingFlow(page);
      if (isolated) await liveReportFromDemo(context, page, JSON.parse(`[${uploadFile().toString().trim().split('\n').join(',')}]`).map((r) => r.body));

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
