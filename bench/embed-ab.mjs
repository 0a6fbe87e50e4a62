#!/usr/bin/env node
// A/B comparison of embedding graphs, session options or batch sizes in onnxruntime-web that holds
// on a busy machine: every variant is loaded in the same process and they take turns, chunk by
// chunk, so all of them see the same load; per variant the process CPU time (one thread: the
// work itself) and the wall time are summed.
//
//   node bench/embed-ab.mjs NAME=MODEL.onnx[:{"batch":32,<session option>:...}] ... [--docs 400]
//                           [--batch 16] [--threads 1] [--passes 1] [--chunk 64]
//
// The documents (bench/embed-corpus.mjs), sorted longest first as the Embedder does, are cut into
// chunks of --chunk; each variant embeds a chunk in batches of its own size, then the next variant
// takes the same chunk (who goes first rotates). After a warm-up (V8 tiers the hot wasm code up).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lengthOrder, loadDocs, paddedBatch } from './embed-corpus.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = { docs: 400, batch: 16, threads: 1, passes: 1, chunk: 64 };
const variants = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  if (argv[i].startsWith('--')) {
    const k = argv[i].slice(2);
    if (!(k in opts)) throw new Error(`unknown argument ${argv[i]}`);
    opts[k] = Number(argv[++i]);
    continue;
  }
  const m = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(argv[i]);
  if (!m) throw new Error(`expected NAME=MODEL.onnx[:json], got ${argv[i]}`);
  const { batch = null, ...sessionOptions } = m[3] ? JSON.parse(m[3]) : {};
  variants.push({ name: m[1], file: m[2], batch, sessionOptions, cpu: 0, wall: 0 });
}

const docs = loadDocs(opts.docs);

const ort = await import('onnxruntime-web');
ort.env.wasm.numThreads = opts.threads;
const { WordPieceTokenizer } = await import('../tests/oracles/wordpiece.js');
const tokenizer = new WordPieceTokenizer(fs.readFileSync(path.join(root, 'build/models/tokenizer.json'), 'utf8'), { maxLength: 256 });
const { ids, lengths } = tokenizer.encodeBatch(docs);
const { offsets, order } = lengthOrder(lengths);
const batchesOf = (members, size) => {
  const out = [];
  for (let s = 0; s < members.length; s += size) {
    out.push(paddedBatch(ids, offsets, lengths, members.slice(s, s + size)));
  }
  return out;
};
const CHUNK = opts.chunk;
const chunks = [];
for (let s = 0; s < order.length; s += CHUNK) chunks.push(order.slice(s, s + CHUNK));
for (const v of variants) v.chunks = chunks.map((c) => batchesOf(c, v.batch ?? opts.batch));
const tokens = lengths.reduce((s, l) => s + l, 0);

for (const v of variants)
  v.session = await ort.InferenceSession.create(fs.readFileSync(v.file), { executionProviders: ['wasm'], graphOptimizationLevel: 'all', ...v.sessionOptions });
const feedsOf = ({ ii, mm, B, S }) => ({
  input_ids: new ort.Tensor('int64', ii, [B, S]),
  attention_mask: new ort.Tensor('int64', mm, [B, S]),
  token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * S), [B, S]),
});
// Warm-up: a few batches of every length class, so V8 has tiered the hot wasm functions up.
for (const v of variants) for (const c of [v.chunks[0], v.chunks.at(-1)]) await v.session.run(feedsOf(c[0]));

for (let pass = 0; pass < opts.passes; ++pass)
  for (let i = 0; i < chunks.length; ++i)
    for (let j = 0; j < variants.length; ++j) {
      const v = variants[(i + j) % variants.length]; // rotate who goes first
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const b of v.chunks[i]) await v.session.run(feedsOf(b));
      v.wall += (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      v.cpu += (c.user + c.system) / 1e6;
    }
const load = fs.readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
console.log(`${docs.length} docs, ${tokens} tokens x ${opts.passes} pass(es), batch ${opts.batch} unless given, ${opts.threads} thread(s), load ${load}`);
const base = variants[0];
for (const v of variants)
  console.log(`  ${v.name.padEnd(14)} ${((tokens * opts.passes) / v.wall).toFixed(0).padStart(6)} tokens/s  ${((tokens * opts.passes) / v.cpu).toFixed(0).padStart(6)} tokens/CPU-s  CPU x${(v.cpu / base.cpu).toFixed(3)} of ${base.name}`);
process.exit(0);
