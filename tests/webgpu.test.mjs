// The WebGPU opt-in of the embedder (device: 'webgpu' with `import 'topicwasm/webgpu'`): in
// Debian's Chromium with SwiftShader's WebGPU adapter (there is no GPU here) the vectors equal the
// WebAssembly path's; without an adapter, and in Node, it runs on WebAssembly and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, withChromium } from './chromium.mjs';
import { createEmbedder, shutdown } from '../web/node.js';
import { brownDocs } from './helpers.mjs';

const SENTENCES = brownDocs().slice(0, 12).map((d) => d.text);
const WEBGPU_ARGS = [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'),
  '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

// Each run: [devices, embedder options]; returns the page's results per run.
async function embedInPage(args, runs) {
  const server = await serve({ isolated: true });
  try {
    return await withChromium(async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.url}/tests/browser/webgpu.html`);
      await page.waitForFunction(() => typeof window.embedOn === 'function');
      const results = [];
      for (const [devices, model] of runs) results.push(await page.evaluate(([s, d, m]) => window.embedOn(s, d, m), [SENTENCES, devices, model]));
      return results;
    }, { args });
  } finally {
    await server.close();
  }
}

const cosine = (a, b) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
};

// Cosine of each sentence's WebGPU vector with its WebAssembly vector.
function cosines({ wasm, webgpu }) {
  const d = wasm.dim;
  assert.equal(d, 384);
  return SENTENCES.map((_, i) => cosine(wasm.vectors.slice(i * d, (i + 1) * d), webgpu.vectors.slice(i * d, (i + 1) * d)));
}

test('Chromium with a WebGPU adapter (SwiftShader): MiniLM runs on WebGPU, vectors match WebAssembly\'s', async () => {
  // fp32 (the graph Node builds, served from build/models) and the shipped int8 graph.
  const fp32 = { model: '/build/models/minilm-fp32.onnx', tokenizer: '/build/models/tokenizer.json' };
  const [full, int8] = await embedInPage(WEBGPU_ARGS, [[['wasm', 'webgpu'], fp32], [['wasm', 'webgpu'], { model: 'int8' }]]);
  for (const result of [full, int8]) {
    assert.equal(result.failed, undefined, result.failed);
    assert.equal(result.webgpu.ran, 'webgpu', result.webgpu.note);
    assert.equal(result.webgpu.note, null);
  }
  const exact = cosines(full), quantised = cosines(int8);
  console.log(`fp32 cosines ${exact.map((c) => c.toFixed(5)).join(' ')}\nint8 cosines ${quantised.map((c) => c.toFixed(5)).join(' ')}`);
  exact.forEach((c, i) => assert.ok(c >= 0.999, `fp32 sentence ${i}: cosine ${c}`));
  // int8: onnxruntime's WebGPU kernels quantise activations with other rounding than its
  // WebAssembly ones (measured 0.9963-0.9981 here), still closer than int8 is to fp32 (0.99 median).
  quantised.forEach((c, i) => assert.ok(c >= 0.995, `int8 sentence ${i}: cosine ${c}`));
});

test('no WebGPU adapter: device \'webgpu\' runs on WebAssembly, says so, and gives the WebAssembly vectors', async () => {
  const [result] = await embedInPage(CHROMIUM_ARGS, [[['wasm', 'webgpu'], { model: 'int8' }]]);
  assert.equal(result.failed, undefined, result.failed);
  assert.equal(result.webgpu.ran, 'wasm');
  assert.match(result.webgpu.note, /WebGPU was asked for but .*: embedding on WebAssembly instead/);
  assert.deepEqual(result.webgpu.vectors, result.wasm.vectors);
});

test('Node: device \'webgpu\' falls back with a note; an unknown device is a clear Error', async () => {
  const embedder = await createEmbedder({ model: 'int8', device: 'webgpu' });
  assert.equal(embedder.device, 'wasm');
  assert.match(embedder.note, /Node has no WebGPU/);
  await embedder.dispose();
  await assert.rejects(createEmbedder({ model: 'int8', device: 'cuda' }), /device must be 'wasm' or 'webgpu', got "cuda"/);
  await shutdown();
});
