// reduceOutliers' targetOutlierShare (web/model/outlier_share.js; the engine's per-outlier scores in
// src/topics/topic_reduction.cpp): the threshold picked from the outliers' scores leaves the
// achievable outlier count closest to the target. Checked on hand-made scores, then on a Brown fit
// against ports of BERTopic's 'embeddings' and 'probabilities' strategies (which give every
// achievable count), and for 'c-tf-idf' / 'distributions' against a grid of thresholds run through
// the ordinary threshold path.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { thresholdForShare } from '../web/model/outlier_share.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

test('thresholdForShare: the closest achievable count, ties to more outliers, null keeps them all', () => {
  // 6 documents, 5 outliers: one never reassigned (-Infinity), scores 0.2, 0.2, 0.5, 0.9.
  const scores = Float64Array.from([NaN, 0.5, 0.2, -Infinity, 0.2, 0.9]);
  // Achievable counts: 1 (t = 0.2), 3 (t = 0.5), 4 (t = 0.9), 5 (no threshold).
  assert.equal(thresholdForShare(scores, 0), 0.2);
  assert.equal(thresholdForShare(scores, 0.5), 0.5);
  assert.equal(thresholdForShare(scores, 0.6), 0.9); // 3.6: 4 is nearer than 3
  assert.equal(thresholdForShare(scores, 0.58), 0.5); // 3.48: 3 is nearer than 4
  assert.equal(thresholdForShare(scores, 2 / 6), 0.5); // 2: 1 and 3 tie, the larger count wins
  assert.equal(thresholdForShare(scores, 0.9), null); // 5.4: all five stay
  assert.equal(thresholdForShare(Float64Array.from([NaN, NaN]), 0.1), null); // no outliers
});

const N = 1000;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let model;
let topics;
let probabilities;

before(async () => {
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 }, calculateProbabilities: true });
  ({ topics, probabilities } = await model.fitTransform(texts, { embeddings }));
});

const count = (ts) => ts.filter((t) => t === -1).length;
const cosine = (u, v) => {
  let dot = 0, a = 0, b = 0;
  for (let c = 0; c < u.length; ++c) { dot += u[c] * v[c]; a += u[c] ** 2; b += v[c] ** 2; }
  return a > 0 && b > 0 ? dot / Math.sqrt(a * b) : 0;
};

// Every achievable outlier count from each outlier's best score (a threshold t keeps those below it),
// and the expected pick: the count nearest target, ties to the larger.
function expectedCount(best, target, positiveOnly) {
  const finite = best.filter((s) => (positiveOnly ? s > 0 : true));
  const never = best.length - finite.length;
  const achievable = [best.length, ...finite.map((t) => never + finite.filter((s) => s < t).length)];
  return achievable.reduce((a, c) => (Math.abs(c - target) < Math.abs(a - target) || (Math.abs(c - target) === Math.abs(a - target) && c > a) ? c : a));
}

function checkInvariants(before, after) {
  for (let i = 0; i < before.length; ++i) if (before[i] !== -1) assert.equal(after[i], before[i], `document ${i} was not an outlier`);
}

test('targetOutlierShare with the embeddings and probabilities strategies: the nearest achievable count, the topics of the threshold path', async () => {
  const outliers = [...topics.keys()].filter((i) => topics[i] === -1);
  assert.ok(outliers.length > 50, `${outliers.length} outliers`);
  const te = model.topicEmbeddings_; // -1 first
  const k = te.rows - 1;
  const sims = outliers.map((i) => Array.from({ length: k }, (_, t) => cosine(embeddings.subarray(i * 384, (i + 1) * 384), te.data.subarray((t + 1) * 384, (t + 2) * 384))));
  const byEmbeddings = sims.map((row) => Math.max(...row));
  const byProbabilities = outliers.map((i) => Math.max(...probabilities[i]));
  for (const share of [0, 0.05, 0.1, 0.2]) {
    const target = share * N;
    const viaEmbeddings = await model.reduceOutliers(texts, topics, { strategy: 'embeddings', embeddings, targetOutlierShare: share });
    checkInvariants(topics, viaEmbeddings);
    assert.equal(count(viaEmbeddings), expectedCount(byEmbeddings, target, true), `embeddings, share ${share}`);
    // A reassigned outlier goes to its most similar topic (the threshold only decides whether it moves).
    outliers.forEach((doc, o) => { if (viaEmbeddings[doc] !== -1) assert.equal(viaEmbeddings[doc], sims[o].indexOf(byEmbeddings[o])); });
    const viaProbabilities = await model.reduceOutliers(texts, topics, { strategy: 'probabilities', probabilities, targetOutlierShare: share });
    checkInvariants(topics, viaProbabilities);
    const expected = expectedCount(byProbabilities, target, false);
    assert.equal(count(viaProbabilities), expected, `probabilities, share ${share}`);
    // The same topics as the ordinary path at the threshold the port picks (the lowest score keeping `expected`).
    const kept = [...byProbabilities].sort((a, b) => a - b);
    if (expected < outliers.length) {
      const threshold = kept[expected];
      assert.deepEqual(viaProbabilities, await model.reduceOutliers(texts, topics, { strategy: 'probabilities', probabilities, threshold }));
    }
  }
  console.log(`# ${outliers.length} of ${N} outliers; share 0.1 leaves ${count(await model.reduceOutliers(texts, topics, { strategy: 'embeddings', embeddings, targetOutlierShare: 0.1 }))}`);
});

test('targetOutlierShare with c-tf-idf and distributions: no grid threshold comes nearer; nested as the share falls', async () => {
  const grid = Array.from({ length: 24 }, (_, i) => 0.01 + i * 0.02);
  for (const strategy of ['c-tf-idf', 'distributions']) {
    const gridCounts = [];
    for (const threshold of grid) gridCounts.push(count(await model.reduceOutliers(texts, topics, { strategy, threshold })));
    let previous = null;
    for (const share of [0.2, 0.1, 0.05, 0]) {
      const target = share * N;
      const ours = await model.reduceOutliers(texts, topics, { strategy, targetOutlierShare: share });
      checkInvariants(topics, ours);
      const bestGrid = Math.min(...gridCounts.map((c) => Math.abs(c - target)));
      assert.ok(Math.abs(count(ours) - target) <= bestGrid, `${strategy}, share ${share}: ${count(ours)} outliers, a grid threshold gets within ${bestGrid}`);
      if (previous) {
        // A lower share moves a superset of documents (a lower threshold).
        for (let i = 0; i < N; ++i) if (previous[i] !== -1) assert.notEqual(ours[i], -1, `${strategy}: document ${i}`);
      }
      previous = ours;
    }
    assert.deepEqual(await model.reduceOutliers(texts, topics, { strategy, targetOutlierShare: 1 }), Int32Array.from(topics), 'share 1 keeps every outlier');
  }
});

test('targetOutlierShare: bad values are Errors naming the option', async () => {
  await assert.rejects(model.reduceOutliers(texts, topics, { targetOutlierShare: 1.5 }), /targetOutlierShare must be a number between 0 and 1/);
  await assert.rejects(model.reduceOutliers(texts, topics, { targetOutlierShare: '0.1' }), TypeError);
  await assert.rejects(model.reduceOutliers(texts, topics, { targetOutlierShare: 0.1, threshold: 0.2 }), /either threshold or targetOutlierShare/);
});
