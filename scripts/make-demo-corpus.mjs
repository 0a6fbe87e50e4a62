// Writes the demo page's default corpus: every 4th Brown-corpus paragraph (1,932 documents, all 15
// genres) with its all-MiniLM-L6-v2 embedding, from the test fixtures (the reference embeddings:
// fp32 ONNX, mean pooled, L2-normalised, stored as half floats).
//   node scripts/make-demo-corpus.mjs  ->  examples/demo/data/brown.jsonl, brown.f16
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const fixtures = new URL('../tests/fixtures/brown/', import.meta.url);
const out = new URL('../examples/demo/data/', import.meta.url);
const DIM = 384;
const STEP = 4;

const docs = gunzipSync(readFileSync(new URL('docs.jsonl.gz', fixtures))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const half = readFileSync(new URL('embeddings.f16', fixtures));
if (half.length !== docs.length * DIM * 2) throw new Error('embeddings.f16 does not match docs.jsonl.gz');

const keep = docs.map((_, i) => i).filter((i) => i % STEP === 0);
writeFileSync(new URL('brown.jsonl', out), keep.map((i) => JSON.stringify({ id: docs[i].id, text: docs[i].text, label: docs[i].label })).join('\n') + '\n');
writeFileSync(new URL('brown.f16', out), Buffer.concat(keep.map((i) => half.subarray(i * DIM * 2, (i + 1) * DIM * 2))));
console.log(`examples/demo/data: ${keep.length} documents x ${DIM}`);
