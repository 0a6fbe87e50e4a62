// Benchmark (not a test): our UMAP against umap-learn on the same input in the same run. The Brown
// embeddings (7,725 x 384) go to Python's umap-learn (Debian's umap-learn 0.5.3 + numba:
// `apt-get install -y umap-learn`; bench/umap_learn_fit.py, a warm fit with BERTopic's settings)
// and to reduceDimensions with each schedule; prints wall and CPU seconds, the load average, the
// ratios, and trustworthiness@15 of every output on the same 3,000 sampled rows (issue 13: within
// 0.01 of umap-learn's). Runs alternate (umap-learn, ours, umap-learn, ...) so load shifts hit both.
//   node bench/umap-learn-ratio.mjs [--threads 2] [--repeats 2] [--schedules faithful,fast] [--seeded]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { init, reduceDimensions, shutdown, trustworthiness } from '../web/node.js';
import { brownEmbeddings, sampledRows } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: {
  threads: { type: 'string', default: '2' },
  repeats: { type: 'string', default: '2' },
  schedules: { type: 'string', default: 'faithful,fast' },
  seeded: { type: 'boolean', default: false },  // umap-learn with random_state: serial (one thread)
  python: { type: 'string', default: '/usr/bin/python3' },
} });
const threads = Number(values.threads), repeats = Number(values.repeats);
const schedules = values.schedules.split(',');
await init({ threads });

const embeddings = brownEmbeddings();
const dim = 384, n = embeddings.length / dim, nComponents = 5;
const dir = mkdtempSync(join(tmpdir(), 'umap-learn-'));
const input = join(dir, 'in.f32'), output = join(dir, 'out.f32');
writeFileSync(input, embeddings);

// The same 3,000 rows as bench/umap-schedules.mjs and tests/umap-schedules.test.mjs.
const sampleSize = 3000;
const { take } = sampledRows(n, sampleSize);
const sampledInput = take(embeddings, dim);
const tw = (data) => trustworthiness(sampledInput, take(data, nComponents), sampleSize, { nNeighbors: 15, inputMetric: 'cosine' });

const runs = { 'umap-learn': [] };
for (const s of schedules) runs[s] = [];
const load = () => loadavg()[0].toFixed(2);
for (let r = 0; r < repeats; ++r) {
  const args = ['bench/umap_learn_fit.py', input, String(n), String(dim), output];
  if (values.seeded) args.push('--seed', String(42 + r));
  const before = load();
  const py = JSON.parse(execFileSync(values.python, args, { encoding: 'utf8' }).trim().split('\n').pop());
  const out = new Float32Array(readFileSync(output).buffer.slice(0));
  const row = { wall: py.wall, cpu: py.cpu, tw: await tw(out), load: before };
  runs['umap-learn'].push(row);
  console.log(`umap-learn ${py.umap} (numba ${py.numba}, ${py.numba_threads} threads${py.seeded ? ', seeded: serial' : ''}): ` +
    `${row.wall.toFixed(2)} s wall, ${row.cpu.toFixed(2)} CPU-s (load ${before}), trustworthiness@15 ${row.tw.toFixed(4)}`);
  for (const schedule of schedules) {
    const before2 = load();
    const start = performance.now(), cpu0 = process.cpuUsage();
    const reduced = await reduceDimensions(embeddings, n, { nComponents, umapModel: { schedule }, seed: 42 + r });
    const wall = (performance.now() - start) / 1000;
    const { user, system } = process.cpuUsage(cpu0);
    const row2 = { wall, cpu: (user + system) / 1e6, tw: await tw(reduced.data), load: before2 };
    runs[schedule].push(row2);
    console.log(`topicwasm '${schedule}' (${threads} thread(s)): ${wall.toFixed(2)} s wall, ${row2.cpu.toFixed(2)} CPU-s ` +
      `(load ${before2}), trustworthiness@15 ${row2.tw.toFixed(4)}`);
  }
}
rmSync(dir, { recursive: true });

// Medians over repeats; the ratio is umap-learn's time over ours (> 1: we are faster).
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const py = runs['umap-learn'];
for (const schedule of schedules) {
  const ours = runs[schedule];
  console.log(`'${schedule}' vs umap-learn (median of ${repeats}): wall ${(median(py.map((x) => x.wall)) / median(ours.map((x) => x.wall))).toFixed(2)}x, ` +
    `CPU ${(median(py.map((x) => x.cpu)) / median(ours.map((x) => x.cpu))).toFixed(2)}x faster; trustworthiness@15 ` +
    `${median(ours.map((x) => x.tw)).toFixed(4)} vs ${median(py.map((x) => x.tw)).toFixed(4)}`);
}
console.log(`load average at the end: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (2 cores shared; prefer the CPU ratio)`);
await shutdown();
