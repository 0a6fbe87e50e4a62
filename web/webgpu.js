// `import 'topicwasm/webgpu'`: makes onnxruntime-web's WebGPU build available to the embedder
// (Embedder option device: 'webgpu', or env.backend = 'webgpu'). A separate entry because the build
// is 27 MB: bundlers emit these files only into apps that import this module.
import { registerAssets } from './engine/assets.js';

registerAssets({
  'ort.webgpu.min.mjs': new URL('./dist/ort/ort.webgpu.min.mjs', import.meta.url),
  'ort-wasm-simd-threaded.asyncify.mjs': new URL('./dist/ort/ort-wasm-simd-threaded.asyncify.mjs', import.meta.url),
  'ort-wasm-simd-threaded.asyncify.wasm': new URL('./dist/ort/ort-wasm-simd-threaded.asyncify.wasm', import.meta.url),
});
