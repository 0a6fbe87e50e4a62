// hierarchicalTopics (BERTopic's hierarchical_topics) and visualizeHierarchy on 360 State of the
// Union passages with one topic per president (manual fit): a binary tree over all topics whose
// merges hold the union of their children, unique increasing distances, and a dendrogram figure
// that draws each merge once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, visualizeHierarchy } from '../web/node.js';
import { shutdownAfterTests, sotuPresidentsModel } from './helpers.mjs';

shutdownAfterTests();

const { docs, presidents, model } = await sotuPresidentsModel();
const K = presidents.length;

test('hierarchicalTopics: a binary tree over the topics, children unions, unique rising distances', async () => {
  const tree = await model.hierarchicalTopics(docs);
  assert.equal(tree.length, K - 1);
  assert.deepEqual(tree.map((r) => r.Parent_ID), Array.from({ length: K - 1 }, (_, i) => String(2 * K - 2 - i)));
  const topicsOf = (id) => (Number(id) < K ? [Number(id)] : tree.find((r) => r.Parent_ID === id).Topics);
  const nameOf = (id) => (Number(id) < K ? model.getTopic(Number(id)).slice(0, 5).map(([w]) => w).join('_') : tree.find((r) => r.Parent_ID === id).Parent_Name);
  const seen = new Set();
  for (const r of tree) {
    assert.deepEqual(r.Topics, [...topicsOf(r.Child_Left_ID), ...topicsOf(r.Child_Right_ID)].sort((a, b) => a - b));
    assert.equal(r.Child_Left_Name, nameOf(r.Child_Left_ID));
    assert.equal(r.Child_Right_Name, nameOf(r.Child_Right_ID));
    assert.equal(r.Parent_Name.split('_').length, 5);
    for (const child of [r.Child_Left_ID, r.Child_Right_ID]) {
      assert.ok(Number(child) < Number(r.Parent_ID));
      assert.ok(!seen.has(child), `${child} has two parents`);
      seen.add(child);
    }
  }
  assert.deepEqual(tree[0].Topics, Array.from({ length: K }, (_, i) => i), 'the root holds every topic');
  const distances = tree.map((r) => r.Distance).reverse();
  for (let i = 1; i < distances.length; ++i) assert.ok(distances[i] > distances[i - 1], `merge distances ${distances}`);
  assert.ok(distances[0] > 0);
  assert.deepEqual(await model.hierarchicalTopics(docs), tree, 'deterministic');
});

test('visualizeHierarchy: one link per merge, leaves 10 apart with topic labels, custom labels', async () => {
  const hierarchicalTopics = await model.hierarchicalTopics(docs);
  const fig = visualizeHierarchy(model, { hierarchicalTopics });
  const links = fig.data.filter((t) => t.mode === 'lines');
  assert.equal(links.length, K - 1);
  assert.deepEqual(fig.layout.yaxis.tickvals, Array.from({ length: K }, (_, i) => 10 * i + 5));
  assert.equal(new Set(fig.layout.yaxis.ticktext).size, K);
  assert.ok(fig.layout.yaxis.ticktext.every((label) => /^\d+_/.test(label) && label.length <= 30));
  assert.ok(links.every((t) => t.x.length === 4 && t.x.every((v) => v <= 0)), 'root on the left: distances drawn negative');
  const rootX = Math.min(...links.flatMap((t) => t.x));
  assert.ok(Math.abs(rootX + hierarchicalTopics[0].Distance) < 1e-12);
  assert.equal(fig.layout.height, 200 + 15 * K);
  const markers = fig.data.find((t) => t.mode === 'markers');
  assert.equal(markers.hovertext.length, K - 1);

  const labelled = visualizeHierarchy(model, { hierarchicalTopics, orientation: 'bottom', customLabels: { 0: 'Roosevelt' } });
  assert.ok(labelled.layout.xaxis.ticktext.includes('Roosevelt'));
  const unnamed = visualizeHierarchy(model);
  assert.deepEqual(unnamed.data.filter((t) => t.mode === 'lines'), links, 'the same tree without hierarchicalTopics');
  assert.ok(unnamed.data.find((t) => t.mode === 'markers').hovertext.every((h) => h.startsWith('Topics: ')), 'merges unnamed');
  assert.throws(() => visualizeHierarchy(model, { hierarchicalTopics: hierarchicalTopics.slice(1) }), /14 topics|13 merges/);
});

test('hierarchicalTopics needs the training documents and two topics', async () => {
  await assert.rejects(model.hierarchicalTopics(docs.slice(1)), /359 documents, but the model was fitted on 360/);
  const small = new TopicModel();
  await small.fitTransform(['cats purr', 'cats sleep', 'the odd one'], { y: [0, 0, -1] });
  await assert.rejects(small.hierarchicalTopics(['cats purr', 'cats sleep', 'the odd one']), /at least two topics/);
  small.free();
});

// scipy's linkage(y, 'single') on a condensed matrix, written out: merge the closest pair of
// clusters (distance: the closest pair of their topics), smaller id first, count last.
function singleLinkage(condensed, n) {
  const d = (i, j) => (i === j ? 0 : condensed[i < j ? n * i - (i * (i + 1)) / 2 + j - i - 1 : n * j - (j * (j + 1)) / 2 + i - j - 1]);
  const clusters = new Map(Array.from({ length: n }, (_, i) => [i, [i]]));
  const rows = [];
  for (let s = 0; s < n - 1; ++s) {
    let best = null;
    const ids = [...clusters.keys()];
    for (let x = 0; x < ids.length; ++x) {
      for (let y = x + 1; y < ids.length; ++y) {
        let m = Infinity;
        for (const i of clusters.get(ids[x])) for (const j of clusters.get(ids[y])) m = Math.min(m, d(i, j));
        if (!best || m < best[2]) best = [ids[x], ids[y], m];
      }
    }
    const members = [...clusters.get(best[0]), ...clusters.get(best[1])];
    clusters.delete(best[0]);
    clusters.delete(best[1]);
    clusters.set(n + s, members);
    rows.push([Math.min(best[0], best[1]), Math.max(best[0], best[1]), best[2], members.length]);
  }
  return rows;
}

test("hierarchicalTopics with a linkageFunction (BERTopic's linkage_function): its merges, checked", async () => {
  let input;
  const tree = await model.hierarchicalTopics(docs, {
    linkageFunction: (condensed, matrix) => {
      input = { condensed, matrix };
      return singleLinkage(condensed, matrix.n);
    },
  });
  const { condensed, matrix } = input;
  assert.ok(condensed instanceof Float64Array);
  assert.equal(matrix.n, K);
  assert.equal(condensed.length, (K * (K - 1)) / 2);
  assert.ok(condensed.every((v) => v >= 0 && v <= 1 + 1e-12), 'cosine distances of non-negative c-TF-IDF rows');
  assert.equal(matrix.square[2][5], condensed[2 * K - 3 + 5 - 2 - 1]);
  assert.equal(matrix.square[5][2], matrix.square[2][5]);
  const expected = singleLinkage(condensed, K);
  assert.equal(tree.length, K - 1);
  tree.slice().reverse().forEach((r, s) => {
    const [a, b, distance] = expected[s];
    assert.deepEqual([r.Child_Left_ID, r.Child_Right_ID], [String(a), String(b)]);
    assert.ok(Math.abs(r.Distance - distance) < 1e-6, `merge ${s}: ${r.Distance} vs ${distance}`);
  });
  // Single linkage differs from Ward somewhere (Ward's distances also grow faster).
  const ward = await model.hierarchicalTopics(docs);
  assert.notDeepEqual(tree.map((r) => r.Distance), ward.map((r) => r.Distance));
  // A flat Float64Array (4 values per row) is read the same way.
  const flat = await model.hierarchicalTopics(docs, { linkageFunction: (c, { n }) => Float64Array.from(singleLinkage(c, n).flat()) });
  assert.deepEqual(flat, tree);

  const bad = (rows) => model.hierarchicalTopics(docs, { linkageFunction: () => rows });
  await assert.rejects(bad(expected.slice(1)), new RegExp(`K - 1 = ${K - 1} rows for ${K} topics, got ${K - 2}`));
  await assert.rejects(bad([[0, 0, 0.1, 2], ...expected.slice(1)]), /linkageFunction row 0: merges cluster 0 with itself/);
  await assert.rejects(bad([[0, 2 * K, 0.1], ...expected.slice(1)]), new RegExp(`row 0: cluster ${2 * K} does not exist yet`));
  await assert.rejects(bad([[0, 1, 0.1], [0, 2, 0.2], ...expected.slice(2)]), /row 1: cluster 0 was already merged/);
  await assert.rejects(bad([[0, 1, -1], ...expected.slice(1)]), /row 0: the distance must be a finite number >= 0/);
  await assert.rejects(bad([[0, 1, 0.1, 3], ...expected.slice(1)]), /row 0: the count is 3 but the merged cluster has 2 topics/);
  await assert.rejects(bad([[0.5, 1, 0.1], ...expected.slice(1)]), (e) => !(e instanceof TypeError) && /row 0\[0\] must be an integer >= 0/.test(e.message));
  await assert.rejects(bad([['0', 1, 0.1], ...expected.slice(1)]), (e) => e instanceof TypeError && /row 0\[0\] must be a number/.test(e.message));
  await assert.rejects(bad('ward'), TypeError);
  await assert.rejects(model.hierarchicalTopics(docs, { linkageFunction: 'ward' }), (e) => e instanceof TypeError && /linkageFunction must be a function/.test(e.message));
  await assert.rejects(model.hierarchicalTopics(docs, { linkage: () => [] }), /linkage must be one of 'ward', 'single', 'complete', 'average'/);
});
