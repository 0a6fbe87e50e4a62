// Shared test helpers: fixture loading (tests must not need ../shared) and engine shutdown.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { shutdown } from '../web/index.js';

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

/** IEEE half floats (little-endian) -> Float32Array. */
export function halfToFloat(bytes) {
  const half = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  const out = new Float32Array(half.length);
  for (let i = 0; i < half.length; ++i) {
    const h = half[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const mant = h & 0x3ff;
    out[i] = exp === 0 ? sign * mant * 2 ** -24 : exp === 31 ? (mant ? NaN : sign * Infinity) : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return out;
}

/** The 7,725 x 384 MiniLM embeddings of the Brown documents (stored as half floats). */
export function brownEmbeddings() {
  return halfToFloat(readFileSync(fixturePath('brown/embeddings.f16')));
}
