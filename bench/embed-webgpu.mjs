// Benchmark (not a test): the embedder on WebAssembly vs WebGPU in Chromium, on the same Brown
// paragraphs, in one page. Here (no GPU) only SwiftShader's software adapter exists, so the numbers
// say nothing about real GPUs; on a machine with one, run with --gpu to use it.
//   node bench/embed-webgpu.mjs [--docs 200] [--gpu] [--model int8|fp32]
import { parseArgs } from 'node:util';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, withChromium } from '../tests/chromium.mjs';
import { brownDocs } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '200' }, gpu: { type: 'boolean', default: false }, model: { type: 'string', default: 'int8' } } });
const docs = brownDocs().slice(0, Number(values.docs)).map((d) => d.text);
const args = [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu',
  ...(values.gpu ? [] : ['--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'])];
const model = values.model === 'fp32' ? { model: '/build/models/minilm-fp32.onnx', tokenizer: '/build/models/tokenizer.json' } : { model: 'int8' };

const server = await serve({ isolated: true });
try {
  const result = await withChromium(async (context) => {
    const page = await context.newPage();
    await page.goto(`${server.url}/tests/browser/webgpu.html`);
    await page.waitForFunction(() => typeof window.embedOn === 'function');
    return page.evaluate(([s, m]) => window.embedOn(s, ['wasm', 'webgpu'], m), [docs, model]);
  }, { args });
  if (result.failed) throw new Error(result.failed);
  for (const [device, r] of Object.entries(result)) {
    console.log(`${device.padEnd(7)} ran on ${r.ran}: ${docs.length} docs in ${(r.ms / 1000).toFixed(2)} s = ${(docs.length / (r.ms / 1000)).toFixed(1)} docs/s${r.note ? ` (${r.note})` : ''}`);
  }
  console.log(`ratio webgpu / wasm docs/s: ${(result.wasm.ms / result.webgpu.ms).toFixed(2)}x (${values.gpu ? 'the machine\'s GPU' : 'SwiftShader, a CPU'})`);
} finally {
  await server.close();
}
