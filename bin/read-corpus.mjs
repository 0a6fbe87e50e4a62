// Reads a corpus file for the CLI: JSONL (one object per line), CSV (RFC 4180, header row) or TXT
// (one document per line). Returns rows as objects; TXT rows are {text}. Also reads raw float32
// embedding files (n x d).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/** RFC 4180 CSV: quoted fields with "" escapes and embedded newlines; returns arrays of fields. */
export function parseCsv(source) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < source.length; ++i) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') ++i;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

export function readCorpus(path) {
  const source = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const kind = extname(path).toLowerCase();
  if (kind === '.jsonl' || kind === '.ndjson') {
    return source.split('\n').map((line, i) => [line.trim(), i]).filter(([line]) => line).map(([line, i]) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: not valid JSON (${e.message})`);
      }
    });
  }
  if (kind === '.csv') {
    const [header, ...rows] = parseCsv(source);
    if (!header) throw new Error(`${path}: the CSV file is empty`);
    return rows.map((r) => Object.fromEntries(header.map((name, j) => [name, r[j] ?? ''])));
  }
  if (kind === '.txt') return source.split(/\r?\n/).filter((l) => l.trim()).map((text) => ({ text }));
  throw new Error(`${path}: unknown file type "${kind}" (use .jsonl, .csv or .txt)`);
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
