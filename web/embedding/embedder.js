// Sentence embeddings on the user's machine: a BERT-style ONNX model run by onnxruntime-web's
// WebAssembly backend (or, opt-in, its WebGPU backend), documents tokenised with WordPiece.
//
//   const embedder = await Embedder.create({ model: 'int8' });
//   const vectors = await embedder.embed(docs, { onProgress, signal }); // Float32Array n x dim
//
// Documents are sorted by token count and cut into batches of at most `batchSize`, so a batch
// pads to nearly its own length (unsorted batches lose ~2x to padding in WebAssembly); results
// come back in the caller's order.
import { encodeDocuments } from '../engine/documents.js';
import { loadEngine } from '../engine/module.js';
import { cachedEmbeddings } from '../engine/cache.js';
import { env } from '../engine/env.js';
import { platform } from '../platform/current.js';
import { castTablesFirst } from './onnx/cast_first.js';

// The engine's WordPiece (src/text/wordpiece.cpp), the package's only tokenizer.
async function engineTokenizer() {
  const engine = await loadEngine();
  return (json, maxLength) => {
    const tokenizer = new engine.WordPieceTokenizer(json, maxLength);
    return {
      encodeBatch: (texts) => {
        const { utf8, offsets } = encodeDocuments(texts);
        return tokenizer.encodeBatch(utf8, offsets);
      },
      dispose: () => tokenizer.delete(),
    };
  };
}

const DEFAULTS = {
  model: 'int8', // 'int8' | 'fp32' (built-in all-MiniLM-L6-v2 graphs; browsers ship int8) or a path / URL / bytes
  tokenizer: null, // tokenizer.json: path / URL / string / object / bytes; default: next to the model
  modelDir: null, // a directory / URL prefix holding minilm-<model>.onnx and tokenizer.json; default: the package's
  batchSize: 16,
  numThreads: 0, // 0: onnxruntime-web's default (half the cores, at most 4; 1 without cross-origin isolation)
  maxLength: 256, // tokens per document incl. [CLS]/[SEP]: all-MiniLM-L6-v2's max_seq_length
  pooling: 'mean', // when the model has no sentence_embedding output: 'mean' | 'cls'
  normalize: true, // L2-normalise pooled vectors (the built-in graphs already do)
  // (tokenizerJsonText, maxLength) => {encodeBatch(texts) -> {ids: Int32Array, lengths: Int32Array},
  // dispose?()}; default: the engine's C++ WordPiece (engineTokenizer below)
  createTokenizer: null,
  // The onnxruntime-web module to run the model with; default: the package's own copy of its
  // WebAssembly-only build in browsers (WebGPU build for device 'webgpu'), the dependency in Node.
  ort: null,
  // 'wasm' | 'webgpu' (needs `import 'topicwasm/webgpu'`; without a GPU adapter the embedder runs
  // on WebAssembly and says why in embedder.note); null: env.backend.
  device: null,
};

// onnxruntime-web: one module per build (WebAssembly-only, WebGPU) per process/page: its threads
// and wasm are global.
const ortModules = new Map();
async function loadOrt(given, device) {
  if (given) {
    const used = ortModules.get('given');
    if (used && used !== given) throw new Error('a different onnxruntime-web module is already in use in this process/page');
    ortModules.set('given', given);
    return given;
  }
  if (!ortModules.has(device)) ortModules.set(device, await platform.importOrt(device));
  return ortModules.get(device);
}

// The device that will run: 'webgpu' only where an adapter exists; {device, note}.
async function chooseDevice(requested) {
  if (requested !== 'webgpu') return { device: 'wasm', note: null };
  const why = await platform.webgpuUnavailable();
  if (!why) return { device: 'webgpu', note: null };
  const note = `WebGPU was asked for but ${why}: embedding on WebAssembly instead`;
  console.warn(`topicwasm: ${note}`);
  return { device: 'wasm', note };
}

function checkOptions(options) {
  for (const key of Object.keys(options))
    if (!(key in DEFAULTS)) throw new Error(`unknown Embedder option "${key}"`);
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error('batchSize must be a positive integer');
  if (!Number.isInteger(o.numThreads) || o.numThreads < 0) throw new Error('numThreads must be a non-negative integer');
  if (!Number.isInteger(o.maxLength) || o.maxLength < 2) throw new Error('maxLength must be an integer >= 2');
  if (o.pooling !== 'mean' && o.pooling !== 'cls') throw new Error('pooling must be "mean" or "cls"');
  o.device ??= env.backend;
  if (o.device !== 'wasm' && o.device !== 'webgpu') throw new Error(`device must be 'wasm' or 'webgpu', got ${JSON.stringify(o.device)}`);
  return o;
}

const isBytes = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer;
const toBytes = (v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : v);

// {model, tokenizer} sources: the built-in graphs from the platform (shipped or built and cached),
// from modelDir, or what the caller gave.
async function modelSources(o) {
  const builtin = o.model === 'fp32' || o.model === 'int8';
  if (!builtin) return { model: o.model, tokenizer: o.tokenizer };
  if (o.modelDir != null) {
    const dir = String(o.modelDir).replace(/\/?$/, '/');
    const base = /^[a-z]+:/.test(dir) || typeof location === 'undefined' ? dir : new URL(dir, location.href).href;
    const at = (file) => (/^[a-z]+:/.test(base) ? new URL(file, base) : `${base}${file}`);
    return { model: at(`minilm-${o.model}.onnx`), tokenizer: o.tokenizer ?? at('tokenizer.json') };
  }
  const shipped = await platform.builtinModel(o.model);
  return { model: shipped.model, tokenizer: o.tokenizer ?? shipped.tokenizer };
}

async function readTokenizerText(source) {
  if (typeof source === 'object' && !(source instanceof URL) && !isBytes(source)) return JSON.stringify(source);
  if (typeof source === 'string' && source.trimStart().startsWith('{')) return source;
  return new TextDecoder().decode(isBytes(source) ? toBytes(source) : await platform.readBytes(source, 'tokenizer.json'));
}

const sessionsCreated = new WeakSet(); // onnxruntime-web modules that made a session

export class Embedder {
  // Use Embedder.create(options).
  constructor(session, tokenizer, options) {
    this.session = session;
    this.tokenizer = tokenizer;
    this.options = options;
    this.hasTokenTypes = session.inputNames.includes('token_type_ids');
    this.output = session.outputNames.includes('sentence_embedding') ? 'sentence_embedding' : null;
    this.hiddenOutput = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0];
    this.dim = 0; // known after the first batch
  }

  static async create(options = {}) {
    const o = checkOptions(options);
    const { model: modelSource, tokenizer: tokenizerSource } = await modelSources(o);
    if (modelSource == null) throw new Error('no embedding model given');
    if (tokenizerSource == null) throw new Error('a custom embedding model needs its tokenizer.json (option "tokenizer")');
    const { device, note } = await chooseDevice(o.device);
    const ort = await loadOrt(o.ort, device);

    // onnxruntime-web reads numThreads once, when the first session is created.
    if (o.numThreads > 0) {
      if (sessionsCreated.has(ort) && ort.env.wasm.numThreads !== o.numThreads)
        throw new Error(`onnxruntime-web already runs with ${ort.env.wasm.numThreads} threads; numThreads cannot change in this process/page`);
      ort.env.wasm.numThreads = o.numThreads;
    }

    const tokenizerText = await readTokenizerText(tokenizerSource);
    let tokenizer;
    try {
      tokenizer = (o.createTokenizer ?? (await engineTokenizer()))(tokenizerText, o.maxLength);
    } catch (e) {
      throw new Error(`could not read the tokenizer: ${e.message}`);
    }

    let session;
    try {
      let bytes = isBytes(modelSource) ? toBytes(modelSource) : await platform.readBytes(modelSource, 'embedding model');
      if (device === 'webgpu') bytes = castTablesFirst(bytes); // no float16 kernels needed (onnx/cast_first.js)
      try {
        // WebGPU runs what it supports; the rest (e.g. int8 kernels) falls back to WebAssembly.
        const executionProviders = device === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'];
        session = await ort.InferenceSession.create(bytes, { executionProviders, graphOptimizationLevel: 'all' });
        sessionsCreated.add(ort);
      } catch (e) {
        const name = isBytes(modelSource) ? 'bytes' : modelSource;
        throw new Error(`could not load the embedding model (${name}): ${e.message ?? e}`);
      }
      for (const name of ['input_ids', 'attention_mask'])
        if (!session.inputNames.includes(name)) throw new Error(`the embedding model has no "${name}" input`);
    } catch (e) {
      await session?.release?.();
      tokenizer.dispose?.();
      throw e;
    }
    const embedder = new Embedder(session, tokenizer, o);
    embedder.ort = ort;
    embedder.device = device; // what runs: 'wasm' or 'webgpu'
    embedder.note = note; // why it is not the device asked for, or null
    // Cached embeddings are keyed by where the model came from (bytes given directly: uncached).
    embedder.cacheKey = isBytes(modelSource) ? null : `${String(modelSource)} ${o.maxLength} ${o.pooling} ${o.normalize} ${device}`;
    return embedder;
  }

  // Token ids of every document (truncated): {ids, lengths} with ids concatenated.
  tokenize(docs) {
    return this.tokenizer.encodeBatch(docs);
  }

  // Embeds documents; returns a Float32Array of docs.length x this.dim, row i for docs[i]. In
  // browsers, documents embedded before by the same model come from the IndexedDB cache.
  async embed(docs, { onProgress = null, signal = null } = {}) {
    if (!Array.isArray(docs)) throw new TypeError('embed(docs): docs must be an array of strings');
    docs.forEach((d, i) => {
      if (typeof d !== 'string') throw new TypeError(`embed(docs): docs[${i}] is not a string`);
    });
    let computed = 0;
    const report = (p) => { computed = p.done; onProgress?.(p); };
    const result = await cachedEmbeddings(this.cacheKey, docs, (missing) => this.#compute(missing, { onProgress: report, signal }));
    if (docs.length) this.dim = result.length / docs.length;
    // Documents from the cache: the stage still ends at its total.
    if (computed < docs.length) onProgress?.({ stage: 'embed', done: docs.length, total: docs.length });
    return result;
  }

  async #compute(docs, { onProgress, signal }) {
    const n = docs.length;
    if (n === 0) return new Float32Array(0);
    const { ids, lengths } = this.tokenize(docs);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; ++i) offsets[i + 1] = offsets[i] + lengths[i];
    // Longest first (stable), so the first batch reveals the peak memory and order is fixed.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);

    let result = null;
    const batchSize = this.options.batchSize;
    for (let start = 0; start < n; start += batchSize) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('embedding was cancelled', 'AbortError');
      const members = order.slice(start, start + batchSize);
      const B = members.length;
      const S = lengths[members[0]];
      const inputIds = new BigInt64Array(B * S);
      const mask = new BigInt64Array(B * S);
      members.forEach((doc, b) => {
        for (let k = 0; k < lengths[doc]; ++k) {
          inputIds[b * S + k] = BigInt(ids[offsets[doc] + k]);
          mask[b * S + k] = 1n;
        }
      });
      const feeds = {
        input_ids: new this.ort.Tensor('int64', inputIds, [B, S]),
        attention_mask: new this.ort.Tensor('int64', mask, [B, S]),
      };
      if (this.hasTokenTypes) feeds.token_type_ids = new this.ort.Tensor('int64', new BigInt64Array(B * S), [B, S]);
      const vectors = await this.#run(feeds, mask, B, S);
      if (!result) result = new Float32Array(n * this.dim);
      members.forEach((doc, b) => result.set(vectors.subarray(b * this.dim, (b + 1) * this.dim), doc * this.dim));
      onProgress?.({ stage: 'embed', done: Math.min(start + B, n), total: n });
    }
    return result;
  }

  async #run(feeds, mask, B, S) {
    const fetches = this.output ? [this.output] : [this.hiddenOutput];
    const out = await this.session.run(feeds, fetches);
    for (const t of Object.values(feeds)) t.dispose?.();
    if (this.output) {
      const t = out[this.output];
      this.dim = t.dims[1];
      const data = Float32Array.from(t.data);
      t.dispose?.();
      return data;
    }
    // A model with only token vectors: pool them here.
    const t = out[this.hiddenOutput];
    if (t.dims.length !== 3) throw new Error(`the embedding model's "${this.hiddenOutput}" output is not [batch, sequence, hidden]`);
    const H = t.dims[2];
    this.dim = H;
    const h = t.data;
    const pooled = new Float32Array(B * H);
    for (let b = 0; b < B; ++b) {
      const row = pooled.subarray(b * H, (b + 1) * H);
      if (this.options.pooling === 'cls') {
        row.set(h.subarray(b * S * H, b * S * H + H));
      } else {
        let count = 0;
        for (let s = 0; s < S; ++s) {
          if (mask[b * S + s] === 0n) continue;
          ++count;
          const base = (b * S + s) * H;
          for (let k = 0; k < H; ++k) row[k] += h[base + k];
        }
        for (let k = 0; k < H; ++k) row[k] /= Math.max(count, 1e-9);
      }
      if (this.options.normalize) {
        let norm = 0;
        for (let k = 0; k < H; ++k) norm += row[k] * row[k];
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (let k = 0; k < H; ++k) row[k] /= norm;
      }
    }
    t.dispose?.();
    return pooled;
  }

  // Frees the ONNX Runtime session (and the tokenizer, when it has a dispose(): the wasm one).
  async dispose() {
    await this.session?.release?.();
    this.session = null;
    this.tokenizer?.dispose?.();
    this.tokenizer = null;
  }
}
