// Shared test helpers: fixture loading (tests must not need ../shared) and engine shutdown.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { shutdown } from '../web/index.js';
import { halfToFloat } from '../web/embeddings.js';

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
