// Our eval/ metrics on the topics of a real BERTopic fit equal metrics.json (gensim c_npmi,
// scikit-learn ARI / NMI) computed by the Python reference on the same fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandScore, invertedRbo, normalizedMutualInfo, npmiCoherence, topicDiversity } from '../web/node.js';
import { brownDocs, readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const metrics = readJson('brown/metrics.json');
const fit = readJson('brown/bertopic_model/topics.json');
const docs = brownDocs();
// metrics.json scores topics 0..268 (the outlier topic -1 is not a topic).
const topicWords = Object.keys(fit.topic_representations).map(Number).filter((t) => t >= 0).sort((a, b) => a - b)
  .map((t) => fit.topic_representations[t].map(([w]) => w));
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));

test('NPMI equals gensim c_npmi (top 10, window 10) to 1e-6, per topic too', async () => {
  assert.equal(topicWords.length, metrics.topics_scored);
  const { npmi, perTopic } = await npmiCoherence(docs.map((d) => d.text), topicWords);
  assert.ok(Math.abs(npmi - metrics.npmi_value.npmi) < 1e-6, `${npmi} vs ${metrics.npmi_value.npmi}`);
  metrics.npmi_value.per_topic.forEach((v, i) => assert.ok(Math.abs(perTopic[i] - v) < 1e-6, `topic ${i}: ${perTopic[i]} vs ${v}`));
});

test('topic diversity equals the reference', async () => {
  assert.ok(Math.abs((await topicDiversity(topicWords)) - metrics.diversity_top10) < 1e-12);
});

test('ARI / NMI against the genres equal scikit-learn, with and without outliers', async () => {
  assert.ok(Math.abs((await adjustedRandScore(genre, fit.topics)) - metrics.ari_all) < 1e-9);
  assert.ok(Math.abs((await normalizedMutualInfo(genre, fit.topics)) - metrics.nmi_all) < 1e-9);
  const kept = fit.topics.map((t, i) => [t, i]).filter(([t]) => t !== -1).map(([, i]) => i);
  const a = kept.map((i) => genre[i]), b = kept.map((i) => fit.topics[i]);
  assert.ok(Math.abs((await adjustedRandScore(a, b)) - metrics.ari_no_outliers) < 1e-9);
  assert.ok(Math.abs((await normalizedMutualInfo(a, b)) - metrics.nmi_no_outliers) < 1e-9);
});

test('inverted RBO: identical topics give 0, disjoint topics 1; bad input is an Error', async () => {
  assert.equal(await invertedRbo([['a', 'b', 'c'], ['a', 'b', 'c']], { topK: 3 }), 0);
  assert.equal(await invertedRbo([['a', 'b', 'c'], ['d', 'e', 'f']], { topK: 3 }), 1);
  await assert.rejects(adjustedRandScore([0, 1], [0]), Error);
  await assert.rejects(topicDiversity('nope'), /topics must be an array/);
});
