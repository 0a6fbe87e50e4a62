#!/usr/bin/env node
// Static embeddings (web/embedding/static_embedder.js, the engine's C++) next to the int8 all-MiniLM-L6-v2
// graph (onnxruntime-web, the Embedder with the engine's WordPiece): docs/s and tokens/s on the same
// 1,000 Brown paragraphs (evenly spread over the corpus, so over all 15 genres), 1 and 2 threads.
//
//   node bench/embed-static.mjs [--docs 1000] [--threads 1,2] [--min-seconds 2]
//
// Each configuration runs in a fresh child process (onnxruntime-web fixes its thread count at its
// first session; the engine's pool is sized at start-up) after a warm-up. Static embedding of 1,000
// paragraphs takes milliseconds, so it is repeated until --min-seconds have passed and the mean is
// reported. Tokens: what each path consumes per document (MiniLM: ids incl. [CLS]/[SEP], at most 256;
// static: word pieces without [CLS]/[SEP] or [UNK], at most 512). tokens/CPU-s uses the process's CPU
// time over all threads (the fair number on a shared machine). Model loading is timed separately.
//
// Measured here (2026-12-02, the 2-core machine shared with other builds, load average ~3.9):
//   threads  static docs/s  tokens/s    int8 docs/s  tokens/s   static/int8 docs/s (wall, per CPU-s)
//         1         4,144    698,228           6.8     1,084   613x, 619x
//         2         6,152  1,036,575           6.5     1,038   951x, 980x
// Static: ~75 % of its time is the C++ WordPiece tokenizer (7,725 Brown paragraphs: 1.1 s of
// 1.5 s CPU), the int8 weighted sum the rest; loading the 8.6 MB model takes 0.2-0.3 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');

function parseArgs(argv) {
  const a = { docs: 1000, threads: [1, 2], minSeconds: 2, child: null };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--docs') a.docs = Number(v);
    else if (k === '--threads') a.threads = v.split(',').map(Number);
    else if (k === '--min-seconds') a.minSeconds = Number(v);
    else if (k === '--child') a.child = JSON.parse(v);
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

/** n Brown paragraphs spread evenly over the corpus (which is ordered by genre). */
export function brownParagraphs(n) {
  const brown = gunzipSync(fs.readFileSync(path.join(root, 'tests/fixtures/brown/docs.jsonl.gz')))
    .toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return Array.from({ length: n }, (_, k) => brown[Math.floor((k * brown.length) / n)].text);
}

async function child({ model, threads, docs: count, minSeconds }) {
  const { init, createEmbedder, shutdown } = await import('../web/node.js');
  const docs = brownParagraphs(count);
  const { engine } = await init({ threads });
  engine.setThreadLimit(threads);
  const t0 = performance.now();
  const embedder = await createEmbedder(model === 'static' ? { model } : { model, numThreads: threads });
  const load = (performance.now() - t0) / 1000;
  let tokens;
  if (model === 'static') {
    await embedder.embed(docs.slice(0, 50)); // warm-up
    const before = embedder.tokensEmbedded;
    await embedder.embed(docs);
    tokens = embedder.tokensEmbedded - before;
  } else {
    tokens = embedder.tokenize(docs).lengths.reduce((s, l) => s + l, 0);
    await embedder.embed(docs.slice(0, 16)); // warm-up
  }
  let runs = 0;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  let wall = 0;
  do {
    await embedder.embed(docs);
    ++runs;
    wall = (performance.now() - w0) / 1000;
  } while (model === 'static' && wall < minSeconds);
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6 / runs;
  await embedder.dispose();
  console.log(JSON.stringify({ model, threads, docs: docs.length, dim: embedder.dim, tokens, wall: wall / runs, cpu, runs, load }));
  await shutdown();
  process.exit(0); // onnxruntime-web's worker threads would keep the process alive
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return child(args.child);
  for (const file of ['build/models/minilm-int8.onnx', 'web/models/static-minilm.safetensors'])
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run bash scripts/build.sh first`);
  const results = [];
  for (const threads of args.threads)
    for (const model of ['static', 'int8']) {
      const spec = { model, threads, docs: args.docs, minSeconds: args.minSeconds };
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      });
      const r = JSON.parse(out.trim().split('\n').at(-1));
      results.push(r);
      console.error(`${model} ${threads} thread(s): ${(r.docs / r.wall).toFixed(1)} docs/s`);
    }
  const pad = (s, n) => String(s).padStart(n);
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\n${args.docs} Brown paragraphs; load average at the end ${load}`);
  console.log('threads model   dim   tokens    docs/s     tokens/s  tokens/CPU-s  load (s)  static/int8 docs/s (wall, per CPU-s)');
  for (const threads of args.threads) {
    const s = results.find((r) => r.model === 'static' && r.threads === threads);
    const q = results.find((r) => r.model === 'int8' && r.threads === threads);
    for (const r of [s, q]) {
      const ratio = r === s ? `${(q.wall / s.wall).toFixed(0)}x, ${(q.cpu / s.cpu).toFixed(0)}x` : '';
      console.log(
        `${pad(threads, 7)} ${r.model.padEnd(6)} ${pad(r.dim, 4)} ${pad(r.tokens, 8)} ${pad((r.docs / r.wall).toFixed(1), 9)} ${pad((r.tokens / r.wall).toFixed(0), 12)} ` +
          `${pad((r.tokens / r.cpu).toFixed(0), 13)} ${pad(r.load.toFixed(2), 9)}  ${ratio}`,
      );
    }
  }
}

await main();
