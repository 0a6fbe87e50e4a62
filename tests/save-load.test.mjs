// Model files in BERTopic's safetensors layout, both directions: the model Python BERTopic 0.17.4
// saved for Brown (tests/fixtures/brown/bertopic_model) loads with the same topics, c-TF-IDF and
// BERTopic's transform, and saves back to the same files; our own fits survive save -> load (files,
// zip, directory); bad files throw Errors naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gunzipSync } from 'node:zlib';
import { TopicModel } from '../web/node.js';
import { writeZip } from '../web/files/zip.js';
import { brownDocs, brownEmbeddings, fixturePath, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const DIM = 384;
const NAMES = ['config.json', 'topics.json', 'topic_embeddings.safetensors', 'ctfidf.safetensors', 'ctfidf_config.json'];

function pythonFiles() {
  const read = (name) => new Uint8Array(readFileSync(fixturePath(`brown/bertopic_model/${name}`)));
  return {
    'config.json': read('config.json'),
    'topics.json': read('topics.json'),
    'topic_embeddings.safetensors': read('topic_embeddings.safetensors'),
    'ctfidf.safetensors': new Uint8Array(gunzipSync(read('ctfidf.safetensors.gz'))),
    'ctfidf_config.json': new Uint8Array(gunzipSync(read('ctfidf_config.json.gz'))),
  };
}

/** A safetensors file -> {name: {dtype, shape, bytes}} (our own small reader, independent of the engine's). */
function readSafetensors(bytes) {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  const out = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [a, b] = t.data_offsets;
    out[name] = { dtype: t.dtype, shape: t.shape, bytes: bytes.slice(8 + n + a, 8 + n + b) };
  }
  return out;
}

/** A safetensors file from {name: {dtype, shape, bytes}}, for building bad files. */
function writeSafetensors(tensors) {
  let offset = 0;
  const header = {};
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  let text = JSON.stringify(header);
  while (text.length % 8) text += ' ';
  const out = new Uint8Array(8 + text.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(new TextEncoder().encode(text), 8);
  let pos = 8 + text.length;
  for (const t of Object.values(tensors)) out.set(t.bytes, pos), (pos += t.bytes.length);
  return out;
}

const json = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
const sameBytes = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** BERTopic's transform of a loaded model, computed here: argmax cosine to the topic embeddings. */
function cosineArgmax(embeddings, n, topicEmbeddings, topicIds) {
  const k = topicIds.length;
  const norms = Array.from({ length: k }, (_, t) => Math.hypot(...topicEmbeddings.subarray(t * DIM, (t + 1) * DIM)));
  const topics = [];
  const best = [];
  for (let i = 0; i < n; ++i) {
    const x = embeddings.subarray(i * DIM, (i + 1) * DIM);
    const xn = Math.hypot(...x);
    let arg = 0;
    let max = -Infinity;
    for (let t = 0; t < k; ++t) {
      let dot = 0;
      for (let j = 0; j < DIM; ++j) dot += x[j] * topicEmbeddings[t * DIM + j];
      const sim = dot / (xn * norms[t]);
      if (sim > max) (max = sim), (arg = t);
    }
    topics.push(topicIds[arg]);
    best.push(max);
  }
  return { topics, best };
}

const python = pythonFiles();
const reference = json(python['topics.json']);
const embeddings = brownEmbeddings();

test('a model saved by Python BERTopic loads: topics, sizes, labels, words, scores, topics_, c-TF-IDF', async () => {
  const started = performance.now();
  const model = await TopicModel.load(python);
  console.log(`load of the Python model: ${(performance.now() - started).toFixed(0)} ms (files ${NAMES.map((n) => `${n} ${python[n].length}`).join(', ')})`);
  const info = model.getTopicInfo();
  const ids = Object.keys(reference.topic_representations).map(Number).sort((a, b) => a - b);
  assert.deepEqual(info.map((r) => r.Topic), ids);
  for (const row of info) {
    const words = reference.topic_representations[row.Topic];
    assert.equal(row.Count, reference.topic_sizes[row.Topic]);
    // BERTopic's get_topic_freq(topic) is topic_sizes_[topic]: a number.
    assert.equal(model.getTopicFreq(row.Topic), reference.topic_sizes[row.Topic]);
    assert.equal(row.Name, reference.topic_labels[row.Topic]);
    assert.deepEqual(row.Representation, words.map(([w]) => w));
    assert.ok(!('Representative_Docs' in row), 'BERTopic.load has no representative documents');
    assert.deepEqual(model.getTopic(row.Topic), words); // scores exactly
  }
  assert.deepEqual(Array.from(model.topics_), reference.topics);
  assert.deepEqual(model.topicLabels_, Object.fromEntries(ids.map((id) => [id, reference.topic_labels[id]])));
  assert.equal(model.getTopic(10_000), false);
  const freq = model.getTopicFreq();
  assert.ok(freq.every((r, i) => i === 0 || freq[i - 1].Count >= r.Count));
  assert.deepEqual(Object.fromEntries(freq.map((r) => [r.Topic, r.Count])), Object.fromEntries(ids.map((id) => [id, reference.topic_sizes[id]])));
  // BERTopic's topic_sizes_[10000] raises KeyError.
  assert.throws(() => model.getTopicFreq(10_000), (e) => e.constructor === Error && /no topic 10000/.test(e.message));
  assert.equal(model.customLabels_, null);

  // The engine's c-TF-IDF (read back through save) ranks every topic's words as topics.json does.
  const vocab = json(python['ctfidf_config.json']).vectorizer_model.vocab;
  assert.equal(model.vocabularySize, Object.keys(vocab).length);
  const terms = [];
  for (const [term, column] of Object.entries(vocab)) terms[column] = term;
  const saved = readSafetensors(model.save()['ctfidf.safetensors']);
  const data = new Float64Array(saved.data.bytes.buffer);
  const indices = new Int32Array(saved.indices.bytes.buffer);
  const indptr = new Int32Array(saved.indptr.bytes.buffer);
  ids.forEach((id, r) => {
    const row = [];
    for (let k = indptr[r]; k < indptr[r + 1]; ++k) row.push([terms[indices[k]], data[k]]);
    row.sort((a, b) => b[1] - a[1]);
    assert.deepEqual(row.slice(0, 10).map(([, s]) => s), reference.topic_representations[id].map(([, s]) => s), `topic ${id}`);
  });

  // transform: BERTopic's loaded-model transform, argmax cosine similarity to topic_embeddings_.
  const n = 400;
  const query = embeddings.subarray(0, n * DIM);
  const docs = brownDocs().slice(0, n).map((d) => d.text);
  const topicEmbeddings = new Float32Array(readSafetensors(python['topic_embeddings.safetensors']).topic_embeddings.bytes.buffer);
  const expected = cosineArgmax(query, n, topicEmbeddings, ids);
  const { topics, probabilities } = await model.transform(docs, { embeddings: query });
  assert.deepEqual(Array.from(topics), expected.topics);
  for (let i = 0; i < n; ++i) assert.ok(Math.abs(probabilities[i] - expected.best[i]) < 1e-5, `probability ${i}`);
  // Centroids of HDBSCAN clusters: clustered documents mostly land on their own topic.
  const clustered = reference.topics.slice(0, n).map((t, i) => [t, topics[i]]).filter(([t]) => t >= 0);
  const agree = clustered.filter(([t, p]) => t === p).length / clustered.length;
  console.log(`loaded transform agrees with the fit's topic for ${(100 * agree).toFixed(1)} % of clustered documents`);
  assert.ok(agree > 0.5, `agreement ${agree}`);
  await assert.rejects(model.transform(docs), /fitted on embeddings from an unnamed model: pass \{embeddings\}/);
  model.free();
});

test('saving the loaded Python model writes back the same files, byte for byte', async () => {
  const model = await TopicModel.load(python);
  const started = performance.now();
  const files = model.save();
  console.log(`save: ${(performance.now() - started).toFixed(0)} ms`);
  assert.deepEqual(Object.keys(files), NAMES);
  for (const name of ['config.json', 'topics.json', 'ctfidf_config.json']) {
    assert.deepEqual(json(files[name]), json(python[name]), name);
    assert.ok(sameBytes(files[name], python[name]), `${name}: same bytes as Python's json.dump`);
  }
  for (const name of ['topic_embeddings.safetensors', 'ctfidf.safetensors']) {
    const ours = readSafetensors(files[name]);
    const theirs = readSafetensors(python[name]);
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort());
    for (const tensor of Object.keys(theirs)) {
      assert.equal(ours[tensor].dtype, theirs[tensor].dtype, `${name} ${tensor}`);
      assert.deepEqual(ours[tensor].shape, theirs[tensor].shape, `${name} ${tensor}`);
      assert.ok(sameBytes(ours[tensor].bytes, theirs[tensor].bytes), `${name} ${tensor}: bitwise equal`);
    }
    assert.ok(sameBytes(files[name], python[name]), `${name}: same file bytes`);
  }
  // Without the c-TF-IDF (BERTopic's default save_ctfidf=False): three files, still loadable.
  const light = model.save({ saveCtfidf: false });
  assert.deepEqual(Object.keys(light), NAMES.slice(0, 3));
  const reloaded = await TopicModel.load(light);
  assert.deepEqual(reloaded.getTopics(), model.getTopics());
  assert.equal(reloaded.vocabularySize, 0);
  reloaded.free();
  model.free();
});

test('a model fitted here survives save -> load: topics, words, transform; files, zip and directory', async () => {
  const docs = brownDocs().map((d) => d.text);
  // PCA + k-means: a full pipeline (topic embeddings, c-TF-IDF) that fits in seconds.
  const model = new TopicModel({ reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 25 }, vectorizerModel: { stopWords: 'english', minDf: 2 } });
  await model.fitTransform(docs, { embeddings });
  const files = model.save();
  const sizes = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes.length]));
  console.log('saved files:', JSON.stringify(sizes));
  const loaded = await TopicModel.load(files);
  const strip = (rows) => rows.map(({ Representative_Docs, ...row }) => row);
  assert.deepEqual(loaded.getTopicInfo(), strip(model.getTopicInfo()));
  assert.deepEqual(loaded.getTopics(), model.getTopics());
  assert.deepEqual(loaded.getTopicFreq(), model.getTopicFreq());
  assert.deepEqual(loaded.topics_, model.topics_);
  assert.deepEqual(loaded.topicEmbeddings_, model.topicEmbeddings_);
  assert.equal(loaded.vocabularySize, model.vocabularySize);
  assert.deepEqual(loaded.options.vectorizerModel, model.options.vectorizerModel);

  // What Python reads: BERTopic's keys and semantics.
  const topicsJson = json(files['topics.json']);
  assert.deepEqual(Object.keys(topicsJson), ['topic_representations', 'topics', 'topic_sizes', 'topic_mapper', 'topic_labels', 'custom_labels', '_outliers', 'topic_aspects']);
  assert.equal(topicsJson._outliers, 0); // k-means has no outliers
  assert.deepEqual(topicsJson.topic_mapper.map((row) => row[2]).sort((a, b) => a - b), [...Array(25).keys()]);
  const params = json(files['ctfidf_config.json']).vectorizer_model.params;
  assert.equal(params.stop_words, 'english');
  assert.match(new TextDecoder().decode(files['ctfidf_config.json']), /"max_df": 1\.0,\n\s+"max_features": null,\n\s+"min_df": 2,/);
  assert.deepEqual(Object.keys(json(files['config.json'])), ['calculate_probabilities', 'language', 'low_memory', 'min_topic_size', 'n_gram_range', 'nr_topics', 'seed_topic_list', 'top_n_words', 'verbose', 'zeroshot_min_similarity', 'zeroshot_topic_list']);

  // Transform of the loaded model: cosine to the saved topic embeddings, as BERTopic.load's.
  const n = 300;
  const query = embeddings.subarray(DIM * 1000, DIM * (1000 + n));
  const ids = model.getTopicInfo().map((r) => r.Topic);
  const expected = cosineArgmax(query, n, model.topicEmbeddings_.data, ids);
  const { topics } = await loaded.transform(docs.slice(1000, 1000 + n), { embeddings: query });
  assert.deepEqual(Array.from(topics), expected.topics);

  // Saving the loaded model gives the same files; so do zips (stored and deflated) and directories.
  const again = loaded.save();
  for (const name of NAMES) assert.ok(sameBytes(again[name], files[name]), `${name} after save -> load -> save`);
  const zip = model.saveZip();
  const fromZip = await TopicModel.load(zip);
  for (const [name, bytes] of Object.entries(fromZip.save())) assert.ok(sameBytes(bytes, files[name]), `${name} from the zip`);
  const deflated = writeZip(files, { deflateRaw: deflateRawSync });
  assert.ok(deflated.length < zip.length);
  const fromDeflated = await TopicModel.load(deflated.buffer);
  assert.deepEqual(fromDeflated.getTopics(), model.getTopics());
  const dir = mkdtempSync(join(tmpdir(), 'topicwasm-model-'));
  try {
    assert.deepEqual(await model.saveTo(join(dir, 'm')), NAMES);
    const fromDir = await TopicModel.load(join(dir, 'm'));
    for (const [name, bytes] of Object.entries(fromDir.save())) assert.ok(sameBytes(bytes, files[name]), `${name} from the directory`);
    fromDir.free();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Fitting a loaded model again replaces it.
  const small = docs.slice(0, 60);
  const labels = small.map((_, i) => i % 3);
  await loaded.fitTransform(small, { y: labels });
  assert.equal(loaded.getTopicInfo().length, 3);
  assert.ok('Representative_Docs' in loaded.getTopicInfo()[0]);
  assert.deepEqual(json(loaded.save()['topics.json']).topic_mapper, [[0, 0, 0], [1, 1, 1], [2, 2, 2]]);
  for (const m of [model, loaded, fromZip, fromDeflated]) m.free();
});

test("save({saveEmbeddingModel}): config.json's embedding_model, and a loaded model embeds new documents with it", async () => {
  const n = 300;
  const docs = brownDocs().slice(0, n).map((d) => d.text);
  const model = new TopicModel({ reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 5 } });
  await model.fitTransform(docs, { embeddings: embeddings.subarray(0, n * DIM) });
  const name = 'sentence-transformers/all-MiniLM-L6-v2';
  // Fitted on embeddings given to fit: by default no model is recorded, and the loaded model wants embeddings.
  assert.ok(!('embedding_model' in json(model.save()['config.json'])));
  const unnamed = await TopicModel.load(model.save({ saveEmbeddingModel: true }));
  await assert.rejects(unnamed.transform(['a new document']), /pass \{embeddings\}/);
  // BERTopic's save_embedding_model="sentence-transformers/all-MiniLM-L6-v2": the name is saved,
  // and the loaded model embeds documents with the built-in MiniLM.
  const files = model.save({ saveEmbeddingModel: name });
  assert.equal(json(files['config.json']).embedding_model, name);
  const loaded = await TopicModel.load(files);
  const { topics } = await loaded.transform(docs.slice(0, 3));
  assert.deepEqual(Array.from(topics), Array.from(model.topics_.slice(0, 3)), 'MiniLM embeddings of training documents land in their topics');
  // A loaded model keeps the name on save unless told otherwise.
  assert.equal(json(loaded.save()['config.json']).embedding_model, name);
  assert.ok(!('embedding_model' in json(loaded.save({ saveEmbeddingModel: false })['config.json'])));
  assert.throws(() => model.save({ saveEmbeddingModel: 1 }), TypeError);
  for (const m of [model, unnamed, loaded]) m.free();
});

test('a loaded model changes its topics as the fitted one does, given the same documents (issue 19)', async () => {
  // BERTopic's topics.json carries topics_: reduceTopics, mergeTopics, reduceOutliers, updateTopics
  // and hierarchicalTopics on TopicModel.load(save()) give what they give on the fitted model.
  const n = 600;
  const docs = brownDocs().slice(0, n).map((d) => d.text);
  const model = new TopicModel({ reduceModel: 'pca', minTopicSize: 5, hdbscanModel: { minSamples: 2 }, vectorizerModel: { stopWords: 'english' } });
  await model.fitTransform(docs, { embeddings: embeddings.subarray(0, n * DIM) });
  const loaded = await TopicModel.load(model.save());
  const before = model.getTopicInfo().length;
  assert.ok(before > 8 && model.topics_.includes(-1), `a fit with outliers and several topics (${before} rows)`);
  const same = (step) => {
    assert.deepEqual(loaded.getTopicInfo(), model.getTopicInfo(), `${step}: topics, sizes, names, words, representative documents`);
    assert.deepEqual(loaded.getTopics(), model.getTopics(), `${step}: words and scores`);
    assert.deepEqual(loaded.topics_, model.topics_, `${step}: topics_`);
    assert.deepEqual(loaded.topicEmbeddings_, model.topicEmbeddings_, `${step}: topic embeddings`);
  };
  for (const m of [model, loaded]) await m.reduceTopics(docs, { nrTopics: 8 });
  assert.equal(model.getTopicInfo().length, 8);
  same('reduceTopics');
  for (const m of [model, loaded]) await m.mergeTopics(docs, [[0, 2], [3, 4]]);
  same('mergeTopics');
  const [mine, theirs] = await Promise.all([model, loaded].map((m) => m.reduceOutliers(docs, m.topics_, { strategy: 'c-tf-idf' })));
  assert.deepEqual(theirs, mine, 'reduceOutliers');
  for (const m of [model, loaded]) await m.updateTopics(docs, { topics: mine, topNWords: 5 });
  same('updateTopics');
  assert.deepEqual(await loaded.hierarchicalTopics(docs), await model.hierarchicalTopics(docs), 'hierarchicalTopics');

  // Saved again, the loaded model's topic_mapper points at its new topic ids.
  const ids = new Set(model.getTopicInfo().map((r) => r.Topic));
  const mapper = json(loaded.save()['topics.json']).topic_mapper;
  assert.ok(mapper.every((row) => row.at(-1) === -1 || ids.has(row.at(-1))), JSON.stringify(mapper));
  assert.deepEqual(new Set(mapper.map((row) => row.at(-1)).filter((t) => t !== -1)), new Set([...ids].filter((t) => t !== -1)));

  // Other documents, or a saved model without topics_, are refused with the reason.
  await assert.rejects(loaded.reduceTopics(docs.slice(1), { nrTopics: 3 }), /got 599 documents but the model was fitted on 600/);
  const files = model.save();
  const topicsJson = json(files['topics.json']);
  topicsJson.topics = null;
  const bare = await TopicModel.load({ ...files, 'topics.json': JSON.stringify(topicsJson) });
  await assert.rejects(bare.mergeTopics(docs, [0, 1]), /does not know its documents' topics/);
  for (const m of [model, loaded, bare]) m.free();
});

test('corrupt, missing or mistyped files throw an Error naming the file; a loaded model is left as it was', async () => {
  const model = await TopicModel.load(python);
  const before = model.save();
  const broken = (changes) => TopicModel.load({ ...python, ...changes });
  const without = (name) => {
    const files = { ...python };
    delete files[name];
    return TopicModel.load(files);
  };
  await assert.rejects(without('topics.json'), /^Error: topics\.json: missing/);
  await assert.rejects(without('topic_embeddings.safetensors'), /^Error: topic_embeddings\.safetensors: missing/);
  await assert.rejects(without('ctfidf_config.json'), /^Error: ctfidf_config\.json: missing: ctfidf\.safetensors needs it/);
  await assert.rejects(broken({ 'topics.json': '{"topic_representations": ' }), /^Error: topics\.json: not valid JSON/);
  await assert.rejects(broken({ 'topics.json': '{"topic_representations": {"x": []}}' }), /topics\.json: topic_representations has the key "x"/);
  await assert.rejects(broken({ 'config.json': '{"top_n_words": "ten"}' }), /config\.json: top_n_words has an unexpected value "ten"/);
  const ctfidf = python['ctfidf.safetensors'];
  await assert.rejects(broken({ 'ctfidf.safetensors': ctfidf.subarray(0, 5000) }), /^Error: ctfidf\.safetensors: safetensors: tensor 'data' data_offsets \[0, 1789608\] out of range/);
  await assert.rejects(broken({ 'topic_embeddings.safetensors': new Uint8Array(3) }), /^Error: topic_embeddings\.safetensors: safetensors: file truncated/);

  // Wrong dtypes and shapes.
  const tensors = readSafetensors(ctfidf);
  const asFloat = { ...tensors, indices: { ...tensors.indices, dtype: 'F32' } };
  await assert.rejects(broken({ 'ctfidf.safetensors': writeSafetensors(asFloat) }), /ctfidf\.safetensors: tensor 'indices' must have an integer dtype, got F32/);
  const emb = readSafetensors(python['topic_embeddings.safetensors']).topic_embeddings;
  const asInt = { topic_embeddings: { ...emb, dtype: 'I32' } };
  await assert.rejects(broken({ 'topic_embeddings.safetensors': writeSafetensors(asInt) }), /topic_embeddings\.safetensors: tensor 'topic_embeddings' must have a floating-point dtype, got I32/);
  const fewer = { topic_embeddings: { dtype: 'F32', shape: [269, DIM], bytes: emb.bytes.subarray(0, 269 * DIM * 4) } };
  await assert.rejects(broken({ 'topic_embeddings.safetensors': writeSafetensors(fewer) }), /topic_embeddings\.safetensors: topic_embeddings has 269 rows but topics\.json has 270 topics/);
  const badIndex = new Int32Array(tensors.indices.bytes.slice().buffer);
  badIndex[7] = 47645;
  const outOfRange = { ...tensors, indices: { ...tensors.indices, bytes: new Uint8Array(badIndex.buffer) } };
  await assert.rejects(broken({ 'ctfidf.safetensors': writeSafetensors(outOfRange) }), /ctfidf\.safetensors: tensor 'indices' holds column 47645, outside the vocabulary/);
  const config = json(python['ctfidf_config.json']);
  config.vectorizer_model.vocab.said = 0;
  await assert.rejects(broken({ 'ctfidf_config.json': JSON.stringify(config) }), /ctfidf_config\.json: vectorizer_model\.vocab maps "\w+" to 0: columns must be 0\.\.47644, each once/);
  await assert.rejects(broken({ 'topic_embeddings.safetensors': 'abc' }), /topic_embeddings\.safetensors: must be a Uint8Array or ArrayBuffer, got string/);
  const withReadme = await TopicModel.load({ ...python, 'README.md': '# a Hugging Face model card' });
  assert.deepEqual(withReadme.getTopics(), model.getTopics());
  withReadme.free();
  await assert.rejects(TopicModel.load(new Uint8Array([1, 2, 3])), /not a zip archive/);
  const zip = writeZip(python);
  zip[100] ^= 0xff;
  await assert.rejects(TopicModel.load(zip), /zip: config\.json fails its CRC check/);
  await assert.rejects(TopicModel.load(join(tmpdir(), 'no-such-topicwasm-model')), /does not exist/);

  // A failed fit leaves the loaded model as it was.
  await assert.rejects(model.fitTransform(['a', 'b'], { y: [0] }), /y has 1 labels but there are 2 documents/);
  const after = model.save();
  for (const name of NAMES) assert.ok(sameBytes(after[name], before[name]), name);
  model.free();
});

// BERTopic 0.17's constructor parameters, which get_params returns (sorted, as scikit-learn does).
const BERTOPIC_PARAMS = ['calculate_probabilities', 'ctfidf_model', 'embedding_model', 'hdbscan_model', 'language', 'low_memory', 'min_topic_size',
  'n_gram_range', 'nr_topics', 'representation_model', 'seed_topic_list', 'top_n_words', 'umap_model', 'vectorizer_model', 'verbose',
  'zeroshot_min_similarity', 'zeroshot_topic_list'];

test("getParams: BERTopic's get_params keys; the values config.json holds for a Python model and for our own save", async () => {
  // config.json is BERTopic's get_params() without the sub-models: a loaded Python model gives them back.
  const loaded = await TopicModel.load(python);
  const config = json(python['config.json']);
  const params = loaded.getParams();
  assert.deepEqual(Object.keys(params), BERTOPIC_PARAMS);
  for (const [key, value] of Object.entries(config)) assert.deepEqual(params[key], value, `config.json ${key}`);
  // BERTopic's test_get_params on a default model (embedding_model differs by design: the built-in
  // MiniLM is named rather than None, which BERTopic resolves to the same model at fit).
  const fresh = new TopicModel().getParams();
  assert.ok(!fresh.low_memory && !fresh.nr_topics && !fresh.verbose);
  assert.deepEqual(fresh.n_gram_range, [1, 1]);
  assert.equal(fresh.min_topic_size, 10);
  assert.equal(fresh.language, 'english');
  assert.equal(fresh.embedding_model, 'int8');
  // The swappable steps as the objects BERTopic would hold, with this model's option values.
  const options = { minTopicSize: 7, nrTopics: 'auto', topNWords: 5, reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 12 },
    umapModel: { nComponents: 3 }, vectorizerModel: { stopWords: 'english', ngramRange: [1, 2] }, ctfidfModel: { bm25Weighting: true },
    representationModel: 'MaximalMarginalRelevance' };
  const model = new TopicModel(options);
  const p = model.getParams();
  assert.deepEqual(p.umap_model, { type: 'pca', nComponents: 3 });
  assert.deepEqual(p.hdbscan_model, { type: 'kmeans', nClusters: 12, nInit: 1, maxIter: 300 });
  assert.deepEqual(p.vectorizer_model, model.options.vectorizerModel);
  assert.deepEqual(p.n_gram_range, [1, 2]);
  assert.equal(p.ctfidf_model.bm25Weighting, true);
  assert.deepEqual(p.representation_model, { type: 'MaximalMarginalRelevance', diversity: 0.1, topNWords: 10 });
  assert.equal(p.nr_topics, 'auto');
  assert.equal(p.top_n_words, 5);
  // HDBSCAN's min_cluster_size is min_topic_size unless given, as BERTopic builds its default.
  assert.equal(new TopicModel({ minTopicSize: 7 }).getParams().hdbscan_model.minClusterSize, 7);
  assert.equal(new TopicModel({ hdbscanModel: { minClusterSize: 4 } }).getParams().hdbscan_model.minClusterSize, 4);
  assert.deepEqual(new TopicModel().getParams().umap_model, { type: 'umap', ...new TopicModel().options.umapModel });
  // deep: each sub-model's parameters as <key>__<name>, before the sub-model itself.
  const deep = model.getParams({ deep: true });
  assert.equal(deep.umap_model__nComponents, 3);
  assert.equal(deep.hdbscan_model__nClusters, 12);
  assert.deepEqual(deep.vectorizer_model__ngramRange, [1, 2]);
  assert.ok(Object.keys(deep).indexOf('umap_model__type') < Object.keys(deep).indexOf('umap_model'));
  assert.ok(BERTOPIC_PARAMS.every((key) => key in deep));
  // A copy: changing it leaves the model as it was.
  p.umap_model.nComponents = 99;
  p.n_gram_range[1] = 9;
  assert.deepEqual(model.getParams().umap_model, { type: 'pca', nComponents: 3 });
  assert.deepEqual(model.options.vectorizerModel.ngramRange, [1, 2]);
  assert.throws(() => model.getParams({ deep: 1 }), TypeError);
  assert.throws(() => model.getParams({ shallow: true }), /unknown getParams option "shallow"/);
  loaded.free();
  // Our own save writes config.json from the same parameters.
  const brown = brownDocs().filter((d, i) => i % 150 === 0);
  const labels = [...new Set(brown.map((d) => d.label))];
  const own = new TopicModel({ topNWords: 7, minTopicSize: 3, vectorizerModel: { ngramRange: [1, 2] } });
  await own.fit(brown.map((d) => d.text), { y: brown.map((d) => labels.indexOf(d.label)) });
  const ownParams = own.getParams();
  for (const [key, value] of Object.entries(json(own.save()['config.json']))) assert.deepEqual(ownParams[key], value, `our config.json ${key}`);
  own.free();
});

// BERTopic's low_memory: accepted, shown by getParams, saved in config.json and read back. It
// changes nothing in topicwasm's k-NN, and fit says so through the warning channel (not silently).
test('lowMemory: getParams low_memory, config.json round trip, a warning at fit, the same topics', async () => {
  assert.equal(new TopicModel({ lowMemory: true }).getParams().low_memory, true);
  assert.throws(() => new TopicModel({ lowMemory: 'yes' }), (e) => e instanceof TypeError && /lowMemory must be true or false/.test(e.message));
  const n = 300;
  const texts = brownDocs().slice(0, n).map((d) => d.text);
  const embeddings = brownEmbeddings().subarray(0, n * DIM);
  const umapModel = { nEpochs: 100 };
  const low = new TopicModel({ lowMemory: true, minTopicSize: 5, umapModel });
  const warnings = [];
  const { topics } = await low.fitTransform(texts, { embeddings, onProgress: (p) => p.stage === 'warning' && warnings.push(p.message) });
  assert.ok(warnings.some((m) => /lowMemory: .* changes nothing/.test(m)), JSON.stringify(warnings));
  const plain = new TopicModel({ minTopicSize: 5, umapModel });
  assert.deepEqual((await plain.fitTransform(texts, { embeddings })).topics, topics);
  const files = low.save();
  assert.equal(JSON.parse(new TextDecoder().decode(files['config.json'])).low_memory, true);
  const loaded = await TopicModel.load(files);
  assert.equal(loaded.options.lowMemory, true);
  for (const m of [low, plain, loaded]) m.free();
});
