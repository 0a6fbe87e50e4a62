// Reads a corpus file for the CLI: JSONL (one object per line), CSV (RFC 4180, header row) or TXT
// (one document per line), parsed by web/files/corpus.js. Returns rows as objects; TXT rows are {text}.
// Also reads raw float32 embedding files (n x d).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCorpus } from '../web/files/corpus.js';

/** The records of a .jsonl / .ndjson / .json, .csv / .tsv or .txt file (web/files/corpus.js parses them). */
export function readCorpus(path) {
  const kind = extname(path).toLowerCase();
  if (!['.jsonl', '.ndjson', '.json', '.csv', '.tsv', '.txt'].includes(kind)) {
    throw new Error(`${path}: unknown file type "${kind}" (use .jsonl, .csv or .txt)`);
  }
  return parseCorpus(path, readFileSync(path, 'utf8')).records;
}

/** Raw float32 embeddings (n x d) for n documents. */
export function readEmbeddings(path, n) {
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes.length % 4) throw new Error(`${path}: not raw float32 data (${bytes.length} bytes is not a multiple of 4)`);
  const values = bytes.length / 4;
  if (values % n) throw new Error(`${path}: ${values} float32 values do not split into ${n} rows (one per document)`);
  const copy = new Uint8Array(bytes); // aligned copy
  const data = new Float32Array(copy.buffer, 0, values);
  for (let i = 0; i < data.length; ++i) {
    if (!Number.isFinite(data[i])) throw new Error(`${path}: value ${i} (row ${Math.floor(i / (values / n)) + 1}) is not a finite number`);
  }
  return data;
}
