// The wasm module loads in a browser Worker (Debian's Chromium, headless) from the same files as in
// Node, runs two threads at once, fits a model, and reports bad input as a real Error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/serve.mjs';
import { withChromium } from './chromium.mjs';

test('engine runs in a browser Worker with threads (cross-origin isolated page)', async () => {
  const server = await serve({ isolated: true });
  try {
    await withChromium(async (context) => {
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
    });
  } finally {
    await server.close();
  }
});
