// Zero-shot topic modeling (BERTopic's zeroshot_topic_list / zeroshot_min_similarity) on 2,000
// Brown paragraphs with six genre-like labels embedded by the built-in all-MiniLM-L6-v2 (the model
// of the Brown embeddings fixture).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, createEmbedder } from '../web/node.js';
import { cosineRows } from '../web/engine/embeddings.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 2000, D = 384;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
const LABELS = ['sports and baseball', 'religion and the church', 'politics and elections', 'cooking and recipes', 'science and medicine', 'music and art'];
// MiniLM similarities of Brown paragraphs to these short labels are low (99th percentile 0.42):
// 0.3 assigns about a tenth of the documents.
const THRESHOLD = 0.3;
let labelEmbeddings;

before(async () => {
  const embedder = await createEmbedder({ model: 'fp32' });
  labelEmbeddings = await embedder.embed(LABELS);
  await embedder.dispose();
});

// fp32: the label embeddings given to some fits come from fp32 (above), the rest are embedded here.
const model = (options = {}) => new TopicModel({ vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32', zeroshotTopicList: LABELS, zeroshotMinSimilarity: THRESHOLD, ...options });

// Each document's best label and its similarity, computed here independently of the model.
function bestLabels(rows = N, data = embeddings) {
  return Array.from({ length: rows }, (_, i) => {
    let label = 0, sim = -Infinity;
    LABELS.forEach((_, l) => {
      const s = cosineRows(data, i, labelEmbeddings, l, D);
      if (s > sim) label = l, sim = s;
    });
    return { label, sim };
  });
}

// The topic whose embedding is most cosine-similar (BERTopic's transform with BaseCluster).
function mostSimilarTopic(m, i, data = embeddings) {
  const { data: topicData, rows } = m.topicEmbeddings_;
  const ids = m.getTopicInfo().map((r) => r.Topic);
  let best = 0, bestSim = -Infinity;
  for (let r = 0; r < rows; ++r) {
    const s = cosineRows(data, i, topicData, r, D);
    if (s > bestSim) best = r, bestSim = s;
  }
  return { topic: ids[best], sim: bestSim };
}

test('documents similar enough to a label get its topic, the rest are clustered after the zero-shot topics', async () => {
  const m = model();
  const { topics, probabilities } = await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  const best = bestLabels();
  const matched = [...new Set(best.filter((b) => b.sim >= THRESHOLD).map((b) => b.label))].sort((a, b) => a - b);
  const k = matched.length;
  const assigned = best.filter((b) => b.sim >= THRESHOLD).length;
  console.log(`${assigned} of ${N} documents assigned to ${k} zero-shot topics; ${m.getTopicInfo().length} topics in all`);
  assert.ok(k >= 4 && assigned > 100 && assigned < N / 2, `${assigned} documents in ${k} zero-shot topics`);
  // Assigned documents: topic = the rank of their label among the matched ones (list order).
  best.forEach(({ label, sim }, i) => {
    if (sim >= THRESHOLD) assert.equal(topics[i], matched.indexOf(label), `document ${i} (similarity ${sim})`);
    else assert.ok(topics[i] === -1 || topics[i] >= k, `document ${i} (similarity ${sim}) is in zero-shot topic ${topics[i]}`);
  });
  const info = m.getTopicInfo();
  const ids = info.map((r) => r.Topic);
  // -1, then 0..K-1 with no gap; zero-shot topics named after their label, clusters by their words.
  assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => i - 1));
  info.forEach((row) => {
    if (row.Topic >= 0 && row.Topic < k) assert.equal(row.Name, LABELS[matched[row.Topic]]);
    else assert.match(row.Name, new RegExp(`^${row.Topic}_`));
    assert.equal(row.Count, Array.from(topics).filter((t) => t === row.Topic).length);
  });
  assert.ok(ids.length - 1 - k >= 10, 'the rest was clustered into topics');
  assert.deepEqual(m.topicLabels_[0], LABELS[matched[0]]);
  // Probabilities: the maximum cosine similarity to the topic embeddings (outlier row included).
  for (const i of [0, 17, 500, 1999]) assert.ok(Math.abs(probabilities[i] - mostSimilarTopic(m, i).sim) < 1e-5);
  // transform: the most similar topic embedding, as BERTopic after a zero-shot fit.
  const newDocs = 50;
  const tr = await m.transform(texts.slice(0, newDocs), { embeddings: embeddings.subarray(0, newDocs * D) });
  for (let i = 0; i < newDocs; ++i) assert.equal(tr.topics[i], mostSimilarTopic(m, i).topic);
  m.free();
});

test('the labels are embedded with embeddingModel when no zeroshotEmbeddings are given (same topics)', async () => {
  const a = model(), b = model();
  const ta = (await a.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings })).topics;
  const tb = (await b.fitTransform(texts, { embeddings })).topics;
  assert.deepEqual(tb, ta);
  assert.deepEqual(b.getTopicInfo().map((r) => r.Name), a.getTopicInfo().map((r) => r.Name));
  a.free();
  b.free();
});

test('every document assigned: only zero-shot topics, numbered 0..k-1, no clustering', async () => {
  const m = model({ zeroshotMinSimilarity: -1, calculateProbabilities: true });
  const { topics, probabilities } = await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  const best = bestLabels();
  const matched = [...new Set(best.map((b) => b.label))].sort((a, b) => a - b);
  best.forEach(({ label }, i) => assert.equal(topics[i], matched.indexOf(label)));
  const info = m.getTopicInfo();
  assert.deepEqual(info.map((r) => r.Topic), matched.map((_, z) => z));
  assert.deepEqual(info.map((r) => r.Name), matched.map((l) => LABELS[l]));
  // calculateProbabilities: one similarity per topic (no outlier topic here).
  assert.equal(probabilities.length, N);
  assert.equal(probabilities[0].length, matched.length);
  m.free();
});

test('no document assigned (BERTopic\'s default 0.7 on Brown): the usual pipeline, topics by size', async () => {
  const m = model({ zeroshotMinSimilarity: 0.7 });
  const { topics, probabilities } = await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  assert.ok(bestLabels().every((b) => b.sim < 0.7));
  const info = m.getTopicInfo().filter((r) => r.Topic >= 0);
  assert.ok(info.length > 10);
  for (let t = 1; t < info.length; ++t) assert.ok(info[t].Count <= info[t - 1].Count, 'renumbered by size');
  assert.ok(info.every((r) => !LABELS.includes(r.Name)));
  // HDBSCAN's probabilities (0 for outliers), and transform through UMAP + HDBSCAN (outliers possible).
  assert.ok(Array.from(topics).every((t, i) => (t === -1) === (probabilities[i] === 0)));
  const tr = await m.transform(texts.slice(0, 200), { embeddings: embeddings.subarray(0, 200 * D) });
  assert.ok(Array.from(tr.topics).includes(-1));
  m.free();
});

test('nrTopics: must exceed the zero-shot topics; merged topics keep a label only if it is still similar', async () => {
  const tooFew = model({ nrTopics: 3 });
  await assert.rejects(tooFew.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings }), /nrTopics \(3\) must exceed the number of matched zero-shot topics \(6\)/);
  const m = model({ nrTopics: 12 });
  await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  const info = m.getTopicInfo();
  assert.equal(info.length, 12);
  const named = info.filter((r) => LABELS.includes(r.Name));
  console.log(`nrTopics 12: ${named.length} topics keep a zero-shot label (${named.map((r) => `${r.Topic}: ${r.Name}`).join(', ')})`);
  assert.ok(named.length >= 1);
  const { data, rows } = m.topicEmbeddings_;
  for (const row of named) {
    const r = info.indexOf(row);
    assert.ok(r < rows && cosineRows(labelEmbeddings, LABELS.indexOf(row.Name), data, r, D) >= THRESHOLD, `${row.Name} is still similar to its topic`);
  }
  // reduceTopics afterwards: the labels follow their documents.
  await m.reduceTopics(texts, { nrTopics: 8 });
  const after = m.getTopicInfo();
  assert.equal(after.length, 8);
  const emb = m.topicEmbeddings_;
  for (const row of after.filter((r) => LABELS.includes(r.Name))) {
    assert.ok(cosineRows(labelEmbeddings, LABELS.indexOf(row.Name), emb.data, after.indexOf(row), D) >= THRESHOLD);
  }
  tooFew.free();
  m.free();
});

test('save / load keeps the zero-shot labels and the similarity transform', async () => {
  const m = model();
  await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  const files = m.save();
  const config = JSON.parse(new TextDecoder().decode(files['config.json']));
  assert.deepEqual(config.zeroshot_topic_list, LABELS);
  assert.equal(config.zeroshot_min_similarity, THRESHOLD);
  const loaded = await TopicModel.load(files);
  assert.deepEqual(loaded.getTopicInfo().map((r) => r.Name), m.getTopicInfo().map((r) => r.Name));
  const probe = { embeddings: embeddings.subarray(0, 100 * D) };
  assert.deepEqual((await loaded.transform(texts.slice(0, 100), probe)).topics, (await m.transform(texts.slice(0, 100), probe)).topics);
  m.free();
  loaded.free();
});

test('bad zero-shot input: clear errors, a fitted model stays as it was', async () => {
  assert.throws(() => new TopicModel({ zeroshotTopicList: [] }), /zeroshotTopicList must be null or a non-empty array/);
  assert.throws(() => new TopicModel({ zeroshotTopicList: ['ok', 3] }), /zeroshotTopicList\[1\] must be a non-empty string/);
  assert.throws(() => new TopicModel({ zeroshotTopicList: 'sports' }), /zeroshotTopicList must be null or a non-empty array/);
  assert.throws(() => new TopicModel({ zeroshotMinSimilarity: 2 }), /zeroshotMinSimilarity must be a number between -1 and 1/);
  assert.throws(() => new TopicModel({ zeroshotMinSimilarity: '0.5' }), /zeroshotMinSimilarity must be a number/);

  const m = model();
  await m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings });
  const snapshot = JSON.stringify(m.getTopicInfo());
  await assert.rejects(m.fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings.subarray(0, 5 * D) }),
    /zeroshotEmbeddings has 1920 values for 6 rows; expected 6 x 384/);
  await assert.rejects(m.fitTransform(texts, { embeddings, zeroshotEmbeddings: new Float32Array(6 * 10) }),
    /zeroshotEmbeddings has 60 values for 6 rows; expected 6 x 384/);
  await assert.rejects(m.fitTransform(texts, { y: texts.map(() => 0) }), /zeroshotTopicList needs document embeddings/);
  await assert.rejects(new TopicModel().fitTransform(texts, { embeddings, zeroshotEmbeddings: labelEmbeddings }), /zeroshotEmbeddings needs the zeroshotTopicList option/);
  // No embedder (a model file that does not exist) and no zeroshotEmbeddings: say what to pass.
  const noEmbedder = model({ embeddingModel: { model: '/nonexistent/model.onnx' } });
  await assert.rejects(noEmbedder.fitTransform(texts, { embeddings }), /the topic labels could not be embedded .*pass their embeddings.*zeroshotEmbeddings/s);
  assert.equal(JSON.stringify(m.getTopicInfo()), snapshot);
  m.free();
});
