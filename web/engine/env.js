// One object configures where topicwasm finds its files and how it runs, as onnxruntime-web's
// `ort.env` and transformers.js's `env` do. Set fields before the first model or embedder loads.
//
//   import { env } from 'topicwasm';
//   env.modelBaseUrl = 'https://cdn.example.com/topicwasm-models/'; // minilm-int8.onnx, tokenizer.json
//   env.threads = 4;
import { ASSETS } from './assets.js';

export const env = {
  // File name (a key of web/engine/assets.js, e.g. 'topicwasm.wasm', 'minilm-int8.onnx') -> URL to fetch it
  // from instead of the package's own copy.
  urls: {},
  // A URL prefix for the embedding models (minilm-int8.onnx, tokenizer.json); null: the package's.
  modelBaseUrl: null,
  // Browsers: keep fetched models in the Cache API and computed embeddings in IndexedDB, so a
  // reload neither downloads nor embeds again. Node always keeps built graphs in cacheDir.
  useBrowserCache: true,
  // The Cache API cache / IndexedDB database name; change it to start afresh.
  cacheName: 'topicwasm-v1',
  // Node: where graphs built from the fp16 weights are kept (default: $XDG_CACHE_HOME/topicwasm or
  // ~/.cache/topicwasm). null or '' with useDiskCache false: build in memory every time.
  cacheDir: null,
  useDiskCache: true,
  // The engine's thread pool; null: the cores (at most 8), or 1 where threads are unavailable.
  threads: null,
  // Embedding backend for the transformer models: 'wasm' (onnxruntime-web's WebAssembly backend)
  // or 'webgpu' (its WebGPU backend; needs `import 'topicwasm/webgpu'`, falls back to 'wasm' with a
  // note where no GPU adapter exists). An embedder's `device` option overrides it.
  backend: 'wasm',
  // What the caches did in this page / process (read them, do not set them): files fetched from the
  // network or disk, files served from the cache, embeddings computed and found in the cache.
  stats: { downloads: 0, cacheHits: 0, embedded: 0, embeddingsFromCache: 0 },
};

/** The URL of a shipped file (web/engine/assets.js), after env.urls and env.modelBaseUrl. */
export function assetUrl(name) {
  if (env.urls[name]) return new URL(String(env.urls[name]), globalThis.location?.href);
  const isModel = /\.(onnx|json|safetensors)$/.test(name);
  if (isModel && env.modelBaseUrl) return new URL(name, new URL(String(env.modelBaseUrl).replace(/\/?$/, '/'), globalThis.location?.href));
  const url = ASSETS[name];
  if (!url) throw new Error(`unknown topicwasm file "${name}"`);
  return url;
}
