// Assembles web/dist/ from the Emscripten outputs in build/wasm/loaders/ and onnxruntime-web's
// WebAssembly-only files:
//   topicwasm.mjs, .wasm, .worker.js   the pthreads build (the worker is classic; it import()s the loader)
//   topicwasm-st.mjs, .wasm            the single-threaded build
//   ort/                               onnxruntime-web's ort.wasm.min.mjs and its wasm (MIT licensed)
// Browsers import the loaders from their URLs (web/assets.js) and never bundle them, so the Node
// branches Emscripten writes into them (and bindings/node_shim.js) stay unreachable there.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const loaders = join(root, 'build/wasm/loaders');
const dist = join(root, 'web/dist');
mkdirSync(join(dist, 'ort'), { recursive: true });

function patch(text, from, to, file) {
  if (!text.includes(from)) throw new Error(`package-dist: ${file} no longer contains ${JSON.stringify(from)} (Emscripten changed?)`);
  return text.replace(from, to);
}

for (const file of ['topicwasm.wasm', 'topicwasm.worker.js', 'topicwasm-st.mjs', 'topicwasm-st.wasm']) {
  copyFileSync(join(loaders, file), join(dist, file));
}
// Idle pool workers must not keep a Node process alive: Emscripten 3.1.6 leaves them ref'd (later
// versions unref them). Each is unref'd once loaded (before that, the loader awaits its message);
// engine calls block the calling thread, so no work is cut short.
const threaded = readFileSync(join(loaders, 'topicwasm.mjs'), 'utf8');
writeFileSync(join(dist, 'topicwasm.mjs'),
  patch(threaded, 'else if(cmd==="loaded"){worker.loaded=true;', 'else if(cmd==="loaded"){worker.loaded=true;if(ENVIRONMENT_IS_NODE)worker.unref();', 'topicwasm.mjs'));
// In Node the pthread worker is CommonJS; the package is an ES module.
writeFileSync(join(dist, 'package.json'), '{"type":"commonjs"}\n');

const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/wasm'));
for (const file of ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']) {
  copyFileSync(join(ortDist, file), join(dist, 'ort', file));
}
