// TopicModel.mergeModels (BERTopic's merge_models) of two models fitted on the two halves of 2,000
// Brown paragraphs: the first model's topics unchanged, only dissimilar topics of the second added,
// topics_ of both mapped, transform by topic-embedding similarity, save / load.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { cosineRows } from '../web/engine/embeddings.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 2000, D = 384, HALF = N / 2;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
const halves = [[0, HALF], [HALF, N]].map(([a, b]) => ({ texts: texts.slice(a, b), embeddings: embeddings.subarray(a * D, b * D) }));
let a, b;

before(async () => {
  [a, b] = halves.map(() => new TopicModel({ vectorizerModel: { stopWords: 'english' } }));
  await a.fitTransform(halves[0].texts, { embeddings: halves[0].embeddings });
  await b.fitTransform(halves[1].texts, { embeddings: halves[1].embeddings });
});

const rowsOf = (m) => {
  const { data, rows } = m.topicEmbeddings_;
  return Array.from({ length: rows }, (_, r) => data.subarray(r * D, (r + 1) * D));
};
const cos = (x, y) => cosineRows(x, 0, y, 0, D);

// What merge_models should do, computed here: for each of b's topics, its most similar topic of a.
function expectedMerge(minSimilarity) {
  const aIds = a.getTopicInfo().map((r) => r.Topic), bIds = b.getTopicInfo().map((r) => r.Topic);
  const aRows = rowsOf(a), bRows = rowsOf(b);
  const best = bRows.map((row) => {
    const sims = aRows.map((other) => cos(row, other));
    const top = sims.indexOf(Math.max(...sims));
    return { topic: aIds[top], sim: sims[top] };
  });
  let next = Math.max(...aIds);
  const map = new Map([[-1, -1]]);
  const added = [];
  bIds.forEach((id, r) => {
    if (best[r].sim >= minSimilarity) map.set(id, best[r].topic);
    else if (id !== -1) map.set(id, ++next), added.push({ from: id, to: next, row: r });
  });
  return { map, added };
}

test('merged: the first model\'s topics unchanged, plus the second\'s dissimilar topics with new ids', async () => {
  const beforeA = JSON.stringify(a.getTopicInfo());
  const merged = await TopicModel.mergeModels([a, b]);
  const { map, added } = expectedMerge(0.7);
  const aInfo = a.getTopicInfo(), bInfo = b.getTopicInfo(), info = merged.getTopicInfo();
  console.log(`a: ${aInfo.length} topics, b: ${bInfo.length}; merged: ${info.length} (${added.length} of b's added)`);
  assert.ok(added.length > 0 && added.length < bInfo.length - 1, 'some but not all of b\'s topics are new');
  assert.equal(info.length, aInfo.length + added.length);
  // a's topics: same ids, words, scores and embeddings.
  const mergedRows = rowsOf(merged), aRows = rowsOf(a), bRows = rowsOf(b);
  aInfo.forEach((row, r) => {
    assert.equal(info[r].Topic, row.Topic);
    assert.deepEqual(merged.getTopic(row.Topic), a.getTopic(row.Topic));
    assert.equal(info[r].Name, row.Name);
    assert.deepEqual(mergedRows[r], aRows[r]);
  });
  // The added topics: b's words under the new id, b's topic embedding.
  for (const { from, to, row } of added) {
    assert.deepEqual(merged.getTopic(to), b.getTopic(from));
    assert.match(merged.getTopicInfo(to)[0].Name, new RegExp(`^${to}_`));
    assert.deepEqual(mergedRows[info.findIndex((r) => r.Topic === to)], bRows[row]);
    assert.ok(rowsOf(a).every((other) => cos(bRows[row], other) < 0.7));
  }
  // topics_: a's, then b's documents mapped to a's most similar topic or to the new one.
  const topics = merged.topics_;
  assert.equal(topics.length, N);
  assert.deepEqual(topics.subarray(0, HALF), a.topics_);
  b.topics_.forEach((t, i) => assert.equal(topics[HALF + i], map.get(t)));
  for (const row of info) assert.equal(row.Count, topics.filter((t) => t === row.Topic).length);
  assert.equal(JSON.stringify(a.getTopicInfo()), beforeA, 'the input models are not changed');

  // transform: the most similar merged topic embedding.
  const probe = embeddings.subarray(0, 100 * D);
  const { topics: predicted } = await merged.transform(texts.slice(0, 100), { embeddings: probe });
  for (let i = 0; i < 100; ++i) {
    const sims = mergedRows.map((row) => cosineRows(probe, i, row, 0, D));
    assert.equal(predicted[i], info[sims.indexOf(Math.max(...sims))].Topic);
  }

  // save / load: same topics, same predictions.
  const loaded = await TopicModel.load(merged.save());
  assert.deepEqual(loaded.getTopicInfo(), info);
  assert.deepEqual(loaded.topics_, topics);
  assert.deepEqual((await loaded.transform(texts.slice(0, 100), { embeddings: probe })).topics, predicted);
  merged.free();
  loaded.free();
});

test('minSimilarity decides what is new: -1 adds nothing, 1.01 adds every topic of b', async () => {
  const none = await TopicModel.mergeModels([a, b], { minSimilarity: -1 });
  assert.equal(none.getTopicInfo().length, a.getTopicInfo().length);
  const all = await TopicModel.mergeModels([a, b], { minSimilarity: 1.01 });
  const bTopics = b.getTopicInfo().filter((r) => r.Topic >= 0).length;
  assert.equal(all.getTopicInfo().length, a.getTopicInfo().length + bTopics);
  // Merging a model with itself at the default threshold adds nothing and maps each topic to itself.
  const self = await TopicModel.mergeModels([a, a]);
  assert.equal(self.getTopicInfo().length, a.getTopicInfo().length);
  assert.deepEqual(self.topics_.subarray(HALF), a.topics_);
  for (const m of [none, all, self]) m.free();
});

test('bad input to mergeModels: clear errors, the models unchanged', async () => {
  const snapshot = JSON.stringify(a.getTopicInfo());
  await assert.rejects(TopicModel.mergeModels([]), /models must be a non-empty array of fitted TopicModels/);
  await assert.rejects(TopicModel.mergeModels(a), /models must be a non-empty array/);
  await assert.rejects(TopicModel.mergeModels([a, 'b']), /models\[1\] is not a TopicModel/);
  await assert.rejects(TopicModel.mergeModels([a, new TopicModel()]), /models\[1\] is not fitted yet/);
  await assert.rejects(TopicModel.mergeModels([a, b], { minSimilarity: '0.7' }), /minSimilarity must be a finite number/);
  await assert.rejects(TopicModel.mergeModels([a, b], { min_similarity: 0.7 }), /unknown mergeModels option "min_similarity"/);
  const manual = new TopicModel();
  await manual.fitTransform(halves[0].texts, { y: halves[0].texts.map((_, i) => i % 3) });
  await assert.rejects(TopicModel.mergeModels([a, manual]), /models\[1\] has no topic embeddings \(a manual fit\)/);
  // Another embedding dimension (the first 64 columns of the embeddings).
  const narrow = new TopicModel({ reduceModel: 'pca', clusterModel: 'kmeans' });
  const cut = new Float32Array(HALF * 64);
  for (let i = 0; i < HALF; ++i) cut.set(halves[0].embeddings.subarray(i * D, i * D + 64), i * 64);
  await narrow.fitTransform(halves[0].texts, { embeddings: cut });
  await assert.rejects(TopicModel.mergeModels([a, narrow]), /models\[1\] has 64-d topic embeddings but models\[0\] has 384-d/);
  assert.equal(JSON.stringify(a.getTopicInfo()), snapshot);
  for (const m of [manual, narrow]) m.free();
});

// BERTopic's merge_models keeps every model's outlier documents at -1 in either order; the merged
// model has the outlier topic (here with the words and embedding of the first model that has one).
test('a model without outliers (k-means) merged with one that has them, in both orders', async () => {
  const kmeans = new TopicModel({ clusterModel: 'kmeans', umapModel: { nEpochs: 50 } });
  await kmeans.fitTransform(halves[0].texts, { embeddings: halves[0].embeddings });
  assert.ok(!kmeans.topics_.includes(-1) && b.topics_.includes(-1));
  const bOutliers = b.topics_.filter((t) => t === -1).length;
  for (const order of [[kmeans, b], [b, kmeans]]) {
    const merged = await TopicModel.mergeModels(order);
    const info = merged.getTopicInfo();
    const topics = merged.topics_;
    assert.equal(topics.length, N);
    // The first model's topics_ unchanged; b's outlier documents stay outliers in either order.
    assert.deepEqual(topics.subarray(0, HALF), order[0].topics_);
    const bStart = order[0] === b ? 0 : HALF;
    b.topics_.forEach((t, i) => t === -1 && assert.equal(topics[bStart + i], -1, `document ${bStart + i}`));
    if (order[0] === kmeans) assert.equal(topics.filter((t) => t === -1).length, bOutliers);
    assert.equal(info[0].Topic, -1);
    assert.deepEqual(merged.getTopic(-1), b.getTopic(-1));
    for (const row of info) assert.equal(row.Count, topics.filter((t) => t === row.Topic).length);
    assert.equal(merged.topicEmbeddings_.rows, info.length);
    // The outlier topic's embedding is b's, in row 0 (the saved files' order).
    assert.deepEqual(rowsOf(merged)[0], rowsOf(b)[0]);
    const loaded = await TopicModel.load(merged.save());
    assert.deepEqual(loaded.getTopicInfo(), info);
    merged.free();
    loaded.free();
  }
  kmeans.free();
});
