// A web app from an empty browser cache to its first topics, and again after a reload: the Vite app
// of tests/apps/web/ built from the packed tarball, served with and without COOP/COEP, in Debian's
// Chromium; 1,000 Brown paragraphs as raw text (embedded in the page's Worker, then fitted).
//   node bench/webapp.mjs [--docs 1000]
// Prints wall time to the topics (page load included) and the bytes the server sent, per load.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '../scripts/serve.mjs';
import { brownDocs } from '../tests/helpers.mjs';
import { withChromium } from '../tests/chromium.mjs';
import { buildApps } from '../tests/apps/build-apps.mjs';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' } } });
const count = Number(values.docs);
const all = brownDocs();
const docs = Array.from({ length: count }, (_, k) => all[Math.floor((k * all.length) / count)].text);
const work = mkdtempSync(join(tmpdir(), 'topicwasm-bench-app-'));
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

try {
  const { app } = await buildApps(work);
  const dist = join(app, 'dist-vite');
  for (const isolated of [true, false]) {
    const server = await serve({ dir: dist, isolated, redirect: null });
    const sent = () => [...server.requests].reduce((sum, [path, n]) => {
      try { return sum + n * statSync(join(dist, path)).size; } catch { return sum; }
    }, 0);
    try {
      await withChromium(async (context) => {
        const page = await context.newPage();
        for (const load of ['empty cache', 'reload']) {
          const before = sent();
          const started = performance.now();
          if (load === 'reload') await page.reload(); else await page.goto(`${server.url}/index.html`);
          const result = await page.evaluate((d) => window.fitTopics(d), docs);
          const seconds = (performance.now() - started) / 1000;
          console.log(`${isolated ? 'COOP/COEP, ' : 'no isolation,'} ${result.build.padEnd(15)} ${load.padEnd(11)}: ${count} docs -> ${result.topics.length} topics in ${seconds.toFixed(1)} s, ` +
            `downloaded ${mb(sent() - before)}, embedded ${result.stats.embedded}, from cache ${result.stats.embeddingsFromCache}`);
        }
      });
    } finally {
      await server.close();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
