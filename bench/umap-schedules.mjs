// Benchmark (not a test): BERTopic's default pipeline on Brown (7,725 x 384) with UMAP's two
// schedules ('faithful', the default: umap-learn's, and the opt-in 'fast'), at 1 and 2 threads, in Node wasm:
// fit wall time and CPU seconds (with the load average, as the machine is shared), then the quality
// of each fit: trustworthiness@15 (cosine) of the UMAP output on 3,000 sampled rows, NMI vs the 15
// genres, NPMI (gensim c_npmi of the top-10 words), topic count and outlier share. With --seeds N,
// every configuration runs for seeds 42 .. 42+N-1 (the spread of 'faithful' over seeds is the
// quality bar of issue 13); a summary prints each schedule's range over seeds. --epochs, --lr and
// --neg override umapModel.nEpochs / learningRate / negativeSampleRate (for experiments).
//   node bench/umap-schedules.mjs [--seeds 1] [--schedules fast,faithful] [--threads 1,2] [--epochs N]
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { TopicModel, init, normalizedMutualInfo, npmiCoherence, shutdown, trustworthiness } from '../web/node.js';
import { brownDocs, brownEmbeddings, sampledRows } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: {
  seeds: { type: 'string', default: '1' },
  schedules: { type: 'string', default: 'fast,faithful' },
  threads: { type: 'string', default: '1,2' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  neg: { type: 'string' },
} });
const overrides = {};
if (values.epochs) overrides.nEpochs = Number(values.epochs);
if (values.lr) overrides.learningRate = Number(values.lr);
if (values.neg) overrides.negativeSampleRate = Number(values.neg);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => 42 + i);
const schedules = values.schedules.split(',');
const threadCounts = values.threads.split(',').map(Number);

const { engine } = await init({ threads: Math.max(...threadCounts) });
const docs = brownDocs();
const texts = docs.map((d) => d.text);
const embeddings = brownEmbeddings();
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));
const dim = 384;

// The same 3,000 rows for every fit (a seeded partial shuffle), as tests/native/umap_test.cpp samples.
const sampleSize = 3000;
const { take } = sampledRows(docs.length, sampleSize);
const sampledInput = take(embeddings, dim);

const results = [];
for (const schedule of schedules) {
  for (const seed of seeds) {
    for (const threads of threadCounts) {
      engine.setThreadLimit(threads);
      const model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { schedule, ...overrides }, seed });
      const load = loadavg()[0];
      const start = performance.now(), cpu0 = process.cpuUsage();
      const { topics } = await model.fitTransform(texts, { embeddings });
      const wall = (performance.now() - start) / 1000;
      const { user, system } = process.cpuUsage(cpu0);
      const cpu = (user + system) / 1e6;
      engine.setThreadLimit(Math.max(...threadCounts));
      const reduced = model.reducedEmbeddings_;
      const tw = await trustworthiness(sampledInput, take(reduced.data, reduced.cols), sampleSize, { nNeighbors: 15, inputMetric: 'cosine' });
      const nmi = await normalizedMutualInfo(genre, topics);
      const info = model.getTopicInfo().filter((r) => r.Topic >= 0);
      const nTopics = info.length;
      const { npmi } = await npmiCoherence(texts, info.map((r) => r.Representation));
      const outliers = [...topics].filter((t) => t === -1).length / topics.length;
      model.free();
      const row = { schedule, seed, threads, wall, cpu, tw, nmi, npmi, nTopics, outliers };
      results.push(row);
      console.log(`${schedule.padEnd(8)} seed ${seed} ${threads} thread(s): fit ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU-s ` +
        `(load ${load.toFixed(2)}), trustworthiness@15 ${tw.toFixed(4)}, NMI ${nmi.toFixed(3)}, NPMI ${npmi.toFixed(4)}, ` +
        `${nTopics} topics, ${(100 * outliers).toFixed(1)} % outliers`);
    }
  }
}

// Each schedule's range over seeds and thread counts (the quality bar: within faithful's range).
const range = (xs, digits) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
for (const schedule of schedules) {
  const rs = results.filter((r) => r.schedule === schedule);
  console.log(`${schedule} over ${rs.length} fits: ${range(rs.map((r) => r.nTopics), 0)} topics, NMI ${range(rs.map((r) => r.nmi), 3)}, ` +
    `NPMI ${range(rs.map((r) => r.npmi), 4)}, outliers ${range(rs.map((r) => 100 * r.outliers), 1)} %, ` +
    `trustworthiness@15 ${range(rs.map((r) => r.tw), 4)}`);
}

// Thread scaling per schedule and seed (wall time of the lowest thread count over the highest).
if (threadCounts.length > 1) {
  const lo = Math.min(...threadCounts), hi = Math.max(...threadCounts);
  for (const schedule of schedules) {
    for (const seed of seeds) {
      const a = results.find((r) => r.schedule === schedule && r.seed === seed && r.threads === lo);
      const b = results.find((r) => r.schedule === schedule && r.seed === seed && r.threads === hi);
      console.log(`${schedule} seed ${seed}: ${hi} threads ${(a.wall / b.wall).toFixed(2)}x faster than ${lo}`);
    }
  }
}
console.log(`load average at the end: ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')} ` +
  `(${(await import('node:os')).cpus().length} cores; timings are only comparable on a quiet machine)`);
await shutdown();
