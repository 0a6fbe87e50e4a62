// The wasm module loads in a browser Worker (Debian's Chromium, headless) from the same files as in
// Node, runs two threads at once, fits a model, and reports bad input as a real Error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('engine runs in a browser Worker with threads (cross-origin isolated page)', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian package chromium)`);
  const server = await serve({ isolated: true });
  const profile = mkdtempSync(join(tmpdir(), 'topicwasm-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = await context.newPage();
    await page.goto(`${server.url}/tests/browser/worker.html`);
    const docs = ['cats purr and cats sleep', 'dogs bark at cats', 'stocks fell as markets slid', 'markets rallied and stocks rose'];
    const result = await page.evaluate((message) => window.runInWorker(message), { docs, y: [0, 0, 1, 1], threads: 2 });
    assert.equal(result.failed, undefined, result.failed);
    assert.equal(result.isolated, true);
    assert.equal(result.threads, 2);
    assert.equal(result.probe, 2, 'two pool threads ran at the same time');
    assert.deepEqual(result.topics, [0, 0, 1, 1]);
    assert.equal(result.info[0].Representation[0], 'cats');
    assert.deepEqual(result.error, { isError: true, message: 'empty corpus: documents must contain at least one document' });
  } finally {
    await context?.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
