#!/usr/bin/env node
// Embedding throughput: our Embedder (onnxruntime-web, WebAssembly) next to onnxruntime-node
// (native CPU) on the same ONNX graphs and the same token ids, for fp32 and int8 and 1 and 2
// threads, on 1,000 real documents (250 Brown paragraphs, UDHR paragraphs in 500+ languages, State
// of the Union passages: the corpus of tests/embed.test.mjs).
//
//   node bench/embed.mjs [--models build/models] [--docs 1000] [--threads 1,2] [--variants fp32,int8]
//                        [--batch 16]
//
// Each configuration runs in a fresh child process (onnxruntime-web fixes its thread count at the
// first session) after one warm-up batch. Reported: tokens/s and docs/s over wall time, and
// tokens per CPU-second (process CPU time, all threads) - the fair number on a shared machine.
// onnxruntime-node is a devDependency; install it offline with ONNXRUNTIME_NODE_INSTALL=skip.
// Per-operator profiles: bench/embed-profile.mjs; graph variants compared on a busy machine (all
// in one process, taking turns): bench/embed-ab.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lengthOrder, loadDocs, paddedBatch } from './embed-corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');

function parseArgs(argv) {
  const a = { models: path.join(root, 'build/models'), docs: 1000, threads: [1, 2], variants: ['fp32', 'int8'], batch: 16, child: null };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--models') a.models = v;
    else if (k === '--docs') a.docs = Number(v);
    else if (k === '--threads') a.threads = v.split(',').map(Number);
    else if (k === '--variants') a.variants = v.split(',');
    else if (k === '--batch') a.batch = Number(v);
    else if (k === '--child') a.child = JSON.parse(v);
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

// One configuration, in this (child) process; prints a JSON line.
async function child({ engine, variant, threads, models, docs: count, batch }) {
  const { Embedder } = await import('../web/embedding/embedder.js');
  const docs = loadDocs(count);
  const modelFile = path.join(models, `minilm-${variant}.onnx`);
  const embedder = await Embedder.create({ model: variant, modelDir: models + '/', numThreads: threads, batchSize: batch });
  const { ids, lengths } = embedder.tokenize(docs);
  const tokens = lengths.reduce((s, l) => s + l, 0);
  let run;
  if (engine === 'web') {
    await embedder.embed(docs.slice(0, batch)); // warm-up
    run = () => embedder.embed(docs);
  } else {
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(modelFile, { intraOpNumThreads: threads, interOpNumThreads: 1 });
    const { offsets, order } = lengthOrder(lengths);
    const runBatches = async (limit) => {
      for (let s = 0; s < Math.min(order.length, limit); s += batch) {
        const { ii, mm, B, S } = paddedBatch(ids, offsets, lengths, order.slice(s, s + batch));
        await session.run({
          input_ids: new ort.Tensor('int64', ii, [B, S]),
          attention_mask: new ort.Tensor('int64', mm, [B, S]),
          token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * S), [B, S]),
        });
      }
    };
    await runBatches(batch); // warm-up
    run = () => runBatches(Infinity);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(JSON.stringify({ engine, variant, threads, docs: docs.length, tokens, wall, cpu }));
  process.exit(0); // onnxruntime-web's worker threads would keep the process alive
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return child(args.child);
  for (const v of args.variants)
    if (!fs.existsSync(path.join(args.models, `minilm-${v}.onnx`)))
      throw new Error(`${path.join(args.models, `minilm-${v}.onnx`)} is missing: run node scripts/onnx/build-model.mjs first`);
  const results = [];
  for (const variant of args.variants)
    for (const threads of args.threads)
      for (const engine of ['web', 'node']) {
        const spec = { engine, variant, threads, models: args.models, docs: args.docs, batch: args.batch };
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 1 << 24,
        });
        const r = JSON.parse(out.trim().split('\n').at(-1));
        results.push(r);
        console.error(`${engine} ${variant} ${threads} thread(s): ${(r.tokens / r.wall).toFixed(0)} tokens/s`);
      }
  const pad = (s, n) => String(s).padStart(n);
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\n${args.docs} documents, batch ${args.batch}, ${results[0].tokens} tokens (incl. [CLS]/[SEP]); load average at the end ${load}`);
  console.log('variant threads engine    tokens/s   docs/s  tokens/CPU-s   ratio web/native (wall, per CPU-s)');
  for (const variant of args.variants)
    for (const threads of args.threads) {
      const web = results.find((r) => r.engine === 'web' && r.variant === variant && r.threads === threads);
      const nat = results.find((r) => r.engine === 'node' && r.variant === variant && r.threads === threads);
      for (const r of [web, nat]) {
        const ratio = r === web ? `${(nat.wall / web.wall).toFixed(2)}x, ${(nat.cpu / web.cpu).toFixed(2)}x` : '';
        console.log(
          `${pad(variant, 7)} ${pad(threads, 7)} ${pad(r.engine === 'web' ? 'wasm' : 'native', 6)} ${pad((r.tokens / r.wall).toFixed(0), 11)} ${pad((r.docs / r.wall).toFixed(1), 8)} ${pad((r.tokens / r.cpu).toFixed(0), 13)}   ${ratio}`,
        );
      }
    }
}

await main();
