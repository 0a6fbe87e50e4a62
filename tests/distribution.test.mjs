// approximateDistribution (BERTopic's approximate_distribution, c-TF-IDF variant) on 360 State of
// the Union passages with one topic per president: distributions sum to 1, a topic's own words
// point to it, per-token output adds up to the document's distribution, options act as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, visualizeApproximateDistribution } from '../web/node.js';
import { shutdownAfterTests, sotuPresidentsModel } from './helpers.mjs';

shutdownAfterTests();

const { docs, presidents, model } = await sotuPresidentsModel();
const K = presidents.length;
const argmax = (row) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

test('distributions over the K topics sum to 1; training documents mostly point to their own topic', async () => {
  const { topicDistributions, topicTokenDistributions } = await model.approximateDistribution(docs);
  assert.equal(topicTokenDistributions, null);
  assert.equal(topicDistributions.length, docs.length);
  for (const row of topicDistributions) {
    assert.equal(row.length, K);
    const sum = row.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5 || sum === 0, `row sums to ${sum}`);
    assert.ok(row.every((v) => v >= 0));
  }
  const topics = model.topics_;
  const agree = topicDistributions.filter((row, i) => argmax(row) === topics[i]).length / docs.length;
  assert.ok(agree > 0.5, `only ${(agree * 100).toFixed(0)} % of documents point to their own topic`);
});

test("a topic's own top words point to that topic", async () => {
  const queries = Array.from({ length: K }, (_, t) => model.getTopic(t).slice(0, 4).map(([w]) => w).join(' '));
  const { topicDistributions } = await model.approximateDistribution(queries);
  const hits = topicDistributions.filter((row, t) => argmax(row) === t).length;
  assert.ok(hits >= K - 2, `${hits} of ${K} topics recognised from their own words`);
});

test('per-token distributions add up to the document distribution (full windows)', async () => {
  const sample = docs.slice(0, 20);
  const { topicDistributions, topicTokenDistributions } = await model.approximateDistribution(sample, { calculateTokens: true, window: 5, stride: 2 });
  topicTokenDistributions.forEach(({ tokens, distributions }, d) => {
    assert.equal(distributions.length, tokens.length);
    const summed = new Float64Array(K);
    for (const row of distributions) row.forEach((v, t) => { summed[t] += v; });
    const total = summed.reduce((a, b) => a + b, 0);
    summed.forEach((v, t) => assert.ok(Math.abs(v / total - topicDistributions[d][t]) < 1e-4, `doc ${d} topic ${t}`));
  });
});

test('options: minSimilarity above 1 zeroes everything; a short document is one token set; bad options throw', async () => {
  const { topicDistributions } = await model.approximateDistribution(docs.slice(0, 5), { minSimilarity: 1.01 });
  assert.ok(topicDistributions.every((row) => row.every((v) => v === 0)));
  const short = await model.approximateDistribution('applause jobs', { calculateTokens: true });
  assert.deepEqual(short.topicTokenDistributions[0].tokens, ['applause', 'jobs']);
  const [a, b] = short.topicTokenDistributions[0].distributions;
  assert.deepEqual(Array.from(a), Array.from(b), 'both tokens share the single token set');
  const padded = await model.approximateDistribution(docs.slice(0, 3), { padding: true });
  assert.equal(padded.topicDistributions.length, 3);
  await assert.rejects(model.approximateDistribution(docs, { window: 0 }), /window must be an integer >= 1/);
  await assert.rejects(model.approximateDistribution(docs, { useEmbeddingModel: true }), /useEmbeddingModel is not supported yet/);
  await assert.rejects(model.approximateDistribution(docs, { windows: 3 }), /unknown approximateDistribution option "windows"/);
  await assert.rejects(new TopicModel().approximateDistribution(docs), /not fitted yet/);
});

test('visualizeApproximateDistribution: a topic x token heatmap of the non-zero topics', async () => {
  const doc = docs[0];
  const { topicTokenDistributions } = await model.approximateDistribution([doc], { calculateTokens: true });
  const entry = topicTokenDistributions[0];
  const fig = visualizeApproximateDistribution(model, entry);
  const [heat] = fig.data;
  assert.equal(heat.type, 'heatmap');
  assert.equal(heat.x.length, entry.tokens.length);
  assert.equal(new Set(heat.x).size, heat.x.length, 'column names are unique');
  const names = model.getTopicInfo().filter((r) => r.Topic >= 0).map((r) => r.Name);
  const nonzero = names.filter((_, t) => entry.distributions.some((row) => row[t] !== 0));
  assert.deepEqual(heat.y, nonzero);
  const normalized = visualizeApproximateDistribution(model, entry, { normalize: true }).data[0];
  const sum = normalized.z.flat().reduce((a, v) => a + (v ?? 0), 0);
  assert.ok(Math.abs(sum - 1) < 1e-6);
  assert.throws(() => visualizeApproximateDistribution(model, { tokens: ['a'], distributions: [] }), /calculateTokens/);
});
