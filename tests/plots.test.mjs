// Plotly figure specs (web/plotting/) built from a real fitted model: every figure's traces and
// layout are checked against the model they come from, and every figure survives a JSON round trip.
// One fit of the first 1,500 Brown documents (with calculateProbabilities, for the distribution
// figure) serves all the tests.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import {
  visualizeBarchart, visualizeTopics, visualizeDocuments, visualizeHeatmap, visualizeTermRank, visualizeDistribution, wardClusters,
} from '../web/plotting/index.js';
import { documentLabelsInView } from '../web/plotting/documents.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 1500;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let model;
let probabilities;
let info; // getTopicInfo()
let ids; // topic ids other than -1, ascending

before(async () => {
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 }, calculateProbabilities: true });
  ({ probabilities } = await model.fitTransform(texts, { embeddings }));
  info = model.getTopicInfo();
  ids = info.map((r) => r.Topic).filter((t) => t !== -1);
  assert.ok(ids.length >= 10, `expected at least 10 topics on 1,500 Brown documents, got ${ids.length}`);
  assert.ok(info.some((r) => r.Topic === -1), 'expected outliers');
});

function assertJson(fig) {
  assert.deepEqual(Object.keys(fig).sort(), ['data', 'layout']);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, 'the figure is plain JSON');
}

const bySize = () => info.filter((r) => r.Topic !== -1).sort((a, b) => b.Count - a.Count || a.Topic - b.Topic).map((r) => r.Topic);

test('visualizeBarchart: one bar subplot per topic, bars = getTopic() words and scores', () => {
  const fig = visualizeBarchart(model);
  assertJson(fig);
  const expected = bySize().slice(0, 8).sort((a, b) => a - b);
  assert.equal(fig.data.length, 8);
  assert.equal(fig.layout.width, 1000);
  assert.equal(fig.layout.height, 500); // 2 rows x 250
  assert.equal(fig.layout.title.text, '<b>Topic Word Scores</b>');
  fig.data.forEach((trace, i) => {
    const topic = expected[i];
    const top = model.getTopic(topic).slice(0, 5).reverse(); // best word at the top
    assert.equal(trace.type, 'bar');
    assert.equal(trace.orientation, 'h');
    assert.deepEqual(trace.x, top.map(([, s]) => s));
    assert.deepEqual(trace.y, top.map(([w]) => `${w}  `));
    const suffix = i === 0 ? '' : String(i + 1);
    assert.equal(trace.xaxis, `x${suffix}`);
    assert.equal(trace.yaxis, `y${suffix}`);
    assert.equal(fig.layout[`xaxis${suffix}`].anchor, `y${suffix}`);
    assert.equal(fig.layout.annotations[i].text, `Topic ${topic}`);
    // Grid of 4 columns: cells in the same row share a y domain, domains inside [0, 1].
    const xd = fig.layout[`xaxis${suffix}`].domain;
    const yd = fig.layout[`yaxis${suffix}`].domain;
    assert.ok(xd[0] >= 0 && xd[1] <= 1 + 1e-12 && xd[0] < xd[1] && yd[0] >= -1e-12 && yd[1] <= 1 && yd[0] < yd[1]);
    assert.deepEqual(yd, fig.layout[`yaxis${i - (i % 4) === 0 ? '' : i - (i % 4) + 1}`].domain);
  });

  const two = visualizeBarchart(model, { topics: [3, 0], nWords: 10, customLabels: { 3: 'three' } });
  assert.equal(two.data.length, 2);
  assert.equal(two.layout.height, 250 * 1.3);
  // Given topics keep their order, as BERTopic's list(topics).
  assert.deepEqual(two.data[0].y, model.getTopic(3).map(([w]) => `${w}  `).reverse());
  assert.deepEqual(two.layout.annotations.map((a) => a.text), ['three', 'Topic 0']);
  assert.throws(() => visualizeBarchart(model, { topics: [9999] }), /unknown topic id 9999/);
  assert.throws(() => visualizeBarchart(model, { nWords: 0 }), /nWords must be an integer >= 1/);
  assert.throws(() => visualizeBarchart(model, { topN: 3 }), /unknown option "topN"/);
  assert.throws(() => visualizeBarchart(new TopicModel()), /not fitted/);
  assert.throws(() => visualizeBarchart({}), /model must be a fitted TopicModel/);
});

test('visualizeTopics: one bubble per topic, sizes = topicSizes_, hover words, slider', async () => {
  const fig = await visualizeTopics(model);
  assertJson(fig);
  assert.equal(fig.data.length, 1);
  const [trace] = fig.data;
  const sizes = model.topicSizes_;
  assert.equal(trace.type, 'scatter');
  assert.equal(trace.x.length, ids.length);
  assert.deepEqual(trace.customdata.map((c) => c[0]), ids);
  assert.deepEqual(trace.marker.size, ids.map((t) => sizes[t]));
  assert.deepEqual(trace.customdata.map((c) => c[2]), ids.map((t) => sizes[t]));
  assert.deepEqual(trace.customdata.map((c) => c[1]), ids.map((t) => model.getTopic(t).slice(0, 5).map(([w]) => w).join(' | ')));
  assert.equal(trace.marker.sizemode, 'area');
  assert.ok([...trace.x, ...trace.y].every(Number.isFinite));
  assert.match(trace.hovertemplate, /Topic %\{customdata\[0\]\}.*Size: %\{customdata\[2\]\}/);
  assert.equal(fig.layout.title.text, '<b>Intertopic Distance Map</b>');
  assert.deepEqual([fig.layout.width, fig.layout.height], [650, 650]);
  // Every point lies inside the axis ranges.
  const [x0, x1] = fig.layout.xaxis.range;
  assert.ok(trace.x.every((x) => x >= x0 && x <= x1));
  const steps = fig.layout.sliders[0].steps;
  assert.equal(steps.length, ids.length);
  steps.forEach((step, i) => {
    assert.equal(step.label, `Topic ${ids[i]}`);
    const colors = step.args[0]['marker.color'][0];
    assert.deepEqual(colors.map((c, j) => (c === 'red') === (j === i)), colors.map(() => true));
  });
  // Same seed, same map.
  const again = await visualizeTopics(model);
  assert.deepEqual(again.data[0].x, trace.x);

  const top5 = await visualizeTopics(model, { topNTopics: 5 });
  assert.deepEqual(top5.data[0].customdata.map((c) => c[0]), bySize().slice(0, 5).sort((a, b) => a - b));
  const few = await visualizeTopics(model, { topics: [2, 0, 1] }); // too few for UMAP: PCA
  assert.equal(few.data[0].x.length, 3);
  assert.ok(few.data[0].x.every(Number.isFinite));
  const one = await visualizeTopics(model, { topics: [0] });
  assert.deepEqual([one.data[0].x, one.data[0].y], [[0], [0]]);
  await assert.rejects(visualizeTopics(model, { topics: [-5] }), /unknown topic id -5/);
  const manual = new TopicModel();
  await manual.fit(['market stocks fell', 'football match won', 'market bonds rose', 'football goal scored'], { y: [0, 1, 0, 1] });
  await assert.rejects(visualizeTopics(manual), /no topic embeddings/);
  manual.free();
});

test('visualizeDocuments: one point per document grouped by topic, outliers grey, hover text, annotations', async () => {
  const fig = await visualizeDocuments(model, texts, { umapModel: { nEpochs: 50 } });
  assertJson(fig);
  const topicsOf = model.topics_;
  assert.ok(fig.data.every((t) => t.type === 'scattergl'));
  assert.equal(fig.data.reduce((s, t) => s + t.x.length, 0), N);
  const seen = new Set(fig.data.flatMap((t) => t.customdata));
  assert.equal(seen.size, N);
  const [other, ...topicTraces] = fig.data;
  assert.equal(other.marker.color, '#CFD8DC');
  assert.ok(other.customdata.every((d) => topicsOf[d] === -1));
  assert.equal(other.customdata.length, [...topicsOf].filter((t) => t === -1).length);
  assert.equal(topicTraces.length, ids.length);
  topicTraces.forEach((trace, i) => {
    assert.equal(trace.name, `${ids[i]}_${model.getTopic(ids[i]).slice(0, 3).map(([w]) => w).join('_')}`);
    assert.ok(trace.customdata.every((d) => topicsOf[d] === ids[i]));
    assert.equal(trace.customdata.length, model.topicSizes_[ids[i]]);
    assert.ok(trace.hovertext.every((h, k) => texts[trace.customdata[k]].startsWith(h.replace(/\.\.\.$/, '')) && h.length <= 303));
    assert.ok([...trace.x, ...trace.y].every(Number.isFinite));
  });
  // Topic names at the topics' centroids, plus BERTopic's D1 / D2 labels.
  const names = fig.layout.annotations.filter((a) => a.text !== 'D1' && a.text !== 'D2');
  assert.deepEqual(names.map((a) => a.text), topicTraces.map((t) => t.name));
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(Math.abs(names[0].x - mean(topicTraces[0].x)) < 1e-9);
  assert.equal(fig.layout.title.text, '<b>Documents and Topics</b>');
  assert.deepEqual([fig.layout.width, fig.layout.height], [1200, 750]);

  // Given 2-D coordinates are used as they are; a topic selection greys the others; no names.
  const r = model.reducedEmbeddings_;
  const twoD = { data: new Float32Array(N * 2), rows: N, cols: 2 };
  for (let i = 0; i < N; ++i) twoD.data.set(r.data.subarray(i * r.cols, i * r.cols + 2), 2 * i);
  const sel = await visualizeDocuments(model, texts, { reducedEmbeddings: twoD, topics: [0, 1], hideAnnotations: true });
  assert.equal(sel.data.length, 3);
  assert.equal(sel.data[0].customdata.length, N - model.topicSizes_[0] - model.topicSizes_[1]);
  for (const trace of sel.data) trace.customdata.forEach((d, k) => assert.equal(trace.x[k], twoD.data[2 * d]));
  assert.equal(sel.layout.annotations.length, 2);

  // sample: topics of 100+ documents keep that share, smaller ones stay whole.
  const half = await visualizeDocuments(model, texts, { reducedEmbeddings: twoD, sample: 0.5 });
  for (const trace of half.data.slice(1)) {
    const size = model.topicSizes_[topicsOf[trace.customdata[0]]];
    assert.equal(trace.customdata.length, size < 100 ? size : Math.floor(size * 0.5));
  }
  // Big maps: hover text on a density-aware sample in a last 'hover' trace; the largest labels only,
  // and per view (documentLabelsInView).
  const big = await visualizeDocuments(model, texts, { reducedEmbeddings: twoD, maxHoverPoints: 300, maxLabels: 3 });
  const hover = big.data.at(-1);
  assert.equal(hover.name, 'hover');
  assert.ok(big.data.slice(0, -1).every((t) => t.hoverinfo === 'skip' && t.hovertext === undefined));
  assert.ok(hover.customdata.length <= 300 && hover.customdata.length > 150, `${hover.customdata.length} hover points`);
  hover.customdata.forEach((d, k) => assert.ok(texts[d].startsWith(hover.hovertext[k].replace(/\.\.\.$/, '')) && hover.x[k] === twoD.data[2 * d]));
  assert.equal(big.data.slice(0, -1).reduce((sum, t) => sum + t.x.length, 0), N, 'every document drawn once in the topic traces');
  const largest = [...ids].sort((a, b) => model.topicSizes_[b] - model.topicSizes_[a] || a - b).slice(0, 3).sort((a, b) => a - b);
  const labelled = big.layout.annotations.filter((a) => a.text !== 'D1' && a.text !== 'D2');
  assert.deepEqual(labelled.map((a) => a.text), largest.map((t) => big.data.find((tr) => tr.customdata[0] !== undefined && topicsOf[tr.customdata[0]] === t).name));
  const smallest = big.layout.meta.topicLabels.items.reduce((a, b) => (b.count < a.count ? b : a));
  const zoomed = documentLabelsInView(big, [smallest.x - 1e-6, smallest.x + 1e-6], [smallest.y - 1e-6, smallest.y + 1e-6]);
  assert.deepEqual(zoomed.filter((a) => a.name === 'topic label').map((a) => a.text), [smallest.text], 'zoomed onto the smallest topic: its label');
  assert.equal(zoomed.filter((a) => a.text === 'D1' || a.text === 'D2').length, 2);
  await assert.rejects(visualizeDocuments(model, texts.slice(1)), /docs has 1499 documents but the model was fitted on 1500/);
  await assert.rejects(visualizeDocuments(model, texts, { reducedEmbeddings: { data: new Float32Array(4), rows: 2, cols: 2 } }), /1500/);
  await assert.rejects(visualizeDocuments(model, texts, { sample: 0 }), /sample must be a number in \(0, 1\]/);
});

test('visualizeHeatmap: K x K cosine similarity of topic embeddings, symmetric, diagonal 1; clustering order', () => {
  const fig = visualizeHeatmap(model);
  assertJson(fig);
  const [trace] = fig.data;
  const k = ids.length;
  assert.equal(trace.type, 'heatmap');
  assert.equal(trace.z.length, k);
  assert.ok(trace.z.every((row) => row.length === k));
  assert.deepEqual(trace.customdata, ids);
  const te = model.topicEmbeddings_;
  const vec = (t) => te.data.subarray(info.findIndex((r) => r.Topic === t) * te.cols, (info.findIndex((r) => r.Topic === t) + 1) * te.cols);
  const cos = (a, b) => {
    let ab = 0, aa = 0, bb = 0;
    for (let c = 0; c < a.length; ++c) { ab += a[c] * b[c]; aa += a[c] * a[c]; bb += b[c] * b[c]; }
    return ab / Math.sqrt(aa * bb);
  };
  for (let i = 0; i < k; ++i) {
    assert.equal(trace.z[i][i], 1);
    for (let j = 0; j < k; ++j) {
      assert.equal(trace.z[i][j], trace.z[j][i]);
      assert.ok(Math.abs(trace.z[i][j] - cos(vec(ids[i]), vec(ids[j]))) < 1e-6);
    }
  }
  assert.equal(trace.x[0], `0_${model.getTopic(0).slice(0, 3).map(([w]) => w).join('_')}`.replace(/^(.{27}).{3,}$/, '$1...'));
  assert.ok(trace.x.every((l) => l.length <= 30));
  assert.equal(fig.layout.yaxis.autorange, 'reversed');
  assert.equal(fig.layout.title.text, '<b>Similarity Matrix</b>');

  const clustered = visualizeHeatmap(model, { nClusters: 4 });
  const order = clustered.data[0].customdata;
  assert.deepEqual([...order].sort((a, b) => a - b), ids, 'a permutation of the topics');
  order.forEach((a, i) => order.forEach((b, j) => assert.equal(clustered.data[0].z[i][j], trace.z[ids.indexOf(a)][ids.indexOf(b)])));
  assert.throws(() => visualizeHeatmap(model, { nClusters: k }), /nClusters \(\d+\) must be lower than the number of topics/);
  assert.equal(visualizeHeatmap(model, { topNTopics: 3 }).data[0].z.length, 3);

  // Ward clustering: two obvious groups.
  assert.deepEqual(wardClusters([[0, 0], [10, 10], [0.1, 0], [10, 9.9], [0, 0.2]], 2), [1, 2, 1, 2, 1]);
});

test('visualizeTermRank: one non-increasing line per topic equal to getTopic() scores', () => {
  const fig = visualizeTermRank(model, { topics: [0, 2] });
  assertJson(fig);
  assert.equal(fig.data.length, info.length); // every topic, -1 included, as BERTopic
  fig.data.forEach((line, i) => {
    const topic = info[i].Topic;
    const scores = model.getTopic(topic).map(([, s]) => s);
    assert.equal(line.customdata[0], topic);
    assert.deepEqual(line.y, scores);
    assert.deepEqual(line.x, scores.map((_, r) => r + 1));
    for (let r = 1; r < line.y.length; ++r) assert.ok(line.y[r] <= line.y[r - 1], `topic ${topic} rises at rank ${r + 1}`);
    const on = topic === 0 || topic === 2;
    assert.equal(line.line.color, on ? 'red' : 'black');
    assert.equal(line.opacity, on ? 1 : 0.1);
    assert.ok(line.hovertext.startsWith(`<b>Topic ${topic}</b>:`) && line.hovertext.length <= 50);
  });
  assert.equal(fig.layout.xaxis.title.text, 'Term Rank');
  assert.equal(fig.layout.yaxis.title.text, 'c-TF-IDF score');
  const log = visualizeTermRank(model, { logScale: true });
  assert.equal(log.layout.yaxis.title.text, 'c-TF-IDF score (log scale)');
  assert.ok(Math.abs(log.data[1].y[0] - Math.log10(fig.data[1].y[0])) < 1e-12);
  assert.throws(() => visualizeTermRank(model, { logScale: 'yes' }), /logScale must be true or false/);
});

test('visualizeDistribution: bars of one document\'s probabilities above minProbability', () => {
  const k = ids.length;
  assert.equal(probabilities[0].length, k);
  // A document whose distribution has values on both sides of 0.015.
  const doc = probabilities.findIndex((row) => row.some((p) => p >= 0.015) && row.some((p) => p < 0.015));
  assert.ok(doc >= 0);
  const row = probabilities[doc];
  const kept = [...row.keys()].filter((t) => row[t] >= 0.015);
  const fig = visualizeDistribution(row, { model });
  assertJson(fig);
  const [bars] = fig.data;
  assert.equal(bars.type, 'bar');
  assert.equal(bars.orientation, 'h');
  assert.deepEqual(bars.customdata, kept);
  assert.deepEqual(bars.x, kept.map((t) => row[t]));
  assert.ok(bars.x.length < k, 'small probabilities dropped');
  bars.y.forEach((label, i) => {
    const full = `<b>Topic ${kept[i]}</b>: ${model.getTopic(kept[i]).slice(0, 5).map(([w]) => w).join('_')}`;
    assert.equal(label, full.length > 40 ? `${full.slice(0, 40)}...` : full);
  });
  assert.equal(fig.layout.xaxis.title.text, 'Probability');
  assert.equal(fig.layout.title.text, '<b>Topic Probability Distribution</b>');
  // No model: plain labels; customLabels win; a higher threshold keeps fewer bars.
  const plain = visualizeDistribution(Array.from(row), { customLabels: { [kept[0]]: 'first' } });
  assert.deepEqual(plain.data[0].y, kept.map((t, i) => (i === 0 ? 'first' : `Topic ${t}`)));
  const sorted = [...row].sort((a, b) => b - a);
  const between = (sorted[0] + sorted[1]) / 2;
  assert.deepEqual(visualizeDistribution(row, { minProbability: between }).data[0].customdata, [row.indexOf(sorted[0])]);
  assert.throws(() => visualizeDistribution(row, { minProbability: 1.5 }), /no probability is above minProbability/);
  assert.throws(() => visualizeDistribution(probabilities), /probabilities\[0\] is not a finite number.*one document's row/);
  assert.throws(() => visualizeDistribution(0.3), /probabilities must be an array/);
  assert.throws(() => visualizeDistribution(row.subarray(1), { model }), /has \d+ values but the model has \d+ topics/);
});
