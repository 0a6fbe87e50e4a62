// The topic hierarchy and its figures on one fit of the first 1,500 Brown documents.
// hierarchicalTopics' linkages (BERTopic's hierarchical_topics with linkage_function = scipy's
// linkage(x, method), use_ctfidf True or False): the engine's single / complete / average / ward
// trees equal the trees built from a port of scipy's linkage (tests/oracles/scipy_linkage.mjs:
// minimum spanning tree and nearest-neighbour chain, not the engine's algorithm) over the same
// distances; useCtfidf: false links the topic embeddings. Then the figures' BERTopic options
// (visualizeHierarchy / visualizeHeatmap topics, topNTopics, useCtfidf; visualizeBarchart
// autoscale), visualizeHierarchicalDocuments' levels and visualizeDocumentDatamap's labels.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { visualizeBarchart, visualizeDocumentDatamap, visualizeHeatmap, visualizeHierarchicalDocuments, visualizeHierarchy } from '../web/plotting/index.js';
import { cosineRows } from '../web/engine/embeddings.js';
import { scipyLinkage } from './oracles/scipy_linkage.mjs';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 1500;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let model;

before(async () => {
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 } });
  await model.fitTransform(texts, { embeddings });
});

// Same tree: identical ids, names and topics; distances equal up to floating-point rounding.
function assertSameTree(ours, theirs, what) {
  assert.equal(ours.length, theirs.length, what);
  ours.forEach((r, i) => {
    const { Distance, ...rest } = r;
    const { Distance: expected, ...restExpected } = theirs[i];
    assert.deepEqual(rest, restExpected, `${what}: row ${i}`);
    assert.ok(Math.abs(Distance - expected) < 1e-9, `${what}: row ${i} distance ${Distance} vs ${expected}`);
  });
}

test('hierarchicalTopics: each linkage equals scipy\'s (ported) on the c-TF-IDF distances; Ward stays the default', async () => {
  const { condensed, n } = model.topicDistances();
  assert.ok(n >= 10, `expected at least 10 topics, got ${n}`);
  const trees = {};
  for (const method of ['single', 'complete', 'average', 'ward']) {
    trees[method] = await model.hierarchicalTopics(texts, { linkage: method });
    const port = await model.hierarchicalTopics(texts, { linkageFunction: (c) => scipyLinkage(c, method) });
    assertSameTree(trees[method], port, method);
  }
  assertSameTree(await model.hierarchicalTopics(texts), trees.ward, 'default = ward');
  assert.notDeepEqual(trees.single.map((r) => r.Topics), trees.complete.map((r) => r.Topics), 'single and complete give other trees here');

  // Single linkage by its definition: a merge's distance is the smallest distance across its children.
  const d = (i, j) => condensed[n * Math.min(i, j) - (Math.min(i, j) * (Math.min(i, j) + 1)) / 2 + Math.abs(i - j) - 1];
  const topicsOf = (tree, id) => (Number(id) < n ? [Number(id)] : tree.find((r) => r.Parent_ID === id).Topics);
  for (const r of trees.single) {
    const across = topicsOf(trees.single, r.Child_Left_ID).flatMap((a) => topicsOf(trees.single, r.Child_Right_ID).map((b) => d(a, b)));
    assert.ok(Math.abs(r.Distance - Math.min(...across)) < 1e-6, `single merge ${r.Parent_ID}`);
  }
});

test('hierarchicalTopics useCtfidf: false links 1 - cosine of the topic embeddings (as scipy would)', async () => {
  const { data, rows, cols } = model.topicEmbeddings_;
  const info = model.getTopicInfo();
  const first = info[0].Topic === -1 ? 1 : 0;
  const n = rows - first;
  const condensed = [];
  for (let i = 0; i < n; ++i) for (let j = i + 1; j < n; ++j) condensed.push(Math.max(0, 1 - cosineRows(data, first + i, data, first + j, cols)));
  const fromModel = model.topicDistances({ useCtfidf: false });
  assert.equal(fromModel.n, n);
  fromModel.condensed.forEach((v, p) => assert.ok(Math.abs(v - condensed[p]) < 1e-9));
  for (const method of ['single', 'complete', 'average', 'ward']) {
    const ours = await model.hierarchicalTopics(texts, { linkage: method, useCtfidf: false });
    const port = await model.hierarchicalTopics(texts, { linkageFunction: () => scipyLinkage(condensed, method) });
    assertSameTree(ours, port, `${method}, topic embeddings`);
  }
  assert.notDeepEqual(
    (await model.hierarchicalTopics(texts, { useCtfidf: false })).map((r) => r.Topics),
    (await model.hierarchicalTopics(texts)).map((r) => r.Topics),
    'embeddings and c-TF-IDF give other trees',
  );
});

test('hierarchicalTopics: bad linkage options throw Errors naming them', async () => {
  await assert.rejects(model.hierarchicalTopics(texts, { linkage: 'centroid' }), /linkage must be one of 'ward', 'single', 'complete', 'average'/);
  await assert.rejects(model.hierarchicalTopics(texts, { useCtfidf: 'no' }), (e) => e instanceof TypeError && /useCtfidf/.test(e.message));
  await assert.rejects(model.hierarchicalTopics(texts, { linkage: 'single', linkageFunction: (c) => scipyLinkage(c, 'single') }), /either linkage/);
  await assert.rejects(model.hierarchicalTopics(texts, { linkages: 'single' }), /unknown hierarchicalTopics option "linkages"/);
  assert.throws(() => model.topicDistances({ useCtfidf: 1 }), TypeError);
});

// The condensed distances between the given topics (ascending ids) out of topicDistances().
function subDistances(topics, { useCtfidf = true } = {}) {
  const { condensed, n } = model.topicDistances({ useCtfidf });
  const all = model.getTopicInfo().map((r) => r.Topic).filter((t) => t !== -1).sort((a, b) => a - b);
  const at = (i, j) => n * Math.min(i, j) - (Math.min(i, j) * (Math.min(i, j) + 1)) / 2 + Math.abs(i - j) - 1;
  const out = [];
  for (let a = 0; a < topics.length; ++a) for (let b = a + 1; b < topics.length; ++b) out.push(condensed[at(all.indexOf(topics[a]), all.indexOf(topics[b]))]);
  return out;
}
const bySize = () => model.getTopicInfo().filter((r) => r.Topic !== -1).sort((a, b) => b.Count - a.Count || a.Topic - b.Topic).map((r) => r.Topic);
const leafTopics = (fig) => fig.layout.yaxis.ticktext.map((label) => Number(label.split('_')[0])).sort((a, b) => a - b);

test('visualizeHierarchy: topics / topNTopics choose the leaves; the links are scipy\'s linkage of those topics', async () => {
  const top = bySize().slice(0, 6).sort((a, b) => a - b);
  const fig = visualizeHierarchy(model, { topNTopics: 6 });
  assert.deepEqual(leafTopics(fig), top);
  const links = fig.data.filter((t) => t.mode === 'lines');
  assert.equal(links.length, 5);
  assert.equal(fig.layout.height, 200 + 15 * 6);
  for (const method of ['ward', 'single', 'average']) {
    for (const useCtfidf of [true, false]) {
      const chosen = [top[1], top[3], top[0], top[5], top[4]];
      const f = visualizeHierarchy(model, { topics: chosen, linkage: method, useCtfidf });
      assert.deepEqual(leafTopics(f), [...chosen].sort((a, b) => a - b), 'exactly the requested topics');
      const Z = scipyLinkage(subDistances([...chosen].sort((a, b) => a - b), { useCtfidf }), method);
      const heights = f.data.filter((t) => t.mode === 'lines').map((t) => -t.x[1]).sort((a, b) => a - b);
      Z.map((row) => row[2]).forEach((d, i) => assert.ok(Math.abs(heights[i] - d) < 1e-9, `${method} ${useCtfidf}: merge ${i}`));
    }
  }
  // Merge names from hierarchicalTopics only when every topic is shown (BERTopic's rule).
  const tree = await model.hierarchicalTopics(texts);
  const full = visualizeHierarchy(model, { hierarchicalTopics: tree });
  const hover = full.data.find((t) => t.mode === 'markers').hovertext;
  assert.equal(hover.length, tree.length);
  for (const r of tree) assert.ok(hover.includes(`<b>${r.Parent_Name}</b><br>Topics: ${r.Topics.join(', ')}`), `merge ${r.Parent_ID} named`);
  const partial = visualizeHierarchy(model, { hierarchicalTopics: tree, topNTopics: 6 });
  assert.ok(partial.data.find((t) => t.mode === 'markers').hovertext.every((h) => h.startsWith('Topics: ')));
  assert.throws(() => visualizeHierarchy(model, { topics: [top[0]] }), /at least two topics/);
  assert.throws(() => visualizeHierarchy(model, { linkage: 'median' }), /linkage must be one of/);
  assert.throws(() => visualizeHierarchy(model, { useCtfidf: 'yes' }), TypeError);
});

test('visualizeHeatmap useCtfidf: the c-TF-IDF similarities of exactly the requested topics', () => {
  const chosen = bySize().slice(0, 5).sort((a, b) => a - b);
  const fig = visualizeHeatmap(model, { topNTopics: 5, useCtfidf: true });
  assert.deepEqual(fig.data[0].customdata, chosen);
  const d = subDistances(chosen);
  for (let i = 0, p = 0; i < 5; ++i) {
    assert.equal(fig.data[0].z[i][i], 1);
    for (let j = i + 1; j < 5; ++j, ++p) {
      assert.ok(Math.abs(fig.data[0].z[i][j] - (1 - d[p])) < 1e-12);
      assert.equal(fig.data[0].z[j][i], fig.data[0].z[i][j]);
    }
  }
  const byEmbeddings = visualizeHeatmap(model, { topics: chosen });
  assert.notDeepEqual(byEmbeddings.data[0].z, fig.data[0].z);
  const clustered = visualizeHeatmap(model, { topics: chosen, useCtfidf: true, nClusters: 2 });
  assert.deepEqual([...clustered.data[0].customdata].sort((a, b) => a - b), chosen);
  assert.throws(() => visualizeHeatmap(model, { topics: [-1, 0], useCtfidf: true }), /leave -1 out/);
});

test('visualizeBarchart autoscale: BERTopic\'s taller subplots and smaller tick font for many words', () => {
  const plain = visualizeBarchart(model, { topNTopics: 4, nWords: 15 });
  const fig = visualizeBarchart(model, { topNTopics: 4, nWords: 15, autoscale: true });
  const words = Math.min(15, ...fig.data.map((t) => t.y.length));
  assert.equal(words, 10, 'topNWords 10 words per topic');
  assert.equal(fig.layout.height, plain.layout.height, 'at most 12 words: no taller subplots');
  const axes = Object.keys(fig.layout).filter((k) => k.startsWith('yaxis'));
  assert.equal(axes.length, 4);
  for (const k of axes) {
    assert.equal(fig.layout[k].tickfont.size, Math.floor((250 - 140) / 10));
    assert.equal(plain.layout[k].tickfont, undefined);
  }
  assert.throws(() => visualizeBarchart(model, { autoscale: 1 }), TypeError);
});

// topic -> its merged topic at `maxDistance`, written out: the last (highest) merge at or below it holding the topic.
function mergedAt(tree, topic, maxDistance) {
  let best = topic;
  for (const r of tree) if (r.Distance <= maxDistance && r.Topics.includes(topic) && (best === topic || Number(r.Parent_ID) > best)) best = Number(r.Parent_ID);
  return best;
}

test('visualizeHierarchicalDocuments: every level\'s traces are the merged topics of that level', async () => {
  const tree = await model.hierarchicalTopics(texts);
  const reducedEmbeddings = model.reducedEmbeddings_;
  const topicsOf = model.topics_;
  const fig = await visualizeHierarchicalDocuments(model, texts, tree, { reducedEmbeddings, nrLevels: 4 });
  // np.array_split(range(M), 4): the last index of each part, distances taken, reversed.
  const M = tree.length;
  const parts = [];
  for (let c = 0, start = 0; c < 4; ++c) {
    const size = Math.ceil((M - start) / (4 - c));
    parts.push(start + size - 1);
    start += size;
  }
  assert.deepEqual(fig.layout.meta.levelDistances, parts.map((i) => tree[i].Distance).reverse());
  assert.equal(fig.layout.sliders[0].steps.length, 4);
  const groupsPerLevel = [];
  fig.layout.meta.levelDistances.forEach((maxDistance, level) => {
    const traces = fig.data.filter((t) => t.meta.level === level);
    const seen = new Set();
    const groups = new Set();
    for (const t of traces) {
      for (const d of t.customdata) {
        assert.ok(!seen.has(d), `document ${d} twice at level ${level}`);
        seen.add(d);
        const expected = topicsOf[d] === -1 ? -1 : mergedAt(tree, topicsOf[d], maxDistance);
        assert.equal(t.meta.topic, expected, `level ${level}: document ${d} (topic ${topicsOf[d]})`);
      }
      groups.add(t.meta.topic);
    }
    assert.equal(seen.size, texts.length, 'every document once per level');
    assert.equal(groups.size, traces.length, 'one trace per merged topic');
    groupsPerLevel.push(groups.size);
    assert.deepEqual(fig.layout.sliders[0].steps[level].args[0].visible, fig.data.map((t) => t.meta.level === level));
  });
  for (let i = 1; i < groupsPerLevel.length; ++i) assert.ok(groupsPerLevel[i] <= groupsPerLevel[i - 1], `levels merge more as they go: ${groupsPerLevel}`);
  assert.ok(groupsPerLevel.at(-1) < groupsPerLevel[0]);
  assert.ok(fig.data.every((t) => t.visible === (t.meta.level === 0)));
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, 'plain JSON');

  const log = await visualizeHierarchicalDocuments(model, texts, tree, { reducedEmbeddings, nrLevels: 3, levelScale: 'log', topics: [0, 1] });
  assert.ok(log.data.filter((t) => t.meta.topic !== -1).every((t) => t.customdata.every((d) => topicsOf[d] === 0 || topicsOf[d] === 1)));
  await assert.rejects(visualizeHierarchicalDocuments(model, texts, tree, { reducedEmbeddings, nrLevels: M + 1 }), /nrLevels .* at most the number of merges/);
  await assert.rejects(visualizeHierarchicalDocuments(model, texts, tree, { reducedEmbeddings, levelScale: 'sqrt' }), /levelScale must be 'linear' or 'log'/);
  await assert.rejects(visualizeHierarchicalDocuments(model, texts, [], { reducedEmbeddings }), /hierarchicalTopics must be/);
});

// A label annotation's box in figure pixels (the layout's fixed ranges and margins).
function labelBoxes(fig) {
  const { width, height, margin, xaxis, yaxis } = fig.layout;
  const [x0, x1] = xaxis.range;
  const [y0, y1] = yaxis.range;
  return fig.layout.annotations.map((a) => {
    const px = margin.l + ((a.x - x0) / (x1 - x0)) * (width - margin.l - margin.r) + (a.showarrow ? a.ax : 0);
    const py = margin.t + ((y1 - a.y) / (y1 - y0)) * (height - margin.t - margin.b) + (a.showarrow ? a.ay : 0);
    return { a, x0: px - a.width / 2, x1: px + a.width / 2, y0: py - a.height / 2, y1: py + a.height / 2 };
  });
}

test('visualizeDocumentDatamap: every topic labelled at its median, no two label boxes overlapping', async () => {
  const reducedEmbeddings = model.reducedEmbeddings_;
  const topicsOf = Array.from(model.topics_);
  const ids = model.getTopicInfo().map((r) => r.Topic).filter((t) => t !== -1).sort((a, b) => a - b);
  const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  for (const [width, height] of [[1200, 750], [700, 500]]) {
    const fig = await visualizeDocumentDatamap(model, texts, { reducedEmbeddings, width, height });
    const grey = fig.data[0];
    assert.equal(grey.name, 'Unlabelled');
    assert.deepEqual(grey.customdata, topicsOf.flatMap((t, d) => (t === -1 ? [d] : [])));
    const traces = fig.data.slice(1);
    assert.deepEqual(traces.map((t) => t.meta.topic), ids);
    traces.forEach((t) => assert.ok(t.customdata.every((d) => topicsOf[d] === t.meta.topic)));
    const boxes = labelBoxes(fig);
    assert.equal(boxes.length, ids.length, 'every non-outlier topic labelled');
    boxes.forEach(({ a }, i) => {
      assert.ok(Math.abs(a.x - median(traces[i].x)) < 1e-12 && Math.abs(a.y - median(traces[i].y)) < 1e-12, `label ${i} points at its median`);
      assert.equal(a.name, `topic ${ids[i]}`);
    });
    for (let i = 0; i < boxes.length; ++i) {
      const b = boxes[i];
      assert.ok(b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height, `label ${i} inside the ${width} x ${height} figure`);
      for (let j = i + 1; j < boxes.length; ++j) {
        const c = boxes[j];
        assert.ok(!(b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1), `labels ${ids[i]} and ${ids[j]} overlap at ${width} x ${height}`);
      }
    }
  }
  const some = await visualizeDocumentDatamap(model, null, { reducedEmbeddings, topics: [0, 2], topicPrefix: true });
  assert.deepEqual(some.data.slice(1).map((t) => t.meta.topic), [0, 2]);
  assert.ok(some.layout.annotations.every((a) => a.text.startsWith('Topic-')));
  assert.ok(some.data[0].customdata.every((d) => topicsOf[d] !== 0 && topicsOf[d] !== 2));
  assert.equal(some.data[0].hovertext, undefined);
  await assert.rejects(visualizeDocumentDatamap(model, texts, { reducedEmbeddings, width: 120, height: 90 }), /do not fit on a 120 x 90 map/);
  await assert.rejects(visualizeDocumentDatamap(model, texts, { reducedEmbeddings, labelFontSize: 0 }), /labelFontSize must be a positive number/);
});
