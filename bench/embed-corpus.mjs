// The embedding benchmarks' corpus (the one tests/embed.test.mjs uses): 250 Brown paragraphs spread
// over the genres, then UDHR paragraphs in 532 languages and State of the Union passages; the
// first n of them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export function loadDocs(n) {
  const read = (name) =>
    gunzipSync(fs.readFileSync(path.join(root, 'tests/fixtures', name))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const brown = read('brown/docs.jsonl.gz');
  const picked = Array.from({ length: 250 }, (_, k) => brown[Math.floor((k * brown.length) / 250)].text);
  return [...picked, ...read('embed_docs.jsonl.gz').map((d) => d.text)].slice(0, n);
}
