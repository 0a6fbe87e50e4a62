#!/usr/bin/env node
// Per-operator time of one embedding graph in onnxruntime-web (WebAssembly) or onnxruntime-node
// (native), from ONNX Runtime's own session profiler: which kernels dominate, and the gap per op.
//
//   node bench/embed-profile.mjs MODEL.onnx [--engine web|node] [--threads 1] [--batch 16]
//                                [--seq 128] [--runs 5]
//
// Inputs are random token ids (fixed seed), no padding. The first run is a warm-up and not counted.
// Printed per op type: mean time per run and the sum of each node's fastest run, plus tokens per
// process CPU-second. (onnxruntime-web's profiler prints its JSON to stdout, so the web engine
// runs in a child process whose output is parsed.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = { engine: 'web', threads: 1, batch: 16, seq: 128, runs: 5 };
const rest = process.argv.slice(2);
const model = rest.shift();
for (let i = 0; i < rest.length; i += 2) {
  const k = rest[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument ${rest[i]}`);
  args[k] = k === 'engine' ? rest[i + 1] : Number(rest[i + 1]);
}

const B = args.batch;
const S = args.seq;
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const ids = new BigInt64Array(B * S).map((_, i) => (i % S === 0 ? 101n : i % S === S - 1 ? 102n : BigInt(1000 + Math.floor(rand() * 28000))));

let events;
let cpu = NaN; // process CPU seconds over the counted runs
if (args.engine === 'web' && process.env.EMBED_PROFILE_CHILD) {
  // The child: onnxruntime-web's profiler prints its JSON to stdout (emscripten's console output).
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = args.threads;
  const session = await ort.InferenceSession.create(fs.readFileSync(model), { executionProviders: ['wasm'], graphOptimizationLevel: 'all', enableProfiling: true });
  const feeds = feedsOf(ort);
  await session.run(feeds);
  const c0 = process.cpuUsage();
  for (let r = 0; r < args.runs; ++r) await session.run(feeds);
  const c = process.cpuUsage(c0);
  session.endProfiling();
  await new Promise((res) => setTimeout(res, 200));
  console.log(`\nCPU ${(c.user + c.system) / 1e6}`);
  process.exit(0);
} else if (args.engine === 'web') {
  const text = execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env: { ...process.env, EMBED_PROFILE_CHILD: '1' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  events = JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1));
  cpu = Number(/CPU ([\d.]+)/.exec(text)[1]);
} else {
  const ort = await import('onnxruntime-node');
  const prefix = path.join(os.tmpdir(), `embed-profile-${process.pid}`);
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: args.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', enableProfiling: true, profileFilePrefix: prefix });
  const feeds = feedsOf(ort);
  await session.run(feeds);
  const c0 = process.cpuUsage();
  for (let r = 0; r < args.runs; ++r) await session.run(feeds);
  const c = process.cpuUsage(c0);
  cpu = (c.user + c.system) / 1e6;
  session.endProfiling();
  const file = fs.readdirSync(os.tmpdir()).find((f) => f.startsWith(path.basename(prefix)));
  events = JSON.parse(fs.readFileSync(path.join(os.tmpdir(), file), 'utf8'));
  fs.unlinkSync(path.join(os.tmpdir(), file));
}

function feedsOf(ort) {
  return {
    input_ids: new ort.Tensor('int64', ids, [B, S]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(B * S).fill(1n), [B, S]),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * S), [B, S]),
  };
}

// Runs after the first: node events whose start lies within a counted model_run.
const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
const counted = runs.slice(1);
const inCounted = (e) => counted.some((r) => e.ts >= r.ts && e.ts <= r.ts + r.dur);
// Per node: the mean over the counted runs and the minimum (the minimum is robust against other
// processes taking the CPU for part of a run, on a shared machine).
const perNode = new Map();
for (const e of events) {
  if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || !inCounted(e)) continue;
  const r = perNode.get(e.name) ?? { op: e.args.op_name, sum: 0, min: Infinity };
  r.sum += e.dur;
  r.min = Math.min(r.min, e.dur);
  perNode.set(e.name, r);
}
const byOp = new Map();
let total = 0;
let totalMin = 0;
for (const { op, sum, min } of perNode.values()) {
  const r = byOp.get(op) ?? { mean: 0, min: 0 };
  r.mean += sum / counted.length;
  r.min += min;
  byOp.set(op, r);
  total += sum / counted.length;
  totalMin += min;
}
const runTime = counted.reduce((s, r) => s + r.dur, 0) / counted.length;
const tokens = B * S;
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`${args.engine} ${path.basename(model)} threads ${args.threads} batch ${B} seq ${S}, load ${load}: ${(runTime / 1000).toFixed(1)} ms/run wall (${((tokens * 1e6) / runTime).toFixed(0)} tokens/s), ` +
  `${((tokens * counted.length) / cpu).toFixed(0)} tokens/CPU-s; sum of per-node minima ${(totalMin / 1000).toFixed(1)} ms (${((tokens * 1e6) / totalMin).toFixed(0)} tokens/s)`);
console.log(`  ${'op'.padEnd(30)} ${'mean ms'.padStart(9)} ${'min ms'.padStart(9)}  share of min`);
for (const [op, r] of [...byOp].sort((a, b) => b[1].min - a[1].min))
  console.log(`  ${op.padEnd(30)} ${(r.mean / 1000).toFixed(2).padStart(9)} ${(r.min / 1000).toFixed(2).padStart(9)}  ${((100 * r.min) / totalMin).toFixed(1).padStart(5)}%`);
process.exit(0);
