// Static sentence embeddings (Model2Vec): a document is the weighted mean of its WordPiece tokens'
// vectors, L2-normalised, computed by the engine (src/embed/static_embedder.hpp). The vectors were
// distilled from all-MiniLM-L6-v2 by scripts/distill-static.mjs into web/models/static-minilm.safetensors
// (256 dimensions, int8 rows; the tokenizer inside the file). Hundreds of times faster than the
// transformer; somewhat lower quality (README and tests/static-embed.test.mjs have the numbers).
//
//   const embedder = await createStaticEmbedder(await loadStaticModelBytes());
//   const vectors = await embedder.embed(docs, { onProgress, signal }); // Float32Array n x 256
//   embedder.dispose();
import { encodeDocuments } from '../engine/documents.js';
import { loadEngine } from '../engine/module.js';
import { assetUrl } from '../engine/env.js';
import { platform } from '../platform/current.js';

/** config.json's embedding_model for a model fitted on these embeddings. */
export const STATIC_MODEL_NAME = 'topicwasm/static-minilm-l6-v2';

const DEFAULTS = {
  maxTokens: 512, // word pieces per document (Model2Vec's default); 0 = no limit
  normalize: true, // L2-normalise each vector
  batchSize: 4096, // documents per engine call: progress and cancellation between calls
};

/**
 * The model file's bytes (Uint8Array): the package's web/models/static-minilm.safetensors (`npm run
 * build` distils it), or `url`; from disk in Node, fetched (through the Cache API) in browsers.
 */
export async function loadStaticModelBytes(url = assetUrl('static-minilm.safetensors')) {
  return platform.readBytes(url, 'the static embedding model');
}

/**
 * An embedder over the static model in `bytes` (the safetensors file) with the Embedder's
 * interface: embed(docs, {onProgress, signal}) -> Float32Array n x dim, dim, dispose().
 * options: {maxTokens, normalize, batchSize}; `engine`: a loaded engine (default: loadEngine()).
 */
export async function createStaticEmbedder(bytes, options = {}, engine = null) {
  if (!(bytes instanceof Uint8Array)) throw new Error('createStaticEmbedder: bytes must be a Uint8Array (the static model file)');
  for (const key of Object.keys(options)) if (!(key in DEFAULTS)) throw new Error(`unknown static embedding option "${key}"`);
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.maxTokens) || o.maxTokens < 0) throw new Error('maxTokens must be a non-negative integer');
  if (typeof o.normalize !== 'boolean') throw new Error('normalize must be true or false');
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error('batchSize must be a positive integer');
  engine ??= await loadEngine();
  let core;
  try {
    core = new engine.StaticEmbedder(bytes, { maxTokens: o.maxTokens, normalize: o.normalize });
  } catch (e) {
    throw new Error(`could not load the static embedding model: ${e.message}`);
  }
  const dim = core.dim();
  return {
    model: 'static',
    dim,
    options: o,
    // Word pieces embedded so far (after [UNK] and truncation), for throughput numbers.
    tokensEmbedded: 0,
    async embed(docs, { onProgress = null, signal = null } = {}) {
      if (!core) throw new Error('the static embedder was disposed');
      if (!Array.isArray(docs)) throw new TypeError('embed(docs): docs must be an array of strings');
      docs.forEach((d, i) => {
        if (typeof d !== 'string') throw new TypeError(`embed(docs): docs[${i}] is not a string`);
      });
      const n = docs.length;
      const result = new Float32Array(n * dim);
      for (let start = 0; start < n; start += o.batchSize) {
        if (signal?.aborted) throw signal.reason ?? new DOMException('embedding was cancelled', 'AbortError');
        const end = Math.min(n, start + o.batchSize);
        const { utf8, offsets } = encodeDocuments(docs.slice(start, end));
        const { data, tokens } = core.embed(utf8, offsets);
        result.set(data, start * dim);
        for (const t of tokens) this.tokensEmbedded += t;
        onProgress?.({ stage: 'embed', done: end, total: n });
        // Let a page (or an AbortController's timer) run between batches.
        if (end < n) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return result;
    },
    dispose() {
      core?.delete();
      core = null;
    },
  };
}
