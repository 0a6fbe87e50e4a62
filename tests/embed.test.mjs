// Sentence embeddings (issue 4): the WordPiece tokenizer against Hugging Face's, our ONNX graphs
// against the Python reference and onnxruntime-node, int8 against fp32, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import '../web/platform/node.js'; // Node's file access for the modules imported below
import { Embedder } from '../web/embedding/embedder.js';
import { WordPieceTokenizer } from './oracles/wordpiece.js';
import { buildModels } from '../scripts/onnx/build-model.mjs';
import { halfToFloat } from '../web/engine/embeddings.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const modelDir = `${root}build/models/`;
const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const readJsonl = (name) => gunzipSync(fs.readFileSync(fixture(name))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// 250 Brown paragraphs spread over all genres (with their row in the reference embeddings), then
// UDHR paragraphs in 532 languages and State of the Union passages.
const brownAll = readJsonl('brown/docs.jsonl.gz');
const brown = Array.from({ length: 250 }, (_, k) => {
  const row = Math.floor((k * brownAll.length) / 250);
  return { row, text: brownAll[row].text };
});
const others = readJsonl('embed_docs.jsonl.gz');
const corpus = [...brown.map((d) => d.text), ...others.map((d) => d.text)];

const DIM = 384;
const row = (m, i) => m.subarray(i * DIM, (i + 1) * DIM);
const dot = (a, b) => a.reduce((s, v, k) => s + v * b[k], 0);
const cosine = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

before(async () => {
  // The graphs are generated, not committed: build them once (deterministic, a few seconds), and
  // again when the graph writer is newer than them.
  const writer = fs.statSync(fileURLToPath(new URL('../web/embedding/onnx/bert.js', import.meta.url))).mtimeMs;
  const fresh = (f) => fs.existsSync(modelDir + f) && (f === 'tokenizer.json' || fs.statSync(modelDir + f).mtimeMs >= writer);
  if (!['minilm-fp32.onnx', 'minilm-int8.onnx', 'minilm-fp32-unpooled.onnx', 'tokenizer.json'].every(fresh)) {
    await buildModels({ out: modelDir });
    await buildModels({ out: modelDir, variants: ['fp32'], pooled: false });
  }
});

const embedders = {};
async function embedder(model, extra = {}) {
  const key = model + JSON.stringify(extra);
  embedders[key] ??= await Embedder.create({ model, numThreads: 1, ...extra });
  return embedders[key];
}
after(async () => {
  for (const e of Object.values(embedders)) await e.dispose();
});

// ---- tokenizer -------------------------------------------------------------------------------

// The JavaScript oracle departs from the Rust `tokenizers` that sentence-transformers runs in two
// places; we follow Rust. Feeding the oracle text with those two steps already done makes it
// compute exactly the Rust result:
//  - Rust lowercases code point by code point, so a word-final capital sigma becomes 'σ'; the
//    oracle's String.toLowerCase() makes it 'ς'.
//  - Rust puts spaces around every CJK ideograph; the oracle walks UTF-16 units and misses those
//    outside the Basic Multilingual Plane (U+20000...).
const ASTRAL_CJK = /[\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B920}-\u{2CEAF}\u{2F800}-\u{2FA1F}]/gu;
const asRust = (text) => text.replace(/Σ/g, 'σ').replace(ASTRAL_CJK, ' $& ');

function oracleIds(texts) {
  const json = JSON.parse(fs.readFileSync(modelDir + 'tokenizer.json', 'utf8'));
  const oracle = new Tokenizer(json, {});
  let adjusted = 0;
  const ids = texts.map((t) => {
    if (asRust(t) !== t) ++adjusted;
    return oracle.encode(asRust(t)).ids;
  });
  return { ids, adjusted };
}

const EDGE_CASES = [
  '',
  '   ',
  'Hello [CLS] world[SEP]x [MASK]',
  'ΟΔΟΣ ΣΟΦΟΣ',
  'naïve café İstanbul Ångström',
  '中文字符 𠀀𠀁 test',
  'a\u0000b\u0007c\u200bd\ufffde',
  'lone \ud800 surrogate \udc00 x',
  'x'.repeat(150) + ' y',
  'emoji 😀👍 ok',
  'tab\tnew\nline\r\u00a0nbsp\u3000ideo\u2028ls',
  'ﬁ ligature Ⅻ ½ ß ẞ ǅ',
  "don't-stop... now!!! $5 #tag @user ~ ^ | `",
];

function splitBatch({ ids, lengths }) {
  const out = [];
  let offset = 0;
  for (const l of lengths) {
    out.push(Array.from(ids.subarray(offset, offset + l)));
    offset += l;
  }
  return out;
}

function checkTokenizer(encodeBatch) {
  const texts = [...corpus, ...EDGE_CASES];
  const { ids: expected, adjusted } = oracleIds(texts);
  // the adjustments matter for a handful of documents only
  assert.ok(adjusted >= 1 && adjusted <= 5, `adjusted ${adjusted} documents`);
  const got = splitBatch(encodeBatch(texts, 0));
  let same = 0;
  got.forEach((ids, i) => {
    assert.deepEqual(ids, expected[i], `document ${i}: ${JSON.stringify(texts[i].slice(0, 80))}`);
    ++same;
  });
  assert.ok(same >= 1000);
  // truncation as sentence-transformers does it: the first 254 pieces, then [SEP]
  const truncated = splitBatch(encodeBatch(texts, 256));
  let cut = 0;
  truncated.forEach((ids, i) => {
    const full = expected[i];
    if (full.length > 256) ++cut;
    assert.deepEqual(ids, full.length <= 256 ? full : [...full.slice(0, 255), 102]);
  });
  assert.ok(cut >= 5, `${cut} documents were long enough to be truncated`);
}

test('JavaScript WordPiece gives Hugging Face ids on 1,032 real documents in 500+ languages', () => {
  const json = fs.readFileSync(modelDir + 'tokenizer.json', 'utf8');
  checkTokenizer((texts, maxLength) => new WordPieceTokenizer(json, { maxLength }).encodeBatch(texts));
});

test('C++ WordPiece (wasm) gives Hugging Face ids on the same documents', async (t) => {
  let module = null;
  let engine = null;
  try {
    module = await import('../web/engine/module.js');
    engine = await module.loadEngine({ threads: 1 });
  } catch {
    return t.skip('the wasm module is not built');
  }
  try {
    if (!engine.WordPieceTokenizer) return t.skip('the wasm module does not expose WordPieceTokenizer yet');
    const { encodeDocuments } = await import('../web/engine/documents.js');
    const json = fs.readFileSync(modelDir + 'tokenizer.json', 'utf8');
    checkTokenizer((texts, maxLength) => {
      const tokenizer = new engine.WordPieceTokenizer(json, maxLength);
      try {
        const { utf8, offsets } = encodeDocuments(texts);
        return tokenizer.encodeBatch(utf8, offsets);
      } finally {
        tokenizer.delete();
      }
    });
  } finally {
    await module.shutdownEngine();
  }
});

// ---- embeddings ------------------------------------------------------------------------------

test('reference vector: "This is an example sentence" (fp32)', async (t) => {
  const v = await (await embedder('fp32')).embed(['This is an example sentence']);
  t.diagnostic(`first five: ${Array.from(v.subarray(0, 5), (x) => x.toFixed(4)).join(' ')}`);
  const expected = [0.0677, 0.0636, 0.0487, 0.0794, 0.0374];
  expected.forEach((x, k) => assert.ok(Math.abs(v[k] - x) < 1e-3, `component ${k}: ${v[k]} vs ${x}`));
  assert.ok(Math.abs(dot(v, v) - 1) < 1e-5);
});

test('fp32 equals the Python reference embeddings on Brown paragraphs', async (t) => {
  const e = await embedder('fp32');
  const sample = brown.slice(0, 30);
  const v = await e.embed(sample.map((d) => d.text));
  const f16 = fs.readFileSync(fixture('brown/embeddings.f16'));
  const reference = (r) => halfToFloat(f16.subarray(r * DIM * 2, (r + 1) * DIM * 2));
  const cos = sample.map((d, i) => cosine(row(v, i), reference(d.row)));
  t.diagnostic(`cosine to the Python reference (float16-rounded): min ${Math.min(...cos).toFixed(6)}`);
  assert.ok(Math.min(...cos) >= 0.999, `min cosine ${Math.min(...cos)}`);
});

// 200 documents in many languages, for the comparisons below.
const sample200 = others.filter((_, i) => i % 3 === 0).slice(0, 200).map((d) => d.text);

async function nativeEmbeddings(modelFile, texts, tokenizer) {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelFile, { intraOpNumThreads: 1 });
  const out = new Float32Array(texts.length * DIM);
  for (let i = 0; i < texts.length; ++i) {
    const ids = tokenizer.encode(texts[i]);
    const S = ids.length;
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, S]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(S), [1, S]),
    };
    out.set((await session.run(feeds)).sentence_embedding.data, i * DIM);
  }
  await session.release();
  return out;
}

let fp32Sample = null;
test('fp32 in WebAssembly matches onnxruntime-node (CPU) on 200 real documents', async (t) => {
  fp32Sample = await (await embedder('fp32')).embed(sample200);
  const tokenizer = new WordPieceTokenizer(fs.readFileSync(modelDir + 'tokenizer.json', 'utf8'));
  const native = await nativeEmbeddings(modelDir + 'minilm-fp32.onnx', sample200, tokenizer);
  const cos = sample200.map((_, i) => cosine(row(fp32Sample, i), row(native, i)));
  t.diagnostic(`cosine wasm vs native: min ${Math.min(...cos).toFixed(6)}, median ${median(cos).toFixed(6)}`);
  assert.ok(Math.min(...cos) >= 0.999, `min cosine ${Math.min(...cos)}`);
});

test('int8 stays close to fp32 (median cosine >= 0.99)', async (t) => {
  const int8 = await (await embedder('int8')).embed(sample200);
  fp32Sample ??= await (await embedder('fp32')).embed(sample200);
  const cos = sample200.map((_, i) => cosine(row(int8, i), row(fp32Sample, i)));
  t.diagnostic(`cosine int8 vs fp32: min ${Math.min(...cos).toFixed(4)}, median ${median(cos).toFixed(4)}`);
  assert.ok(median(cos) >= 0.99, `median cosine ${median(cos)}`);
  assert.ok(Math.min(...cos) >= 0.95, `min cosine ${Math.min(...cos)}`);
});

test('a paraphrase scores higher than an unrelated sentence', async (t) => {
  for (const model of ['fp32', 'int8']) {
    const v = await (await embedder(model)).embed([
      'A man is playing a guitar.',
      'Someone is strumming a guitar.',
      'The stock market fell sharply on Monday.',
    ]);
    const para = dot(row(v, 0), row(v, 1));
    const unrelated = dot(row(v, 0), row(v, 2));
    t.diagnostic(`${model}: paraphrase ${para.toFixed(3)}, unrelated ${unrelated.toFixed(3)}`);
    assert.ok(para > unrelated + 0.3, `${model}: paraphrase ${para}, unrelated ${unrelated}`);
  }
});

test('batching and sorting by length do not change results or their order', async () => {
  const docs = corpus.filter((_, i) => i % 100 === 0);
  const e = await embedder('fp32');
  const batched = await e.embed(docs);
  const small = await (await embedder('fp32', { batchSize: 3 })).embed(docs);
  const reversed = await e.embed([...docs].reverse());
  for (let i = 0; i < docs.length; ++i) {
    const single = await e.embed([docs[i]]);
    assert.ok(cosine(row(batched, i), single) > 0.99999, `doc ${i} batched vs alone`);
    assert.ok(cosine(row(small, i), single) > 0.99999, `doc ${i} batch 3 vs alone`);
    assert.ok(cosine(row(reversed, docs.length - 1 - i), single) > 0.99999, `doc ${i} reversed input`);
  }
});

test('a model with only last_hidden_state is pooled by the Embedder (mean or CLS)', async () => {
  const tokenizer = modelDir + 'tokenizer.json';
  const docs = corpus.slice(0, 5);
  const pooled = await (await embedder('fp32')).embed(docs);
  const mean = await (await embedder(modelDir + 'minilm-fp32-unpooled.onnx', { tokenizer })).embed(docs);
  const cls = await (await embedder(modelDir + 'minilm-fp32-unpooled.onnx', { tokenizer, pooling: 'cls' })).embed(docs);
  for (let i = 0; i < docs.length; ++i) {
    assert.ok(cosine(row(mean, i), row(pooled, i)) > 0.99999);
    assert.ok(Math.abs(dot(row(cls, i), row(cls, i)) - 1) < 1e-5);
    assert.ok(cosine(row(cls, i), row(pooled, i)) < 0.99);
  }
});

// ---- bad input -------------------------------------------------------------------------------

test('awkward documents give finite unit vectors', async () => {
  const e = await embedder('int8');
  const huge = 'The committee met again. '.repeat(42000); // ~1 MB
  const docs = ['', '\u0000\u0001\u0007', 'lone \ud800 and \udfff surrogates', '😀', huge, huge.slice(0, 3000)];
  const t0 = performance.now();
  const v = await e.embed(docs);
  assert.ok(performance.now() - t0 < 30000);
  for (let i = 0; i < docs.length; ++i) {
    assert.ok(row(v, i).every(Number.isFinite), `doc ${i}`);
    assert.ok(Math.abs(dot(row(v, i), row(v, i)) - 1) < 1e-4, `doc ${i} norm`);
  }
  // a 1 MB document is its first 254 word pieces
  assert.ok(cosine(row(v, 4), row(v, 5)) > 0.99999);
  // empty and control-only documents are both just [CLS] [SEP]
  assert.ok(cosine(row(v, 0), row(v, 1)) > 0.99999);
  assert.equal((await e.embed([])).length, 0);
  await assert.rejects(e.embed('not an array'), TypeError);
  await assert.rejects(e.embed(['ok', 42]), /docs\[1\] is not a string/);
});

test('progress is reported and an AbortSignal cancels', async () => {
  const e = await embedder('int8', { batchSize: 4 });
  const docs = corpus.slice(300, 320);
  const seen = [];
  await e.embed(docs, { onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen.map((p) => p.done), [4, 8, 12, 16, 20]);
  assert.ok(seen.every((p) => p.total === 20 && p.stage === 'embed'));
  const controller = new AbortController();
  const run = e.embed(docs, { signal: controller.signal, onProgress: (p) => p.done === 8 && controller.abort() });
  await assert.rejects(run, (err) => err.name === 'AbortError');
});

test('missing or corrupt model and tokenizer files give clear errors', async () => {
  const tokenizer = modelDir + 'tokenizer.json';
  await assert.rejects(Embedder.create({ model: '/nonexistent/model.onnx', tokenizer }), /embedding model file not found.*nonexistent/);
  await assert.rejects(Embedder.create({ model: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), tokenizer }), /could not load the embedding model/);
  const bytes = fs.readFileSync(modelDir + 'minilm-int8.onnx');
  await assert.rejects(Embedder.create({ model: bytes.subarray(0, bytes.length >> 1), tokenizer }), /could not load the embedding model/);
  await assert.rejects(Embedder.create({ model: modelDir + 'minilm-int8.onnx' }), /needs its tokenizer\.json/);
  await assert.rejects(Embedder.create({ model: 'int8', tokenizer: '{"model": {}}' }), /could not read the tokenizer.*model\.vocab/);
  await assert.rejects(Embedder.create({ model: 'int8', tokenizer: '/nonexistent/tokenizer.json' }), /tokenizer\.json file not found/);
  await assert.rejects(Embedder.create({ model: 'int8', batchSize: 0 }), /batchSize/);
  await assert.rejects(Embedder.create({ model: 'int8', colour: 'red' }), /unknown Embedder option "colour"/);
});
