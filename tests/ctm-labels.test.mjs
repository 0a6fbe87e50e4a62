// SuperCTM's label head (CTM 2.6: label_size > 0; the labels are encoder inputs and
// label_classification(theta) is trained with a cross-entropy term): transform with labels as
// CTM's dataset with labels, and the head's predictions (predictLabels), checked against the head's
// weights read from the saved file, on 600 Brown paragraphs (all 15 genres) labelled by genre.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CTM } from '../web/node.js';
import { brownDocs, brownEmbeddings, readSafetensors, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 600, K = 8;
// Every 12th paragraph: all genres (the corpus is stored genre by genre).
const picked = Array.from({ length: N }, (_, i) => i * 12);
const all = brownDocs();
const docs = picked.map((i) => all[i]);
const texts = docs.map((d) => d.text);
const genres = [...new Set(docs.map((d) => d.label))];
const labels = docs.map((d) => genres.indexOf(d.label));
const allRows = brownEmbeddings();
const embeddings = new Float32Array(N * 384);
picked.forEach((i, r) => embeddings.set(allRows.subarray(i * 384, (i + 1) * 384), r * 384));
let ctm;

before(async () => {
  ctm = new CTM({ nComponents: K, numEpochs: 50, vocabularySize: 500, labelSize: genres.length });
  await ctm.fit(texts, { embeddings, labels });
});

test('predictLabels is softmax(theta W^T + b) of the saved label_classification layer', async () => {
  assert.ok(genres.length >= 3, `${genres.length} genres`);
  const { weight, bias } = Object.fromEntries(['weight', 'bias'].map((p) => [p, readSafetensors(ctm.save()).tensors[`label_classification.${p}`]]));
  assert.deepEqual(weight.shape, [genres.length, K]);
  const probe = texts.slice(0, 100);
  const rows = embeddings.subarray(0, 100 * 384);
  const { labels: predicted, probabilities } = await ctm.predictLabels(probe, { embeddings: rows });
  const thetas = await ctm.transform(probe, { embeddings: rows });
  probabilities.forEach((p, i) => {
    const logits = Array.from({ length: genres.length }, (_, l) => bias.data[l] + thetas[i].reduce((s, t, k) => s + t * weight.data[l * K + k], 0));
    const max = Math.max(...logits);
    const z = logits.reduce((s, x) => s + Math.exp(x - max), 0);
    logits.forEach((x, l) => assert.ok(Math.abs(p[l] - Math.exp(x - max) / z) < 1e-5, `document ${i} class ${l}`));
    assert.equal(predicted[i], p.indexOf(Math.max(...p)));
  });
  assert.deepEqual(ctm.labelProbabilities(thetas).probabilities.map((r) => Array.from(r)), probabilities.map((r) => Array.from(r)));
});

test('the head learned the genres: better than always guessing the largest genre', async () => {
  const { labels: predicted } = await ctm.predictLabels(texts, { embeddings });
  const accuracy = predicted.filter((l, i) => l === labels[i]).length / N;
  const counts = genres.map((_, g) => labels.filter((l) => l === g).length);
  const majority = Math.max(...counts) / N;
  assert.ok(accuracy > majority, `accuracy ${accuracy.toFixed(3)} vs majority ${majority.toFixed(3)}`);
});

test('labels are encoder inputs: the training thetas use them, transform takes them, a loaded model predicts the same', async () => {
  const probe = texts.slice(0, 50);
  const rows = embeddings.subarray(0, 50 * 384);
  const withLabels = await ctm.transform(texts, { embeddings, labels, nSamples: 5 });
  const training = ctm.getDocTopicDistribution({ nSamples: 5 });
  assert.deepEqual(training.map((r) => Array.from(r)), withLabels.map((r) => Array.from(r)), 'CTM\'s get_doc_topic_distribution on the labelled training set');
  const without = await ctm.transform(texts, { embeddings, nSamples: 5 });
  assert.ok(without.some((r, i) => r.some((x, k) => x !== withLabels[i][k])), 'labels change the thetas');
  const loaded = await CTM.load(ctm.save());
  assert.deepEqual(await loaded.predictLabels(probe, { embeddings: rows }), await ctm.predictLabels(probe, { embeddings: rows }));
  loaded.free();
  await assert.rejects(ctm.transform(probe, { embeddings: rows, labels: [1, 2] }), /labels has 2 entries but there are 50 documents/);
  await assert.rejects(ctm.transform(probe, { embeddings: rows, labels: probe.map(() => genres.length) }), /label .* is outside \[0, /);
  assert.throws(() => ctm.labelProbabilities([[1, 0]]), /thetas must be an array of rows of 8 topic shares/);
  await assert.rejects(ctm.predictLabels(probe, { embeddings: rows, labels }), /unknown CTM.predictLabels option "labels"/);
  const plain = new CTM({ nComponents: 3, numEpochs: 1, vocabularySize: 300 });
  await plain.fit(probe, { embeddings: rows });
  await assert.rejects(plain.predictLabels(probe, { embeddings: rows }), /predictLabels needs a model with a label head/);
  await assert.rejects(plain.transform(probe, { embeddings: rows, labels: probe.map(() => 0) }), /labels given but label_size is 0/);
  plain.free();
});
