// Bad input, hostile files and misuse (issue 16): each gets an Error whose message names the
// problem, and a fitted model gives the same getTopicInfo() and transform afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { CTM, TopicModel, init, reduceDimensions, topicDiversity } from '../web/node.js';
import { writeZip } from '../web/files/zip.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const D = 384;
const N = 240;
const all = brownDocs();
const allEmbeddings = brownEmbeddings();
// Brown is stored genre by genre: every 29th paragraph mixes them.
const pick = Array.from({ length: N + 20 }, (_, i) => i * 29);
const texts = pick.map((i) => all[i].text);
const vectors = new Float32Array(pick.length * D);
pick.forEach((src, dst) => vectors.set(allEmbeddings.subarray(src * D, (src + 1) * D), dst * D));
const docs = texts.slice(0, N);
const embeddings = vectors.slice(0, N * D);
const queries = texts.slice(N);
const queryEmbeddings = vectors.slice(N * D);
const rowsOf = (flat, n) => Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * D, (i + 1) * D)));

const OPTIONS = { reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 5 }, vectorizerModel: { stopWords: 'english' } };

async function fitted(options = OPTIONS) {
  const model = new TopicModel(options);
  await model.fitTransform(docs, { embeddings });
  return model;
}

// What must not change: the topics and how new documents are assigned.
async function snapshot(model) {
  const { topics } = await model.transform(queries, { embeddings: queryEmbeddings });
  return JSON.stringify({ info: model.getTopicInfo(), topics: [...topics] });
}

async function assertUnchanged(model, before) {
  assert.equal(await snapshot(model), before, 'the fitted model changed');
}

test('embeddings: one shape rule at fit, transform and the other entries', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  // A flat array carries no shape: once fitted, its length must be n x the model's dimension.
  const doubled = new Float32Array(queries.length * 2 * D);
  await assert.rejects(model.transform(queries, { embeddings: doubled }), /embeddings has 15360 values for 20 rows; expected 20 x 384 .*embedding dimension being 384/);
  await assert.rejects(model.fitTransform(docs, { embeddings: embeddings.subarray(1) }), /embeddings has 92159 values for 240 rows; expected n x d/);
  // {data, rows, cols} and arrays of rows give the same topics as the flat array.
  const flat = await model.transform(queries, { embeddings: queryEmbeddings });
  const shaped = await model.transform(queries, { embeddings: { data: queryEmbeddings, rows: queries.length, cols: D } });
  const rows = await model.transform(queries, { embeddings: rowsOf(queryEmbeddings, queries.length) });
  assert.deepEqual([...shaped.topics], [...flat.topics]);
  assert.deepEqual([...rows.topics], [...flat.topics]);
  await assert.rejects(model.transform(queries, { embeddings: { data: queryEmbeddings, rows: 10, cols: 2 * D } }), /embeddings.rows is 10 but there are 20/);
  await assert.rejects(model.transform(queries, { embeddings: { data: queryEmbeddings, rows: 20, cols: 300 } }), /embeddings.data has 7680 values, not rows x cols = 20 x 300/);
  await assert.rejects(model.transform(queries, { embeddings: { data: queryEmbeddings, rows: 20, cols: D, dims: 2 } }), /unknown key "dims"/);
  // Rows of the wrong dimension, strings, NaN, Infinity, float64 beyond float32: named by row and column.
  const bad = (i, j, v) => rowsOf(queryEmbeddings, queries.length).map((row, r) => (r === i ? row.map((x, c) => (c === j ? v : x)) : row));
  await assert.rejects(model.transform(queries, { embeddings: rowsOf(queryEmbeddings, 20).map((r) => r.slice(0, 100)) }), /embeddings have 100 dimensions but the model's embeddings have 384/);
  await assert.rejects(model.transform(queries, { embeddings: bad(3, 7, '0.5') }), /embeddings\[3\]\[7\] is the string "0.5", not a number/);
  await assert.rejects(model.transform(queries, { embeddings: bad(4, 0, NaN) }), /embeddings\[4\]\[0\] is NaN: embeddings must hold finite numbers/);
  await assert.rejects(model.transform(queries, { embeddings: bad(5, 383, -Infinity) }), /embeddings\[5\]\[383\] is -Infinity/);
  await assert.rejects(model.transform(queries, { embeddings: bad(6, 1, null) }), /embeddings\[6\]\[1\] is null, not a number/);
  const wide = Float64Array.from(queryEmbeddings);
  wide[2 * D + 9] = 1e300;
  await assert.rejects(model.transform(queries, { embeddings: wide }), /embeddings\[2\]\[9\] is 1e\+300, beyond float32 range/);
  const ragged = rowsOf(queryEmbeddings, 20);
  ragged[8] = ragged[8].slice(1);
  await assert.rejects(model.transform(queries, { embeddings: ragged }), /embeddings\[8\] has 383 values, expected 384/);
  await assert.rejects(model.transform(queries, { embeddings: 'vectors' }), /embeddings must be a Float32Array .* got the string "vectors"/);
  // Wrong types are TypeErrors (a string for the matrix or for a number); a NaN is a bad value.
  await assert.rejects(model.transform(queries, { embeddings: 'vectors' }), TypeError);
  await assert.rejects(model.transform(queries, { embeddings: bad(3, 7, '0.5') }), TypeError);
  await assert.rejects(model.transform(queries, { embeddings: bad(4, 0, NaN) }), (e) => e.constructor === Error);
  // A refit with bad embeddings fails before anything changes.
  const nan = embeddings.slice();
  nan[10 * D + 4] = NaN;
  await assert.rejects(model.fitTransform(docs, { embeddings: nan }), /embeddings\[10\]\[4\] is NaN/);
  // reduceOutliers and updateTopics check against the model's dimension too.
  const topics = model.topics_;
  await assert.rejects(model.updateTopics(docs, { embeddings: embeddings.subarray(0, N * 100) }), /240 x 384/);
  await assert.rejects(model.updateTopics(docs, { embeddings: nan }), /embeddings\[10\]\[4\] is NaN/);
  const outliers = Int32Array.from(topics, (t, i) => (i % 7 ? t : -1));
  await assert.rejects(model.reduceOutliers(docs, outliers, { strategy: 'embeddings', embeddings: new Float32Array(N * 128) }), /240 x 384/);
  await assertUnchanged(model, before);
});

test('embeddings: partialFit batches keep the first batch\'s dimension', async () => {
  const model = new TopicModel({ reduceModel: 'incrementalPca', clusterModel: 'miniBatchKmeans', miniBatchKmeansModel: { nClusters: 5 }, vectorizerModel: { online: true } });
  await model.partialFit(docs.slice(0, 120), { embeddings: embeddings.subarray(0, 120 * D) });
  const before = await snapshot(model);
  await assert.rejects(model.partialFit(docs.slice(120), { embeddings: new Float32Array(120 * 2 * D) }), /expected 120 x 384/);
  await assert.rejects(model.partialFit(docs.slice(120), { embeddings: rowsOf(embeddings.subarray(120 * D), 120).map((r, i) => (i === 7 ? [...r.slice(0, 383), 'x'] : r)) }),
    /embeddings\[7\]\[383\] is the string "x"/);
  await assertUnchanged(model, before);
});

test('embeddings: zero-shot label embeddings follow the same rule', async () => {
  const zeroshotTopicList = ['news and politics', 'religion'];
  const model = new TopicModel({ ...OPTIONS, zeroshotTopicList, zeroshotMinSimilarity: 0.5 });
  const labels = vectors.subarray(0, 2 * D);
  await model.fitTransform(docs, { embeddings, zeroshotEmbeddings: labels });
  const before = await snapshot(model);
  await assert.rejects(model.fitTransform(docs, { embeddings, zeroshotEmbeddings: new Float32Array(2 * 768) }),
    /zeroshotEmbeddings has 1536 values for 2 rows; expected 2 x 384/);
  await assert.rejects(model.fitTransform(docs, { embeddings, zeroshotEmbeddings: [rowsOf(labels, 2)[0], rowsOf(labels, 2)[1].map((x, j) => (j === 3 ? Infinity : x))] }),
    /zeroshotEmbeddings\[1\]\[3\] is Infinity/);
  await assertUnchanged(model, before);
});

test('embeddings: CTM fit and transform', async () => {
  const ctm = new CTM({ nComponents: 4, numEpochs: 2, vocabularySize: 300 });
  const nan = embeddings.slice();
  nan[3 * D] = NaN;
  await assert.rejects(ctm.fit(docs, { embeddings: nan }), /embeddings\[3\]\[0\] is NaN/);
  await ctm.fit(docs, { embeddings });
  const before = JSON.stringify(ctm.getTopicLists(5));
  await assert.rejects(ctm.transform(queries, { embeddings: new Float32Array(20 * 768) }), /expected 20 x 384/);
  await assert.rejects(ctm.transform(queries, { embeddings: rowsOf(queryEmbeddings, 20).map((r) => r.map(String)) }), /embeddings\[0\]\[0\] is the string/);
  await assert.rejects(ctm.transform(queries, { embeddings: rowsOf(queryEmbeddings, 20).map((r) => r.map(String)) }), TypeError);
  await assert.rejects(ctm.fit('documents', { embeddings }), TypeError);
  assert.throws(() => ctm.getWordDistributionByTopicId('1'), TypeError);
  assert.throws(() => ctm.getWordDistributionByTopicId(99), (e) => e.constructor === Error && /topic must be an integer id in 0..3, got 99/.test(e.message));
  assert.throws(() => new CTM({ nComponents: '4' }), TypeError);
  assert.equal(JSON.stringify(ctm.getTopicLists(5)), before);
  ctm.free();
});

test('unknown keys in call options are refused, naming the key and the valid ones', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  await assert.rejects(model.fitTransform(docs, { embedding: embeddings }), /unknown fitTransform option "embedding" \(known: y, embeddings, zeroshotEmbeddings, images, onProgress\)/);
  await assert.rejects(model.fit(docs, { embedding: embeddings }), /unknown fitTransform option "embedding"/);
  await assert.rejects(model.transform(queries, { embedings: queryEmbeddings }), /unknown transform option "embedings" \(known: embeddings, onProgress\)/);
  await assert.rejects(model.partialFit(docs, { embedding: embeddings }), /unknown partialFit option "embedding"/);
  await assert.rejects(model.reduceTopics(docs, { nrTopic: 3 }), /unknown reduceTopics option "nrTopic" \(known: nrTopics, useCtfidf\)/);
  await assert.rejects(model.updateTopics(docs, { topN: 3 }), /unknown updateTopics option "topN"/);
  assert.throws(() => model.save({ saveCtfid: false }), /unknown save option "saveCtfid" \(known: saveCtfidf, saveEmbeddingModel\)/);
  await assert.rejects(init({ thread: 1 }), /unknown init option "thread" \(known: threads, build\)/);
  await assert.rejects(reduceDimensions(queryEmbeddings, 20, { nComponent: 2 }), /unknown reduceDimensions option "nComponent"/);
  await assert.rejects(topicDiversity([['a', 'b']], { topk: 1 }), /unknown topicDiversity option "topk" \(known: topK\)/);
  await assert.rejects(new CTM().fit(docs, { embedding: embeddings }), /unknown CTM.fit option "embedding"/);
  await assert.rejects(model.transform(queries, [queryEmbeddings]), /transform must be an object, got an array/);
  await assert.rejects(model.transform(queries, [queryEmbeddings]), TypeError);
  // A misspelt name is not a type problem: a plain Error.
  await assert.rejects(model.reduceTopics(docs, { nrTopic: 3 }), (e) => e.constructor === Error);
  await assertUnchanged(model, before);
});

// The central-directory record of `name` in a zip (to forge its declared size).
function centralRecord(zip, name) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const bytes = new TextEncoder().encode(name);
  for (let pos = 0; pos + 46 < zip.length; ++pos) {
    if (view.getUint32(pos, true) !== 0x02014b50 || view.getUint16(pos + 28, true) !== bytes.length) continue;
    if (bytes.every((b, i) => zip[pos + 46 + i] === b)) return { view, pos };
  }
  throw new Error(`no ${name} in the zip`);
}

test('zip bombs and oversized files: refused before inflating, the entry named', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  const files = model.save();
  // A declared size above the file's limit is refused before any inflating.
  const declared = writeZip(files, { deflateRaw: deflateRawSync });
  const { view, pos } = centralRecord(declared, 'topic_embeddings.safetensors');
  view.setUint32(pos + 24, 0xfffffff0, true);
  await assert.rejects(TopicModel.load(declared), /zip: topic_embeddings.safetensors declares 4096.0 MB uncompressed, more than the 512 MB/);
  // A header that understates the size: inflating stops at the declared size.
  const bomb = writeZip({ ...files, 'config.json': new Uint8Array(64 * 2 ** 20).fill(32) }, { deflateRaw: deflateRawSync });
  assert.ok(bomb.length < 2 ** 20, 'the bomb is small');
  const config = centralRecord(bomb, 'config.json');
  config.view.setUint32(config.pos + 24, files['config.json'].length, true);
  await assert.rejects(TopicModel.load(bomb), /zip: config.json inflates to more than \d+ bytes, not the \d+ its header declares/);
  // Honestly declared but too large for a config.json.
  const large = writeZip({ ...files, 'config.json': new Uint8Array(17 * 2 ** 20).fill(32) }, { deflateRaw: deflateRawSync });
  await assert.rejects(TopicModel.load(large), /zip: config.json declares 17.0 MB uncompressed, more than the 16 MB a model's config.json may hold/);
  await assert.rejects(TopicModel.load({ ...files, 'config.json': ' '.repeat(17 * 2 ** 20) }), /config.json: 17.0 MB, more than the 16 MB/);
  // Other entries (a README, images) are not inflated at all.
  const extra = writeZip({ ...files, 'README.md': new Uint8Array(64 * 2 ** 20) }, { deflateRaw: deflateRawSync });
  const { view: v2, pos: p2 } = centralRecord(extra, 'README.md');
  v2.setUint32(p2 + 24, 1, true); // would fail if it were inflated
  const loaded = await TopicModel.load(extra);
  assert.deepEqual(loaded.getTopicInfo().map((r) => r.Count), model.getTopicInfo().map((r) => r.Count));
  loaded.free();
  await assertUnchanged(model, before);
});

test('model files: absurd or inconsistent values are refused, naming the field', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  const files = model.save();
  const topicsJson = JSON.parse(new TextDecoder().decode(files['topics.json']));
  const withTopics = (change) => ({ ...files, 'topics.json': JSON.stringify(change(structuredClone(topicsJson))) });
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topic_sizes['0'] = 1e308), t))), /topics.json: topic_sizes\["0"\] must be a document count \(an integer >= 0\), got 1e\+308/);
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topic_sizes['1'] = -3), t))), /topic_sizes\["1"\] must be a document count/);
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topic_sizes['2'] = 2.5), t))), /topic_sizes\["2"\] must be a document count/);
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topic_sizes['99'] = 4), t))), /topic_sizes has topic 99, which topic_representations does not have/);
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topics[17] = 42), t))), /topics.json: topics\[17\] is 42, not a topic of topic_representations/);
  await assert.rejects(TopicModel.load({ ...files, 'topics.json': new TextDecoder().decode(files['topics.json']).replace(/("topic_representations": \{\s*"-?\d+": \[\s*\[\s*"[^"]*",\s*)[-0-9.e]+/, '$11e999') }),
    /topics.json: topic_representations\["-?\d+"\] holds \["[^"]*",null\], not a \[word, score\] pair/);
  // A topic more than the topic embeddings have rows, and a vocabulary shorter than the c-TF-IDF matrix.
  await assert.rejects(TopicModel.load(withTopics((t) => ((t.topic_representations['5'] = [['extra', 0.1]]), t))), /topic_embeddings.safetensors/);
  const ctfidfConfig = JSON.parse(new TextDecoder().decode(files['ctfidf_config.json']));
  const vocab = ctfidfConfig.vectorizer_model.vocab;
  delete vocab[Object.keys(vocab).find((term) => vocab[term] === Object.keys(vocab).length - 1)];
  await assert.rejects(TopicModel.load({ ...files, 'ctfidf_config.json': JSON.stringify(ctfidfConfig) }), /ctfidf.safetensors/);
  await assertUnchanged(model, before);
});

test('calls on a busy model: a clear Error, and the model stays whole', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  // Two fits at once, and transform during a fit: the second call is refused.
  // (Started together, before the first fit can finish.)
  const first = model.fitTransform(docs, { embeddings });
  const second = model.fitTransform(docs, { embeddings });
  const during = model.transform(queries, { embeddings: queryEmbeddings });
  const merge = model.mergeTopics(docs, [0, 1]);
  await assert.rejects(second, /TopicModel.fitTransform: the model is busy with TopicModel.fitTransform; await it/);
  await assert.rejects(during, /TopicModel.transform: the model is busy with TopicModel.fitTransform/);
  await assert.rejects(merge, /TopicModel.mergeTopics: the model is busy with TopicModel.fitTransform/);
  await first;
  await assertUnchanged(model, before); // the same data and seed refit the same model

  // free() from inside onProgress: the fit finishes on a live engine object, then the model is freed.
  const progressed = new TopicModel(OPTIONS);
  await assert.rejects(progressed.fitTransform(docs, { embeddings, onProgress: () => progressed.free() }),
    /TopicModel.fitTransform: free\(\) was called while it ran; the model is freed/);
  assert.throws(() => progressed.getTopicInfo(), /not fitted yet \(or was freed with free\(\)\)/);
  // free() while a fit is pending (not a BindingError), then the model can be fitted again.
  const pending = new TopicModel(OPTIONS);
  const fit = pending.fitTransform(docs, { embeddings });
  pending.free();
  await assert.rejects(fit, /free\(\) was called while it ran/);
  await assert.rejects(pending.transform(queries, { embeddings: queryEmbeddings }), /not fitted yet \(or was freed/);
  await pending.fitTransform(docs, { embeddings });
  assert.equal(await snapshot(pending), before);
  pending.free();
  await assertUnchanged(model, before);

  // The same for CTM.
  const ctm = new CTM({ nComponents: 4, numEpochs: 2, vocabularySize: 300 });
  const training = ctm.fit(docs, { embeddings, onProgress: () => ctm.free() });
  await assert.rejects(ctm.fit(docs, { embeddings }), /CTM.fit: the model is busy with CTM.fit/);
  await assert.rejects(training, /CTM.fit: free\(\) was called while it ran/);
  assert.throws(() => ctm.getTopicLists(), /not fitted yet \(or was freed/);
});

test('messages that say what is wrong: PCA nComponents, overlapping mergeTopics groups', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  const wide = new TopicModel({ ...OPTIONS, umapModel: { nComponents: 500 } });
  await assert.rejects(wide.fitTransform(docs, { embeddings }), /umapModel.nComponents \(500\) is above the embedding dimension \(384\): reduceModel 'pca' cannot make more dimensions/);
  await assert.rejects(reduceDimensions(queryEmbeddings, 20, { method: 'pca', nComponents: 500 }), /PCA nComponents \(500\) is above the input's dimension \(384 columns\)/);
  await assert.rejects(reduceDimensions(queryEmbeddings, 20, { method: 'pca', nComponents: 30 }), /PCA nComponents \(30\) is above the number of rows \(20\)/);
  await assert.rejects(model.mergeTopics(docs, [[0, 1], [2, 1]]), /topicsToMerge: topic 1 appears more than once: in group 0 \[0, 1\] and group 1 \[2, 1\]/);
  await assert.rejects(model.mergeTopics(docs, [[0, 3, 3]]), /topic 3 appears more than once: twice in group 0 \[0, 3, 3\]/);
  await assertUnchanged(model, before);
});

// The README's table "Bad input -> Error": each row is run here, so the table stays true.
const zipWith = (files, name, change) => {
  const zip = writeZip(files, { deflateRaw: deflateRawSync });
  const { view, pos } = centralRecord(zip, name);
  change(view, pos);
  return zip;
};
const TABLE = [
  ['`transform(20 docs, {embeddings: new Float32Array(20 * 768)})` on a 384-d model',
    (m) => m.transform(queries, { embeddings: new Float32Array(20 * 768) }), 'embeddings has 15360 values for 20 rows; expected 20 x 384 (row-major)'],
  ['rows of 100 numbers for a 384-d model', (m) => m.transform(queries, { embeddings: rowsOf(queryEmbeddings, 20).map((r) => r.slice(0, 100)) }),
    "embeddings have 100 dimensions but the model's embeddings have 384"],
  ["a string in a row (`embeddings[3][7] = '0.5'`)", (m) => m.transform(queries, { embeddings: rowsOf(queryEmbeddings, 20).map((r, i) => (i === 3 ? r.map((x, j) => (j === 7 ? '0.5' : x)) : r)) }),
    'embeddings[3][7] is the string "0.5", not a number'],
  ['NaN or ±Infinity in the embeddings', (m) => m.transform(queries, { embeddings: queryEmbeddings.map((x, k) => (k === 4 * D ? NaN : x)) }),
    'embeddings[4][0] is NaN: embeddings must hold finite numbers'],
  ['a misspelt call option (`fitTransform(docs, {embedding})`)', (m) => m.fitTransform(docs, { embedding: embeddings }),
    'unknown fitTransform option "embedding" (known: y, embeddings, zeroshotEmbeddings, images, onProgress)'],
  ['`init({thread: 1})`', () => init({ thread: 1 }), 'unknown init option "thread" (known: threads, build)'],
  ['a model zip whose `config.json` declares 4 GB', (m) => TopicModel.load(zipWith(m.save(), 'config.json', (v, p) => v.setUint32(p + 24, 2 ** 32 - 1, true))),
    "zip: config.json declares 4096.0 MB uncompressed, more than the 16 MB a model's config.json may hold"],
  ['a zip bomb: `config.json` inflates past the size its header declares',
    (m) => TopicModel.load(zipWith({ ...m.save(), 'config.json': new Uint8Array(2 ** 24) }, 'config.json', (v, p) => v.setUint32(p + 24, 1000, true))),
    'zip: config.json inflates to more than 1000 bytes, not the 1000 its header declares (corrupt archive or zip bomb)'],
  ['`topics.json` with a topic size of 1e308', (m) => {
    const files = m.save();
    return TopicModel.load({ ...files, 'topics.json': new TextDecoder().decode(files['topics.json']).replace(/("topic_sizes": \{[^}]*?"0": )\d+/, '$11e308') });
  }, 'topics.json: topic_sizes["0"] must be a document count (an integer >= 0), got 1e+308'],
  ['a second call while `fitTransform` runs (e.g. `transform`)', async (m) => {
    const fit = m.fitTransform(docs, { embeddings });
    try {
      await m.transform(queries, { embeddings: queryEmbeddings });
    } finally {
      await fit;
    }
  }, 'TopicModel.transform: the model is busy with TopicModel.fitTransform; await it before starting another call'],
  ['`free()` from `onProgress` (or while a call is pending)', () => {
    const m = new TopicModel(OPTIONS);
    return m.fitTransform(docs, { embeddings, onProgress: () => m.free() });
  }, 'TopicModel.fitTransform: free() was called while it ran; the model is freed'],
  ["`umapModel: {nComponents: 500}` with `reduceModel: 'pca'` on 384-d embeddings", () => new TopicModel({ ...OPTIONS, umapModel: { nComponents: 500 } }).fitTransform(docs, { embeddings }),
    'umapModel.nComponents (500) is above the embedding dimension (384)'],
  ['`mergeTopics(docs, [[0, 1], [2, 1]])`', (m) => m.mergeTopics(docs, [[0, 1], [2, 1]]),
    'topicsToMerge: topic 1 appears more than once: in group 0 [0, 1] and group 1 [2, 1]'],
];

test('the README table of bad input and its Errors is what the code does', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const [input, call, message] of TABLE) {
    await assert.rejects(async () => call(model), (e) => {
      assert.ok(e instanceof Error && e.message.startsWith(message), `${input}: got ${e.message}`);
      return true;
    });
    const row = `| ${input} | \`${message}\` |`;
    assert.ok(readme.includes(row), `README.md lacks the row\n${row}`);
    await assertUnchanged(model, before);
  }
});

test('memory: a fit wasm32 cannot hold is refused up front; fit + free cycles do not leak', async () => {
  const model = await fitted();
  const before = await snapshot(model);
  // 100,000 documents x 6,000 neighbours: UMAP's graphs alone would take ~24 GB.
  const n = 100000;
  const many = Array.from({ length: n }, (_, i) => `document ${i} about subject ${i % 50}`);
  const small = Float32Array.from({ length: n * 4 }, (_, k) => ((k * 7919) % 1000) / 1000);
  const huge = new TopicModel({ umapModel: { nNeighbors: 6000 } });
  await assert.rejects(huge.fitTransform(many, { embeddings: small }),
    /this fit needs about \d+\.\d GB \(UMAP's neighbour graphs for 100000 documents x nNeighbors 6000: \d+\.\d GB\), more than the 4 GB a WebAssembly \(wasm32\) module can address/);
  await assertUnchanged(model, before);

  const { engine } = await init();
  const cycle = async () => {
    const m = new TopicModel({ umapModel: { nNeighbors: 10 }, minTopicSize: 5 });
    await m.fitTransform(docs, { embeddings });
    await m.transform(queries, { embeddings: queryEmbeddings });
    m.free();
  };
  await cycle();
  const inUse = engine.heapInUse();
  for (let c = 1; c < 20; ++c) await cycle();
  // Allocator bookkeeping may move a little; a leak of the model (megabytes) may not.
  assert.ok(engine.heapInUse() - inUse < 64 * 1024, `malloc'd bytes grew from ${inUse} to ${engine.heapInUse()} over 19 fit + free cycles`);
});
