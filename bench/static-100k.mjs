#!/usr/bin/env node
// Raw text to topics at scale with the static embeddings (issue 12): N documents (default 100,000)
// made by repeating the 7,725 Brown paragraphs and shuffling them (seeded), then
// TopicModel({embeddingModel: 'static'}).fitTransform(texts) with BERTopic's defaults (English stop
// words). Prints embedding and fit wall time, CPU time and the peak RSS.
//
//   node bench/static-100k.mjs [--docs 100000] [--threads 2]
//
// Measured here (2026-12-02, 2 threads, load average ~4 from other work): embedding 22.4 s wall,
// text to topics 129.3 s wall / 123.6 CPU-s, peak RSS 1,116 MB. The topics are not meaningful:
// each paragraph appears ~13 times, and HDBSCAN makes most sets of exact duplicates a topic of
// their own (4,603 topics, 2.8 % outliers); the run shows time and memory only.
import { parseArgs } from 'node:util';
import { TopicModel, init, shutdown } from '../web/node.js';
import { brownDocs } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, threads: { type: 'string', default: '2' } } });
const n = Number(values.docs);
const threads = Number(values.threads);
await init({ threads });

const brown = brownDocs().map((d) => d.text);
const texts = Array.from({ length: n }, (_, i) => brown[i % brown.length]);
let state = 42; // a small LCG: the same shuffle every run
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = n - 1; i > 0; --i) {
  const j = Math.floor(random() * (i + 1));
  [texts[i], texts[j]] = [texts[j], texts[i]];
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;
const cpuSeconds = (c) => (c.user + c.system) / 1e6;
const model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, embeddingModel: 'static' });
let embedEnd = null;
const t0 = performance.now();
const c0 = process.cpuUsage();
const { topics } = await model.fitTransform(texts, {
  onProgress: ({ stage, done, total }) => {
    if (stage === 'embed' && done === total) embedEnd = { wall: performance.now(), cpu: process.cpuUsage(c0) };
  },
});
const wall = (performance.now() - t0) / 1000;
const cpu = cpuSeconds(process.cpuUsage(c0));
const info = model.getTopicInfo();
const outliers = [...topics].filter((t) => t === -1).length / n;
console.log(`${n} documents (Brown x ${(n / brown.length).toFixed(1)}, shuffled), ${threads} threads`);
console.log(`embed (static): ${((embedEnd.wall - t0) / 1000).toFixed(1)} s wall, ${cpuSeconds(embedEnd.cpu).toFixed(1)} CPU-s`);
console.log(`text to topics: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} CPU-s; ${info.filter((r) => r.Topic >= 0).length} topics, ${(100 * outliers).toFixed(1)} % outliers`);
console.log(`peak RSS ${(peakRss() / 2 ** 20).toFixed(0)} MB; load average ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
model.free();
await shutdown();
