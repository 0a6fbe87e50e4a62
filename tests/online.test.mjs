// Online topic modeling (BERTopic's partial_fit) on the Brown corpus's MiniLM embeddings in five
// batches: IncrementalPCA -> MiniBatchKMeans -> OnlineCountVectorizer (decayed bag of words) ->
// c-TF-IDF. Topics after every batch, genre information, decay semantics against a manual fit,
// determinism across runs and thread counts, and clear errors that leave the model unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, OnlineCountVectorizer, init, normalizedMutualInfo } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const docs = brownDocs();
const all = brownEmbeddings();
const D = 384;
const n = docs.length;
// Brown is stored genre by genre: a fixed permutation mixes the stream (7919 is prime to n).
const order = Array.from({ length: n }, (_, i) => (i * 7919) % n);
const texts = order.map((i) => docs[i].text);
const genres = [...new Set(docs.map((d) => d.label))];
const genre = order.map((i) => genres.indexOf(docs[i].label));
const embeddings = new Float32Array(n * D);
order.forEach((src, dst) => embeddings.set(all.subarray(src * D, (src + 1) * D), dst * D));
const CHUNKS = 5;
const bounds = Array.from({ length: CHUNKS + 1 }, (_, c) => Math.round((c * n) / CHUNKS));
const batch = (c) => ({ docs: texts.slice(bounds[c], bounds[c + 1]), embeddings: embeddings.slice(bounds[c] * D, bounds[c + 1] * D) });

const ONLINE = {
  reduceModel: 'incrementalPca',
  clusterModel: 'miniBatchKmeans',
  miniBatchKmeansModel: { nClusters: 50 },
  vectorizerModel: { stopWords: 'english', online: true, decay: 0.01 },
};

async function runOnline(options = ONLINE, chunks = CHUNKS, afterEach = () => {}) {
  const model = new TopicModel(options);
  const topics = [];
  for (let c = 0; c < chunks; ++c) {
    const b = batch(c);
    const result = await model.partialFit(b.docs, { embeddings: b.embeddings });
    topics.push(result.topics);
    await afterEach(model, result, c);
  }
  return { model, topics };
}

const snapshot = (model) => JSON.stringify({ topics: [...model.topics_], info: model.getTopicInfo(), emb: [...model.topicEmbeddings_.data.slice(0, 50)] });

test('partialFit on Brown in five batches: topics after each batch, real words, sizes over all batches, genre information', async () => {
  const vocabulary = new Set();
  let seen = 0;
  const seenTopics = [];
  const { model, topics } = await runOnline(ONLINE, CHUNKS, async (m, result, c) => {
    const b = batch(c);
    // Words after BERTopic's cleaning of class documents (language 'english' drops punctuation: "I'm" -> "im").
    for (const t of b.docs) for (const w of t.replace(/[^A-Za-z0-9\s]+/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? []) vocabulary.add(w);
    seen += b.docs.length;
    assert.equal(result.topics.length, b.docs.length);
    assert.equal(result.probabilities, null, 'MiniBatchKMeans has no probabilities');
    seenTopics.push(...result.topics);
    assert.deepEqual([...m.topics_], seenTopics, 'topics_ holds every batch so far');
    assert.equal(m.reducedEmbeddings_.rows, seen);
    const info = m.getTopicInfo();
    assert.equal(info.reduce((s, r) => s + r.Count, 0), seen, 'Count covers every batch so far');
    const ids = new Set(info.map((r) => r.Topic));
    for (const t of result.topics) assert.ok(ids.has(t));
    assert.ok(info.every((r) => r.Topic >= 0 && r.Topic < 50), 'topic ids are the 50 cluster ids');
    for (const row of info) {
      assert.equal(row.Representation.length, 10);
      for (const w of row.Representation) assert.ok(w === '' || vocabulary.has(w), `topic ${row.Topic}: "${w}" is not a word of the batches seen`);
      assert.ok(!row.Representation.includes('the'), 'stop words are removed');
      assert.equal(row.Name, `${row.Topic}_${row.Representation.slice(0, 4).join('_')}`);
    }
    assert.equal(m.reducedEmbeddings_.cols, 5, 'IncrementalPCA to umapModel.nComponents');
    assert.equal(m.topicEmbeddings_.rows, info.length);
  });
  const info = model.getTopicInfo();
  console.log(`online: ${info.length} topics; ${info.slice(0, 3).map((r) => r.Name).join(' | ')}`);
  // The clusters carry genre information far beyond chance (same labels, shuffled documents).
  const labels = topics.flatMap((t) => [...t]);
  const nmi = await normalizedMutualInfo(genre, labels);
  const shuffled = labels.map((t, i) => [t, (i * 104729) % n]).sort((a, b) => a[1] - b[1]).map(([t]) => t);
  const chance = await normalizedMutualInfo(genre, shuffled);
  // The final centres (transform of every document) after five single mini-batch steps.
  const final = (await model.transform(texts, { embeddings })).topics;
  const finalNmi = await normalizedMutualInfo(genre, final);
  console.log(`online NMI vs genre ${nmi.toFixed(3)} as assigned, ${finalNmi.toFixed(3)} by the final centres (shuffled ${chance.toFixed(3)})`);
  // (Batch PCA + k-means with 50 clusters on all of Brown: 0.243; one sklearn step per batch is coarser.)
  assert.ok(nmi > 0.1 && nmi > 4 * chance, `NMI ${nmi} vs ${chance} by chance`);
  assert.ok(finalNmi > 0.2 && finalNmi > 4 * chance, `final NMI ${finalNmi} vs ${chance} by chance`);
  // transform: the last batch's documents land in their own topics.
  const last = batch(CHUNKS - 1);
  const predicted = await model.transform(last.docs, { embeddings: last.embeddings });
  assert.deepEqual([...predicted.topics], [...model.topics_.subarray(bounds[CHUNKS - 1])]);
});

test('decay: words come from the decayed bag of words; decay 1 keeps only the last batch (= a manual fit of it)', async () => {
  const options = (decay) => ({ ...ONLINE, vectorizerModel: { stopWords: 'english', online: true, decay } });
  const none = (await runOnline(options(null), 3)).model;
  const slow = (await runOnline(options(0.01), 3)).model;
  const { model: full, topics: fullBatches } = await runOnline(options(1), 3);
  const words = (m) => m.getTopicInfo().map((r) => r.Representation.join(' '));
  // The same clusters (decay does not touch them) described from different counts.
  assert.deepEqual([...none.topics_], [...full.topics_]);
  const changed = words(none).filter((w, i) => w !== words(full)[i]).length;
  assert.ok(changed > 10, `decay 1 changed the words of only ${changed} topics`);
  assert.ok(words(none).some((w, i) => w !== words(slow)[i]), 'decay 0.01 changes some words after 3 batches');
  // With decay 1 the counts are the last batch's alone: the words of a manual fit of that batch.
  const last = batch(2);
  const batchTopics = [...fullBatches[2]];
  const ids = [...new Set(batchTopics)].sort((a, b) => a - b);
  assert.equal(ids.length, full.getTopicInfo().length, 'every topic has documents in the last batch (needed for equal idf)');
  const manual = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const renumbered = (await manual.fitTransform(last.docs, { y: batchTopics })).topics;
  const toManual = new Map(batchTopics.map((t, i) => [t, renumbered[i]]));
  for (const id of ids) {
    const a = full.getTopic(id), b = manual.getTopic(toManual.get(id));
    a.forEach(([, s], k) => assert.ok(Math.abs(s - b[k][1]) < 1e-6 * Math.max(1, s), `topic ${id} score ${k}: ${s} vs ${b[k][1]}`));
    // Words: equal apart from the order of exactly tied scores (the vocabularies are ordered differently).
    const cut = a[a.length - 1][1];
    const strict = (list) => list.filter(([, s]) => s > cut + 1e-9).map(([w]) => w).sort();
    assert.deepEqual(strict(a), strict(b), `topic ${id}`);
  }
});

test('partialFit is deterministic for a seed and the same for 1 and 2 threads', async () => {
  const { engine } = await init({ threads: 2 });
  const runs = [];
  for (const threads of [1, 2]) {
    engine.setThreadLimit(threads);
    try {
      const { model, topics } = await runOnline(ONLINE, 3);
      runs.push({ snap: snapshot(model), topics: topics.map((t) => [...t]) });
    } finally {
      engine.setThreadLimit(2);
    }
  }
  assert.deepEqual(runs[0], runs[1]);
  const again = await runOnline(ONLINE, 3);
  assert.equal(snapshot(again.model), runs[0].snap);
  const other = await runOnline({ ...ONLINE, seed: 7 }, 3);
  assert.notDeepEqual(other.topics.map((t) => [...t]), runs[0].topics, 'another seed gives other clusters');
});

test('bad batches throw clear Errors and leave the model unchanged', async () => {
  const model = new TopicModel(ONLINE);
  const b0 = batch(0), b1 = batch(1);
  await model.partialFit(b0.docs, { embeddings: b0.embeddings });
  const before = snapshot(model);
  const k = 40;
  const wide = new Float32Array(k * 385).fill(0.1);
  await assert.rejects(model.partialFit(b1.docs.slice(0, k), { embeddings: wide }), /embeddings has 15400 values for 40 rows; expected 40 x 384/);
  const nan = b1.embeddings.slice(0, k * D);
  nan[3 * D + 7] = NaN;
  await assert.rejects(model.partialFit(b1.docs.slice(0, k), { embeddings: nan }), /embeddings\[3\]\[7\] is NaN/);
  await assert.rejects(model.partialFit([], { embeddings: new Float32Array(0) }), /empty corpus/);
  await assert.rejects(model.partialFit(b1.docs.slice(0, k), { embeddings: b1.embeddings.slice(0, (k - 1) * D) }), /embeddings|rows/);
  await assert.rejects(model.fitTransform(b1.docs, { embeddings: b1.embeddings }), /online step: use partialFit/);
  // Topic reduction needs every document seen so far (here the first batch only).
  await assert.rejects(model.reduceTopics(b0.docs.concat(b1.docs), { nrTopics: 5 }), /got 3090 documents but the model was fitted on 1545/);
  await assert.rejects(model.mergeTopics(b0.docs.slice(1), [[0, 1]]), /documents but the model was fitted on 1545/);
  assert.equal(snapshot(model), before);
  // A batch after the errors continues from the same state.
  await model.partialFit(b1.docs, { embeddings: b1.embeddings });
  assert.equal(model.getTopicInfo().reduce((s, r) => s + r.Count, 0), b0.docs.length + b1.docs.length);
});

test('partialFit needs the online steps: UMAP / HDBSCAN / a plain CountVectorizer are refused by name', async () => {
  const b = batch(0);
  const docs40 = b.docs.slice(0, 100), emb40 = b.embeddings.slice(0, 100 * D);
  const fail = (options, pattern) => assert.rejects(new TopicModel(options).partialFit(docs40, { embeddings: emb40 }), pattern);
  await fail({}, /partialFit needs clusterModel 'miniBatchKmeans' \(got 'hdbscan'/);
  await fail({ ...ONLINE, clusterModel: 'kmeans' }, /clusterModel 'miniBatchKmeans' \(got 'kmeans'/);
  await fail({ ...ONLINE, reduceModel: 'umap' }, /reduceModel 'incrementalPca' or 'none' \(got 'umap'/);
  await fail({ ...ONLINE, vectorizerModel: { online: false } }, /vectorizerModel.online = true/);
  await fail({ ...ONLINE, miniBatchKmeansModel: { nClusters: 101 } }, /first batch has 100 points, fewer than n_clusters \(101\)/);
  // A fitted (non-online) model cannot continue online.
  const fitted = new TopicModel({ reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 5 } });
  await fitted.fitTransform(docs40, { embeddings: emb40 });
  await assert.rejects(fitted.partialFit(docs40, { embeddings: emb40 }), /partialFit needs clusterModel/);
  // Option checks.
  assert.throws(() => new TopicModel({ ...ONLINE, vectorizerModel: { online: true, decay: 1.5 } }), /vectorizerModel.decay must be a number between 0 and 1/);
  assert.throws(() => new TopicModel({ vectorizerModel: { decay: 0.1 } }), /need vectorizerModel.online = true/);
  assert.throws(() => new TopicModel({ vectorizerModel: { online: 'yes' } }), /vectorizerModel.online must be true or false/);
  assert.throws(() => new TopicModel({ miniBatchKmeansModel: { nClusters: 0 } }), /miniBatchKmeansModel.nClusters/);
  assert.throws(() => new TopicModel({ miniBatchKmeansModel: { clusters: 3 } }), /unknown miniBatchKmeansModel option "clusters"/);
  assert.throws(() => new TopicModel({ clusterModel: 'birch' }), /clusterModel must be one of/);
});

test('reduceModel none clusters the embeddings as given; deleteMinDf keeps the vocabulary small', async () => {
  const options = { ...ONLINE, reduceModel: 'none', miniBatchKmeansModel: { nClusters: 20 } };
  const plain = (await runOnline({ ...options, vectorizerModel: { stopWords: 'english', online: true, decay: 0.5 } }, 3)).model;
  const pruned = (await runOnline({ ...options, vectorizerModel: { stopWords: 'english', online: true, decay: 0.5, deleteMinDf: 2 } }, 3)).model;
  assert.equal(plain.reducedEmbeddings_.cols, D);
  assert.deepEqual([...plain.topics_], [...pruned.topics_], 'the vectorizer does not change the clusters');
  console.log(`vocabulary: ${plain.vocabularySize} words, with deleteMinDf 2: ${pruned.vocabularySize}`);
  assert.ok(pruned.vocabularySize < plain.vocabularySize / 2, `deleteMinDf 2 kept ${pruned.vocabularySize} of ${plain.vocabularySize} words`);
});

test('partialFit embeds the documents with embeddingModel when no embeddings are given', async () => {
  const b = batch(0);
  const few = b.docs.slice(0, 24);
  const model = new TopicModel({ ...ONLINE, miniBatchKmeansModel: { nClusters: 3 } });
  const { topics } = await model.partialFit(few);
  assert.equal(topics.length, few.length);
  // The built-in model's embeddings are 384-d: a later batch with the fixture's MiniLM embeddings fits on.
  await model.partialFit(b.docs.slice(24, 48), { embeddings: b.embeddings.slice(24 * D, 48 * D) });
  assert.equal(model.getTopicInfo().reduce((s, r) => s + r.Count, 0), 48);
});

// BERTopic's online guide collects topics_ over the batches so that the rest of the API works on
// every document seen: here topics_ does so itself.
test('after partialFit: reduceTopics / mergeTopics / updateTopics / hierarchy / topicsOverTime on every document seen', async () => {
  const chunks = 3;
  const options = { ...ONLINE, miniBatchKmeansModel: { nClusters: 20 } };
  const { model, topics } = await runOnline(options, chunks);
  const seen = texts.slice(0, bounds[chunks]);
  const before = Int32Array.from(topics.flatMap((t) => [...t]));
  assert.deepEqual(model.topics_, before);
  const tree = await model.hierarchicalTopics(seen);
  assert.equal(tree.length, model.getTopicInfo().length - 1, 'K - 1 merges');
  const overTime = await model.topicsOverTime(seen, seen.map((_, i) => Math.floor(i / 500)));
  assert.equal(overTime.reduce((s, r) => s + r.Frequency, 0), seen.length);

  const probe = batch(0);
  const predictedBefore = (await model.transform(probe.docs, { embeddings: probe.embeddings })).topics;
  await model.reduceTopics(seen, { nrTopics: 8 });
  const after = model.topics_;
  assert.equal(after.length, seen.length);
  assert.equal(model.getTopicInfo().length, 8);
  assert.equal(model.getTopicInfo().reduce((s, r) => s + r.Count, 0), seen.length);
  // Every old topic lands in exactly one new topic, and transform follows the same mapping.
  const image = new Map();
  before.forEach((t, i) => {
    if (!image.has(t)) image.set(t, after[i]);
    assert.equal(image.get(t), after[i], `old topic ${t} split`);
  });
  const predicted = (await model.transform(probe.docs, { embeddings: probe.embeddings })).topics;
  predicted.forEach((t, i) => assert.equal(t, image.get(predictedBefore[i])));
  await model.mergeTopics(seen, [0, 1]);
  assert.equal(model.getTopicInfo().length, 7);
  await model.updateTopics(seen, { topNWords: 5 });
  assert.equal(model.getTopicInfo()[0].Representation.length, 5);
  // The online steps describe the topics before the change: partialFit refuses to go on.
  const next = batch(chunks);
  await assert.rejects(model.partialFit(next.docs, { embeddings: next.embeddings }), /partialFit cannot continue after reduceTopics, mergeTopics or updateTopics/);
  model.free();
});

// BERTopic's OnlineCountVectorizer object where the vectorizerModel options go: the same model, and
// the object reads the decayed vocabulary after each batch.
test('new OnlineCountVectorizer({...}) as vectorizerModel: the same as the options; its vocabulary after partialFit', async () => {
  const vectorizer = new OnlineCountVectorizer({ stopWords: 'english', decay: 0.01 });
  assert.throws(() => new OnlineCountVectorizer({ online: true }), /online is implied/);
  const { model } = await runOnline({ ...ONLINE, vectorizerModel: vectorizer }, 2);
  const { model: plain } = await runOnline(ONLINE, 2);
  assert.equal(snapshot(model), snapshot(plain));
  assert.equal(vectorizer.getFeatureNamesOut().length, model.vocabularySize);
  assert.equal(model.options.vectorizerModel, vectorizer);
  model.free();
  plain.free();
});
