// Shared test helpers: fixture loading (tests must not need ../shared) and engine shutdown.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { shutdown } from '../web/node.js';
import { halfToFloat } from '../web/engine/embeddings.js';

export { halfToFloat };

export const fixturePath = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export function readJson(name) {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

/** Brown corpus documents [{id, text, label}] (7,725 paragraphs). */
export function brownDocs() {
  return gunzipSync(readFileSync(fixturePath('brown/docs.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Stops engine threads when the file's tests end, so the test process can exit. */
export function shutdownAfterTests() {
  after(() => shutdown());
}

/** The 7,725 x 384 MiniLM embeddings of the Brown documents (stored as half floats). */
export function brownEmbeddings() {
  return halfToFloat(readFileSync(fixturePath('brown/embeddings.f16')));
}

/**
 * 360 State of the Union passages (examples/data) and a manual fit with one topic per president
 * (English stop words): {docs, rows, presidents, model}.
 */
export async function sotuPresidentsModel() {
  const { TopicModel } = await import('../web/node.js');
  const rows = readFileSync(new URL('../examples/data/sotu-presidents.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const docs = rows.map((r) => r.text);
  const presidents = [...new Set(rows.map((r) => r.president))];
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  await model.fitTransform(docs, { y: rows.map((r) => presidents.indexOf(r.president)) });
  return { docs, rows, presidents, model };
}

/**
 * A fixed sample of `count` of `n` rows (a seeded partial shuffle, ascending), as the UMAP quality
 * checks use for trustworthiness (exact on all rows is O(n^2)): {rows, take(data, cols)}, take
 * copying those rows of a row-major matrix.
 */
export function sampledRows(n, count, seed = 2024) {
  let state = seed;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; ++i) {
    const j = i + Math.floor(rand() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const rows = order.slice(0, count).sort((a, b) => a - b);
  const take = (data, cols) => {
    const out = new Float32Array(count * cols);
    rows.forEach((r, i) => out.set(data.subarray(r * cols, (r + 1) * cols), i * cols));
    return out;
  };
  return { rows, take };
}

// The safetensors file read in plain JavaScript: {metadata, tensors: {name: {dtype, shape, data}}}.
export function readSafetensors(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  const tensors = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const raw = bytes.slice(8 + n + info.data_offsets[0], 8 + n + info.data_offsets[1]);
    const data = info.dtype === 'I8' ? new Int8Array(raw.buffer) : info.dtype === 'F32' ? new Float32Array(raw.buffer) : null;
    tensors[name] = { dtype: info.dtype, shape: info.shape, data };
  }
  return { metadata: header.__metadata__, tensors };
}
