// Browsers and Web Workers (the default platform). Nothing here, nor anything a browser entry
// imports, may reach node:* modules: bundlers for the web must never meet them.
import { assetUrl, env } from '../engine/env.js';
import { cachedBytes } from '../engine/cache.js';
import pthreadWorkerSource from '../dist/pthread-worker-source.mjs';

// Node reaches this file only when a module of the package was imported past its Node entry.
function notNode() {
  if (typeof process === 'object' && typeof process.versions?.node === 'string') {
    throw new Error("topicwasm's browser entry was loaded in Node: import 'topicwasm' (its Node entry, web/node.js) instead of a file inside it");
  }
}

const needsNode = (what) => () => {
  throw new Error(`${what} needs Node; in a browser pass the files' bytes instead`);
};

// The pthread worker runs from a blob: URL of its source, which ships as a string. As a file it
// would meet the bundler: Vite inlines small assets as data: URLs (a worker from a data: URL has an
// opaque origin that may not import the engine), and Vite's dev server rewrites the imports of the
// files it serves. A blob: URL has the page's origin and the exact text Emscripten wrote.
let workerUrl = null;
function pthreadWorkerUrl() {
  workerUrl ??= URL.createObjectURL(new Blob([pthreadWorkerSource], { type: 'text/javascript' }));
  return workerUrl;
}

export const browserPlatform = {
  name: 'browser',

  /** createTopicwasm-style factory of the engine's Emscripten module. */
  async importEngine(threaded) {
    notNode();
    const name = threaded ? 'topicwasm' : 'topicwasm-st';
    const mjs = assetUrl(`${name}.mjs`).href;
    // Imported from its URL, not bundled: the pthread workers import the same self-contained file.
    const { default: create } = await import(/* webpackIgnore: true */ /* @vite-ignore */ mjs);
    const files = { [`${name}.wasm`]: assetUrl(`${name}.wasm`).href };
    if (threaded) files['topicwasm.worker.js'] = pthreadWorkerUrl();
    return (options) => create({ ...options, mainScriptUrlOrBlob: mjs, locateFile: (path) => files[path] ?? new URL(path, mjs).href });
  },

  /**
   * onnxruntime-web from the package's copy (web/dist/ort/): the WebAssembly-only build, or for
   * device 'webgpu' its WebGPU build (registered by the topicwasm/webgpu entry).
   */
  async importOrt(device = 'wasm') {
    notNode();
    const webgpu = device === 'webgpu';
    let url;
    try {
      url = assetUrl(webgpu ? 'ort.webgpu.min.mjs' : 'ort.wasm.min.mjs').href;
    } catch (e) {
      if (!webgpu) throw e;
      throw new Error("device 'webgpu' needs onnxruntime-web's WebGPU build: import 'topicwasm/webgpu' once in your app (it adds 27 MB of assets)");
    }
    const ort = await import(/* webpackIgnore: true */ /* @vite-ignore */ url);
    const wasm = webgpu ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
    ort.env.wasm.wasmPaths = { mjs: assetUrl(`${wasm}.mjs`).href, wasm: assetUrl(`${wasm}.wasm`).href };
    // Without cross-origin isolation onnxruntime-web cannot start threads; say so up front.
    if (!globalThis.crossOriginIsolated) ort.env.wasm.numThreads = 1;
    return ort;
  },

  /** Why WebGPU cannot run here (no navigator.gpu or no adapter), or null when it can. */
  async webgpuUnavailable() {
    if (!globalThis.navigator?.gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
    const adapter = await navigator.gpu.requestAdapter().catch(() => null);
    return adapter ? null : 'navigator.gpu.requestAdapter() found no GPU adapter';
  },

  /** Bytes of a shipped file or of a URL, through the Cache API when env.useBrowserCache. */
  readBytes(url, what) {
    return cachedBytes(url, what, env.useBrowserCache);
  },

  /** The all-MiniLM-L6-v2 graph and tokenizer: {model, tokenizer} URLs of the shipped files. */
  async builtinModel(variant) {
    notNode();
    if (variant !== 'int8') {
      throw new Error(`embedding model "${variant}": browsers get the shipped int8 graph ('int8'); pass a URL or bytes for another model`);
    }
    return { model: assetUrl('minilm-int8.onnx'), tokenizer: assetUrl('tokenizer.json') };
  },

  readDirectory: needsNode('loading a model from a path'),
  writeDirectory: needsNode('saveTo(dir)'),
  writeFileNow: () => {
    throw new Error('CTM.fit saveDir needs Node; in a browser pass onCheckpoint(bytes, info) and keep the bytes yourself');
  },
  plotlySource: () => {
    throw new Error('buildReport: pass plotlySource (the text of plotly.min.js) when not running in Node');
  },
};
