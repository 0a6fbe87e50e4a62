// minTopicSize: 'auto' (the min cluster size chosen from the corpus size, reported), HDBSCAN of a
// model's UMAP output again (hdbscanCluster), and updateTopics with topics added or removed (the
// demo's split / move / re-cluster): on 300 Brown paragraphs with their precomputed embeddings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, autoMinTopicSize, hdbscanCluster } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 300;
const DIM = 384;
// Every 25th paragraph: all 15 genres (the fixture is sorted by genre).
const picked = Array.from({ length: N }, (_, i) => i * 25);
const allDocs = brownDocs();
const allEmbeddings = brownEmbeddings();
const docs = picked.map((i) => allDocs[i].text);
const embeddings = new Float32Array(N * DIM);
picked.forEach((i, r) => embeddings.set(allEmbeddings.subarray(i * DIM, (i + 1) * DIM), r * DIM));
const vectorizerModel = { stopWords: 'english' };

test('autoMinTopicSize: half the bits of n, from 2 to 10; bad n is an error', () => {
  assert.deepEqual([10, 100, 300, 360, 1000, 2000, 20000, 1e6].map(autoMinTopicSize), [2, 3, 4, 4, 5, 5, 7, 10]);
  assert.equal(autoMinTopicSize(0), 2);
  assert.throws(() => autoMinTopicSize(1.5), TypeError);
  assert.throws(() => autoMinTopicSize(-1), /non-negative integer/);
});

test("minTopicSize 'auto': the chosen size is reported and fits as that size does; saved as an integer", async () => {
  assert.throws(() => new TopicModel({ minTopicSize: 'Auto' }), /minTopicSize must be an integer >= 2 or 'auto', got "Auto"/);
  assert.throws(() => new TopicModel({ minTopicSize: 2.5 }), TypeError);
  const auto = new TopicModel({ minTopicSize: 'auto', vectorizerModel });
  assert.equal(auto.minTopicSize_, null, 'nothing chosen before a fit');
  assert.equal(auto.getParams().hdbscan_model.minClusterSize, 'auto');
  const messages = [];
  const { topics } = await auto.fitTransform(docs, { embeddings, onProgress: (p) => p.stage === 'info' && messages.push(p.message) });
  const size = autoMinTopicSize(N);
  assert.equal(auto.minTopicSize_, size);
  assert.deepEqual(messages, [`minTopicSize 'auto': ${size} for ${N} documents (clamp(round(log2(n) / 2), 2, 10))`]);
  assert.equal(auto.getParams().min_topic_size, 'auto');
  assert.equal(auto.getParams().hdbscan_model.minClusterSize, size);
  const fixed = new TopicModel({ minTopicSize: size, vectorizerModel });
  assert.deepEqual((await fixed.fitTransform(docs, { embeddings })).topics, topics, "'auto' fits exactly as the size it chose");
  assert.equal(JSON.parse(new TextDecoder().decode(auto.save()['config.json'])).min_topic_size, size);
  const k = new Set(topics).size - 1;
  const outliers = topics.filter((t) => t === -1).length;
  assert.ok(k >= 8, `${k} topics`);
  console.log(`300 Brown paragraphs: 'auto' -> ${size}: ${k} topics, ${outliers} outliers`);

  // A refit on fewer documents chooses again; a failing refit leaves the model as it was.
  await assert.rejects(auto.fitTransform(docs.slice(0, 40), { embeddings: embeddings.subarray(0, 39 * DIM) }), /embeddings/);
  assert.equal(auto.minTopicSize_, size);
  assert.deepEqual(auto.topics_, topics);
  await auto.fitTransform(docs.slice(0, 100), { embeddings: embeddings.subarray(0, 100 * DIM) });
  assert.equal(auto.minTopicSize_, autoMinTopicSize(100));
  auto.free();
  fixed.free();
});

test('hdbscanCluster on reducedEmbeddings_ gives the fit\'s clusters; updateTopics adds and removes topics with embeddings', async () => {
  const model = new TopicModel({ minTopicSize: 5, vectorizerModel });
  const { topics } = await model.fitTransform(docs, { embeddings });
  const reduced = model.reducedEmbeddings_;
  const { labels } = await hdbscanCluster(reduced.data, reduced.rows, { minClusterSize: 5 });
  // The same partition (the fit renumbers clusters by size).
  const map = new Map();
  labels.forEach((l, i) => {
    if (!map.has(l)) map.set(l, topics[i]);
    assert.equal(map.get(l), topics[i], `document ${i}`);
  });
  assert.equal(new Set(map.values()).size, map.size);
  await assert.rejects(hdbscanCluster(reduced.data, reduced.rows, {}), /needs hdbscanModel.minClusterSize/);

  // A split: the largest topic's second half becomes topic K. Without embeddings: an error, the model unchanged.
  const k = Math.max(...topics) + 1;
  const split = Int32Array.from(topics);
  const zero = [...split.keys()].filter((i) => split[i] === 0);
  for (const i of zero.slice(zero.length / 2)) split[i] = k;
  const before = JSON.stringify(model.getTopicInfo());
  await assert.rejects(model.updateTopics(docs, { topics: split, vectorizerModel }), /update_topics takes -1 or a topic of the model .*pass embeddings to add topics/);
  await assert.rejects(model.updateTopics(docs, { topics: split, embeddings: embeddings.subarray(0, (docs.length - 1) * DIM), vectorizerModel }), /embeddings/);
  assert.equal(JSON.stringify(model.getTopicInfo()), before, 'a failed update changed the model');
  await model.updateTopics(docs, { topics: split, embeddings, vectorizerModel });
  const info = model.getTopicInfo();
  assert.equal(info.filter((r) => r.Topic >= 0).length, k + 1);
  assert.equal(info.find((r) => r.Topic === k).Count, zero.length - Math.floor(zero.length / 2));
  assert.equal(model.topicEmbeddings_.rows, info.length);
  // The new topic's embedding is its documents' mean embedding.
  const row = info.findIndex((r) => r.Topic === k);
  const mean = new Float64Array(DIM);
  for (const i of zero.slice(zero.length / 2)) for (let j = 0; j < DIM; ++j) mean[j] += embeddings[i * DIM + j] / (zero.length - Math.floor(zero.length / 2));
  for (let j = 0; j < DIM; ++j) assert.ok(Math.abs(model.topicEmbeddings_.data[row * DIM + j] - mean[j]) < 1e-5);
  // transform now goes by topic embeddings (argmax of cosine, as a loaded model): a topic of the model.
  const { topics: again } = await model.transform(docs.slice(0, 5), { embeddings: embeddings.subarray(0, 5 * DIM) });
  for (const t of again) assert.ok(t >= -1 && t <= k, `topic ${t}`); // -1 too: BERTopic keeps the outlier row
  // Back to the fitted topics (fewer topics again): the same table as the fit's.
  await model.updateTopics(docs, { topics, embeddings, vectorizerModel });
  assert.equal(JSON.stringify(model.getTopicInfo()), before);
  model.free();
});
