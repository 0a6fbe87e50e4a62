// Benchmark (not a test): BERTopic's default pipeline on the Brown embeddings (7,725 x 384) in Node
// wasm, each stage timed, next to umap-js (npm) on the same input for the UMAP stage, in the same
// run. Python umap-learn is not packaged for Debian 12 (no python3-umap-learn), so the Python
// numbers are the reference figures of DESIGN.md, measured on this machine kind.
// --synthetic N fits N clustered synthetic vectors of --dim dimensions (default 384) instead; run it
// under /usr/bin/time -v for the process's peak RSS including Node's own copy of the input.
//   node bench/fit.mjs [--threads 2] [--skip-umap-js] [--synthetic 100000 [--dim 384]]
import { parseArgs } from 'node:util';
import { UMAP } from 'umap-js';
import { TopicModel, init, shutdown } from '../web/node.js';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: {
  threads: { type: 'string', default: '2' },
  'skip-umap-js': { type: 'boolean', default: false },
  synthetic: { type: 'string' },
  dim: { type: 'string', default: '384' },
} });
const threads = Number(values.threads);
const { engine } = await init({ threads });

// The fit blocks the event loop, so sample nothing: the kernel's high-water mark is the peak.
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function fitTimed(texts, embeddings) {
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const stageTime = {}, phaseTime = {}, phaseCpu = {};
  let last = performance.now(), lastCpu = process.cpuUsage();
  const start = last, startCpu = lastCpu;
  const { topics } = await model.fitTransform(texts, {
    embeddings,
    onProgress: ({ stage, done }) => {
      // The interval since the previous report belongs to this stage, except that a stage's first
      // report (done 0) ends the work before it (e.g. the fuzzy set before "umap:spectral").
      const now = performance.now(), cpu = process.cpuUsage();
      const key = stage.split(':')[0];
      const phase = done === 0 ? `before ${stage}` : stage;
      stageTime[key] = (stageTime[key] ?? 0) + (now - last);
      phaseTime[phase] = (phaseTime[phase] ?? 0) + (now - last);
      phaseCpu[phase] = (phaseCpu[phase] ?? 0) + (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
      last = now;
      lastCpu = cpu;
    },
  });
  const total = (performance.now() - start) / 1000;
  const endCpu = process.cpuUsage(startCpu);
  const cpuTotal = (endCpu.user + endCpu.system) / 1e6;
  console.log('phases (wall / CPU s): ' + Object.entries(phaseTime)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}/${(phaseCpu[k] / 1000).toFixed(2)}`).join(', '));
  console.log(`fit CPU time ${cpuTotal.toFixed(2)} s (all threads)`);
  const nTopics = model.getTopicInfo().filter((r) => r.Topic >= 0).length;
  const outliers = [...topics].filter((t) => t === -1).length / topics.length;
  model.free();
  return { total, stageTime, nTopics, outliers };
}

if (values.synthetic) {
  const n = Number(values.synthetic), d = Number(values.dim), centers = 200;
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const centroid = Float32Array.from({ length: centers * d }, () => rand() - 0.5);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; ++i) {
    const c = i % centers;
    for (let j = 0; j < d; ++j) data[i * d + j] = centroid[c * d + j] + 0.15 * (rand() - 0.5);
  }
  const texts = Array.from({ length: n }, (_, i) => `cluster${i % centers} document${i % 997} word${i % 13}`);
  const load = (await import('node:os')).loadavg()[0].toFixed(2);
  const r = await fitTimed(texts, data);
  console.log(`load average before the fit ${load}`);
  console.log(`synthetic ${n} x ${d}, ${threads} threads: fit ${r.total.toFixed(1)} s, ${r.nTopics} topics, ` +
    `peak RSS ${mb(peakRss())}, wasm memory ${mb(engine.wasmMemory?.buffer.byteLength ?? 0)}`);
} else {
  const docs = brownDocs();
  const texts = docs.map((d) => d.text);
  const embeddings = brownEmbeddings();
  const r = await fitTimed(texts, embeddings);
  console.log(`topicwasm, Brown 7,725 x 384, ${threads} thread(s): fit ${r.total.toFixed(2)} s ` +
    `(${Object.entries(r.stageTime).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(', ')}), ` +
    `${r.nTopics} topics, ${(100 * r.outliers).toFixed(1)} % outliers, peak RSS ${mb(peakRss())}`);
  const umapSeconds = ((r.stageTime.knn ?? 0) + (r.stageTime.umap ?? 0)) / 1000;
  console.log(`Python BERTopic (DESIGN.md, same machine kind): warm fit 9.2-11.6 s -> ratio ${(10.4 / r.total).toFixed(2)}x ` +
    `(goal >= 10x); umap-learn warm ~8-10 s for 5k -> UMAP stage ratio ~${(9 / umapSeconds).toFixed(1)}x (goal >= 5x)`);
  if (!values['skip-umap-js']) {
    const rows = Array.from({ length: docs.length }, (_, i) => Array.from(embeddings.subarray(i * 384, (i + 1) * 384)));
    let s = 42;
    const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const started = performance.now(), startedCpu = process.cpuUsage();
    new UMAP({ nNeighbors: 15, nComponents: 5, minDist: 0.0, distanceFn: (a, b) => {
      let dot = 0, na = 0, nb = 0;
      for (let k = 0; k < a.length; ++k) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
      return 1 - dot / Math.sqrt(na * nb);
    }, random }).fit(rows);
    const umapJs = (performance.now() - started) / 1000;
    const umapJsCpu = process.cpuUsage(startedCpu);
    console.log(`umap-js, same input and settings: ${umapJs.toFixed(1)} s (CPU ${((umapJsCpu.user + umapJsCpu.system) / 1e6).toFixed(1)} s) -> topicwasm UMAP stage is ${(umapJs / umapSeconds).toFixed(1)}x faster (goal >= 20x)`);
  }
}
await shutdown();
