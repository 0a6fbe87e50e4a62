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

/**
 * Documents ordered longest first (ties by index), as the Embedder batches them, and the start of
 * each document's ids in the flat `ids` array.
 */
export function lengthOrder(lengths) {
  const offsets = [0];
  for (const l of lengths) offsets.push(offsets.at(-1) + l);
  const order = [...lengths.keys()].sort((a, b) => lengths[b] - lengths[a] || a - b);
  return { offsets, order };
}

/** One batch of `members` padded to its first (longest) document: int64 ids and attention mask. */
export function paddedBatch(ids, offsets, lengths, members) {
  const B = members.length;
  const S = lengths[members[0]];
  const ii = new BigInt64Array(B * S);
  const mm = new BigInt64Array(B * S);
  members.forEach((d, b) => {
    for (let k = 0; k < lengths[d]; ++k) {
      ii[b * S + k] = BigInt(ids[offsets[d] + k]);
      mm[b * S + k] = 1n;
    }
  });
  return { ii, mm, B, S };
}
