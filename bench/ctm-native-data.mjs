// Writes the Brown fixtures in the raw form bench/ctm_quality.cpp reads (see there):
//   node bench/ctm-native-data.mjs OUT_DIR
// texts.bin: per document a little-endian uint32 byte length + UTF-8 text; emb.f32: 7,725 x 384
// float32; labels.i32: genre index per document.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node bench/ctm-native-data.mjs OUT_DIR');
mkdirSync(out, { recursive: true });
const docs = brownDocs();
writeFileSync(join(out, 'emb.f32'), brownEmbeddings());
const parts = [];
for (const d of docs) {
  const text = Buffer.from(d.text, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(text.length);
  parts.push(len, text);
}
writeFileSync(join(out, 'texts.bin'), Buffer.concat(parts));
const genres = [...new Set(docs.map((d) => d.label))];
writeFileSync(join(out, 'labels.i32'), Int32Array.from(docs.map((d) => genres.indexOf(d.label))));
console.log(`${docs.length} documents, ${genres.length} genres -> ${out}`);
process.exit(0);
