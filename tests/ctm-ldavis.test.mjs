// visualizeLdavis (pyLDAvis's view of CTM's get_ldavis_data_format) on a CTM of 800 Brown
// paragraphs: the intertopic map is js_PCoA (Jensen-Shannon divergences, then classical MDS),
// checked against a direct computation (scipy's entropy formula, power iteration on the
// double-centred matrix); the bars follow pyLDAvis's relevance and frequencies.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CTM, visualizeLdavis } from '../web/node.js';
import { prepareLdavis, jsPCoA } from '../web/plotting/ldavis_prepare.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 800, K = 6;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let ctm, data;

before(async () => {
  ctm = new CTM({ nComponents: K, numEpochs: 3, vocabularySize: 500 });
  await ctm.fit(texts, { embeddings });
  data = ctm.getLdavisData({ nSamples: 5 });
});

// scipy.stats.entropy(p, m) summed the textbook way, in float64.
function directJs(p, q) {
  const sum = (v) => v.reduce((s, x) => s + x, 0);
  const P = Array.from(p, (x) => x / sum(p)), Q = Array.from(q, (x) => x / sum(q));
  let kp = 0, kq = 0;
  for (let i = 0; i < P.length; i++) {
    const m = (P[i] + Q[i]) / 2;
    if (P[i] > 0) kp += P[i] * Math.log(P[i] / m);
    if (Q[i] > 0) kq += Q[i] * Math.log(Q[i] / m);
  }
  return (kp + kq) / 2;
}

// The largest eigenpairs of a symmetric matrix by power iteration on B + cI with deflation.
function topEigenpairs(B, count) {
  const n = B.length;
  const c = Math.sqrt(B.flat().reduce((s, x) => s + x * x, 0));
  const M = B.map((row, i) => row.map((x, j) => x + (i === j ? c : 0)));
  const pairs = [];
  for (let e = 0; e < count; e++) {
    let v = Array.from({ length: n }, (_, i) => 1 + i / n);
    for (let it = 0; it < 20000; it++) {
      let w = M.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      for (const { vector, value } of pairs) {
        const d = vector.reduce((s, x, j) => s + x * v[j], 0);
        w = w.map((x, i) => x - (value + c) * d * vector[i]);
      }
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
    }
    const Bv = B.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
    pairs.push({ vector: v, value: v.reduce((s, x, i) => s + x * Bv[i], 0) });
  }
  return pairs;
}

test('js_PCoA: Jensen-Shannon divergences and principal coordinates equal a direct computation', () => {
  const phi = data.topicTermDists;
  const { distances, coordinates } = jsPCoA(phi);
  for (let i = 0; i < K; i++) {
    assert.equal(distances[i][i], 0);
    for (let j = 0; j < K; j++) {
      assert.ok(Math.abs(distances[i][j] - directJs(phi[i], phi[j])) < 1e-12, `JS(${i}, ${j})`);
      assert.equal(distances[i][j], distances[j][i]);
    }
  }
  // B = -1/2 H D^2 H, written out with the centring matrix.
  const H = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? 1 : 0) - 1 / K));
  const mul = (A, C) => A.map((row) => C[0].map((_, j) => row.reduce((s, x, k) => s + x * C[k][j], 0)));
  const D2 = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => directJs(phi[i], phi[j]) ** 2));
  const B = mul(mul(H, D2), H).map((row) => row.map((x) => -x / 2));
  const pairs = topEigenpairs(B, 2);
  assert.ok(pairs[0].value >= pairs[1].value && pairs[1].value > 0);
  for (let c = 0; c < 2; c++) {
    const expected = pairs[c].vector.map((x) => Math.sqrt(pairs[c].value) * x);
    const sign = Math.sign(expected.reduce((s, x, i) => s + x * coordinates[i][c], 0));
    expected.forEach((x, i) => assert.ok(Math.abs(sign * x - coordinates[i][c]) < 1e-7, `coordinate ${c} of topic ${i}: ${coordinates[i][c]} vs ${sign * x}`));
  }
});

test('the map: circles at the PCoA coordinates, topics by decreasing share of the tokens', () => {
  const fig = visualizeLdavis(ctm, { nSamples: 5 });
  JSON.stringify(fig);
  const circles = fig.data[0];
  const freq = new Float64Array(K);
  data.docTopicDists.forEach((row, d) => row.forEach((p, k) => (freq[k] += p * data.docLengths[d])));
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => freq[b] - freq[a]);
  assert.deepEqual(circles.text, order.map(String));
  const { coordinates } = jsPCoA(data.topicTermDists);
  order.forEach((k, i) => {
    assert.equal(circles.x[i], coordinates[k][0]);
    assert.equal(circles.y[i], coordinates[k][1]);
    assert.ok(Math.abs(circles.customdata[i][1] - (100 * freq[k]) / freq.reduce((s, x) => s + x, 0)) < 1e-9);
  });
  for (let i = 1; i < K; i++) assert.ok(circles.marker.size[i - 1] >= circles.marker.size[i], 'larger share, larger circle');
  // Without a topic: the R most salient terms, only the overall-frequency bars.
  assert.equal(fig.data.length, 2);
  assert.equal(fig.data[1].y.length, 30);
});

test('a topic\'s bars: terms ranked by relevance lambda log phi + (1 - lambda) log(phi / p(w)), pyLDAvis\'s frequencies', () => {
  const phi = data.topicTermDists;
  // pyLDAvis recomputes the term frequencies as sum_k phi_kw * topic frequency_k.
  const topicFreq = new Float64Array(K);
  data.docTopicDists.forEach((row, d) => row.forEach((p, k) => (topicFreq[k] += p * data.docLengths[d])));
  const termFreq = data.vocab.map((_, w) => phi.reduce((s, row, k) => s + row[w] * topicFreq[k], 0));
  const total = termFreq.reduce((s, x) => s + x, 0);
  for (const [topic, lambda] of [[2, 1], [2, 0.6], [4, 0], [0, 0.3]]) {
    const fig = visualizeLdavis(data, { topic, lambda, R: 15 });
    const [circles, overall, inTopic] = fig.data;
    assert.equal(circles.marker.color.filter((c) => c === '#d62728').length, 1, 'the selected topic is red');
    const relevance = (w) => lambda * Math.log(phi[topic][w]) + (1 - lambda) * Math.log(phi[topic][w] / (termFreq[w] / total));
    const expected = data.vocab.map((_, w) => w).sort((a, b) => relevance(b) - relevance(a)).slice(0, 15);
    const shown = [...inTopic.y].reverse();
    assert.deepEqual(shown, expected.map((w) => data.vocab[w]), `topic ${topic}, lambda ${lambda}`);
    [...inTopic.x].reverse().forEach((x, i) => assert.ok(Math.abs(x - phi[topic][expected[i]] * topicFreq[topic]) < 1e-6 * (1 + x)));
    [...overall.x].reverse().forEach((x, i) => assert.ok(Math.abs(x - termFreq[expected[i]]) < 1e-6 * (1 + x)));
    inTopic.x.forEach((x, i) => assert.ok(x <= overall.x[i] * (1 + 1e-9), 'a topic\'s share of a term is at most its total'));
    if (lambda === 1) {
      // lambda = 1 ranks by phi alone: the CTM's own word ranking.
      assert.deepEqual(shown, ctm.getWordDistributionByTopicId(topic).slice(0, 15).map(([w]) => w));
    }
  }
});

test('the lambda slider: each step holds the bars of the figure drawn with that lambda', () => {
  const fig = visualizeLdavis(data, { topic: 1, lambda: 0.25, R: 12 });
  const [slider] = fig.layout.sliders;
  assert.deepEqual(slider.steps.map((s) => Number(s.label)), [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.equal(slider.steps[slider.active].label, '0.25');
  for (const step of slider.steps) {
    const alone = visualizeLdavis(data, { topic: 1, lambda: Number(step.label), R: 12 });
    const [update, layoutUpdate, traces] = step.args;
    assert.deepEqual(traces, [1, 2]);
    assert.deepEqual(update.y, [alone.data[1].y, alone.data[2].y]);
    assert.deepEqual(update.x, [alone.data[1].x, alone.data[2].x]);
    assert.equal(layoutUpdate['annotations[0].text'], alone.layout.annotations[0].text);
  }
  assert.notDeepEqual(slider.steps[0].args[0].y, slider.steps.at(-1).args[0].y, 'lambda changes the ranking');
  assert.equal(visualizeLdavis(data, { R: 5 }).layout.sliders, undefined, 'no slider without a topic');
});

test('saliency (default view) follows Chuang et al.\'s formula; bad options are clear errors', () => {
  const prepared = prepareLdavis(data);
  const fig = visualizeLdavis(data, { R: 10 });
  const shown = [...fig.data[1].y].reverse();
  const sal = (w) => {
    const col = prepared.termTopicFrequency.reduce((s, row) => s + row[w], 0);
    let d = 0;
    prepared.termTopicFrequency.forEach((row, k) => {
      const given = data.topicTermDists[k][w] / data.topicTermDists.reduce((s, r) => s + r[w], 0);
      if (given > 0) d += given * Math.log(given / prepared.topicProportion[k]);
    });
    return (col / prepared.termFrequency.reduce((s, x) => s + x, 0)) * d;
  };
  const expected = data.vocab.map((_, w) => w).sort((a, b) => sal(b) - sal(a)).slice(0, 10).map((w) => data.vocab[w]);
  assert.deepEqual(shown, expected);
  assert.throws(() => visualizeLdavis(data, { lambda: 1.5 }), /lambda must be a number in \[0, 1\]/);
  assert.throws(() => visualizeLdavis(data, { topic: K }), /topic must be a topic id in 0\.\.5/);
  assert.throws(() => visualizeLdavis(data, { lamda: 0.5 }), /unknown option "lamda"/);
  assert.throws(() => visualizeLdavis({}, {}), /pass a fitted CTM or the object its getLdavisData\(\) returns/);
});
