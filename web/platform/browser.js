// Browsers and Web Workers (the default platform). Nothing here, nor anything a browser entry
// imports, may reach node:* modules: bundlers for the web must never meet them.
import { assetUrl, env } from '../env.js';
import { cachedBytes } from '../cache.js';

const needsNode = (what) => () => {
  throw new Error(`${what} needs Node; in a browser pass the files' bytes instead`);
};

// The pthread worker runs from a blob: URL of its source. A bundler may inline the small file as a
// data: URL (Vite does below 4 kB), and a worker from a data: URL has an opaque origin that may not
// import the engine; a blob: URL has the page's origin, wherever the file itself was served from.
let workerUrl = null;
function pthreadWorkerUrl() {
  workerUrl ??= (async () => {
    const source = new TextDecoder().decode(await cachedBytes(assetUrl('topicwasm.worker.js'), 'the engine\'s pthread worker', false));
    return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  })();
  workerUrl.catch(() => { workerUrl = null; });
  return workerUrl;
}

export const browserPlatform = {
  name: 'browser',

  /** createTopicwasm-style factory of the engine's Emscripten module. */
  async importEngine(threaded) {
    const name = threaded ? 'topicwasm' : 'topicwasm-st';
    const mjs = assetUrl(`${name}.mjs`).href;
    // Imported from its URL, not bundled: the pthread workers import the same self-contained file.
    const { default: create } = await import(/* webpackIgnore: true */ /* @vite-ignore */ mjs);
    const files = { [`${name}.wasm`]: assetUrl(`${name}.wasm`).href };
    if (threaded) files['topicwasm.worker.js'] = await pthreadWorkerUrl();
    return (options) => create({ ...options, mainScriptUrlOrBlob: mjs, locateFile: (path) => files[path] ?? new URL(path, mjs).href });
  },

  /** onnxruntime-web's WebAssembly-only build, from the package's copy (web/dist/ort/). */
  async importOrt() {
    const ort = await import(/* webpackIgnore: true */ /* @vite-ignore */ assetUrl('ort.wasm.min.mjs').href);
    ort.env.wasm.wasmPaths = {
      mjs: assetUrl('ort-wasm-simd-threaded.mjs').href,
      wasm: assetUrl('ort-wasm-simd-threaded.wasm').href,
    };
    // Without cross-origin isolation onnxruntime-web cannot start threads; say so up front.
    if (!globalThis.crossOriginIsolated) ort.env.wasm.numThreads = 1;
    return ort;
  },

  /** Bytes of a shipped file or of a URL, through the Cache API when env.useBrowserCache. */
  readBytes(url, what) {
    return cachedBytes(url, what, env.useBrowserCache);
  },

  /** The all-MiniLM-L6-v2 graph and tokenizer: {model, tokenizer} URLs of the shipped files. */
  async builtinModel(variant) {
    if (variant !== 'int8') {
      throw new Error(`embedding model "${variant}": browsers get the shipped int8 graph ('int8'); pass a URL or bytes for another model`);
    }
    return { model: assetUrl('minilm-int8.onnx'), tokenizer: assetUrl('tokenizer.json') };
  },

  readDirectory: needsNode('loading a model from a path'),
  writeDirectory: needsNode('saveTo(dir)'),
  plotlySource: () => {
    throw new Error('buildReport: pass plotlySource (the text of plotly.min.js) when not running in Node');
  },
};
