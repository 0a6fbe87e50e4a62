// A web developer's path: the packed tarball installed into an empty app (from the registry, as a
// user's npm would: no --offline against a cache some earlier run left), bundled by Vite (build and
// dev server) and webpack 5, or loaded through an import map, then driven in Debian's Chromium with
// and without COOP/COEP. Each page embeds raw text with the shipped MiniLM model and shows topics; a
// reload finds the model in the Cache API and the embeddings in IndexedDB (the server sees no
// second request for the model) and gives the same topics.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { brownDocs } from './helpers.mjs';
import { withChromium } from './chromium.mjs';
import { buildApps } from './apps/build-apps.mjs';

const work = mkdtempSync(join(tmpdir(), 'topicwasm-apps-'));
let app;
// 150 Brown paragraphs from all 15 genres (every 51st), as raw text.
const docs = brownDocs().filter((_, i) => i % 51 === 0).map((d) => d.text);
let viteLog = '';

before(async () => {
  ({ app, viteLog } = await buildApps(work));
});

after(() => rmSync(work, { recursive: true, force: true }));

const isModel = (path) => /\.onnx$/.test(path); // webpack names assets by hash only
const modelRequests = (requests) => [...requests].filter(([path]) => isModel(path)).reduce((sum, [, n]) => sum + n, 0);

// Loads `url`, fits, reloads, fits again; returns both results and the model requests per load.
async function fitTwice(url, requests) {
  return withChromium(async (context) => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    const first = await page.evaluate((d) => window.fitTopics(d), docs);
    const shown = await page.locator('#topics tr').count();
    const afterFirst = modelRequests(requests);
    await page.reload();
    const second = await page.evaluate((d) => window.fitTopics(d), docs);
    assert.deepEqual(errors, []);
    return { first, second, shown, modelFetches: [afterFirst, modelRequests(requests) - afterFirst], paths: [...requests.keys()] };
  });
}

function checkRun({ first, second, shown, modelFetches, paths }, build) {
  assert.equal(first.build, build);
  assert.ok(build === 'single-threaded' ? first.threads === 1 : first.threads >= 2, `threads ${first.threads}`);
  assert.ok(first.topics.length >= 3, `only ${first.topics.length} topics`);
  assert.equal(first.topics.reduce((sum, t) => sum + t.Count, 0), docs.length);
  assert.equal(shown, first.topics.length, 'the page shows one row per topic');
  assert.equal(first.stats.embedded, docs.length, 'the first load embeds every document');
  assert.deepEqual(modelFetches, [1, 0], 'the model is fetched once, then comes from the Cache API');
  assert.ok(second.stats.cacheHits >= 2, 'model and tokenizer from the cache');
  assert.equal(second.stats.embedded, 0);
  assert.equal(second.stats.embeddingsFromCache, docs.length);
  assert.deepEqual(second.topics, first.topics, 'same documents, same topics');
  assert.ok(!paths.some((p) => /jsep|webgpu/.test(p)), 'only the WebAssembly backend of onnxruntime-web is fetched');
}

test('Vite build: no node:* warnings, and it emits the model and no WebGPU binary', () => {
  assert.doesNotMatch(viteLog, /externalized for browser compatibility|node:/);
  const assets = readdirSync(join(app, 'dist-vite/assets'));
  assert.ok(assets.some(isModel), assets.join(', '));
  assert.ok(!assets.some((a) => /jsep/.test(a)), assets.join(', '));
});

for (const isolated of [true, false]) {
  const build = isolated ? 'pthreads' : 'single-threaded';
  for (const bundler of ['vite', 'webpack']) {
    test(`${bundler} build, ${isolated ? 'with' : 'without'} COOP/COEP: raw text to topics, then a reload from the caches`, async () => {
      const server = await serve({ dir: join(app, `dist-${bundler}`), isolated, redirect: null });
      try {
        checkRun(await fitTwice(`${server.url}/index.html`, server.requests), build);
      } finally {
        await server.close();
      }
    });
  }
}

test('import map page without a bundler (single-threaded, on the page itself)', async () => {
  const server = await serve({ dir: app, isolated: false, redirect: null });
  try {
    checkRun(await fitTwice(`${server.url}/importmap.html`, server.requests), 'single-threaded');
  } finally {
    await server.close();
  }
});

test('Vite dev server with the config the README shows', async () => {
  const { createServer } = await import('vite');
  const server = await createServer({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const requests = new Map();
  server.middlewares.stack.unshift({ route: '', handle: (req, res, next) => { requests.set(req.url.split('?')[0], (requests.get(req.url.split('?')[0]) ?? 0) + 1); next(); } });
  try {
    const { port } = server.httpServer.address();
    checkRun(await fitTwice(`http://127.0.0.1:${port}/index.html`, requests), 'pthreads');
  } finally {
    await server.close();
  }
});
