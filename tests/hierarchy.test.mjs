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
  assert.throws(() => visualizeHierarchy(model), /pass hierarchicalTopics/);
  assert.throws(() => visualizeHierarchy(model, { hierarchicalTopics: hierarchicalTopics.slice(1) }), /14 topics|13 merges/);
});

test('hierarchicalTopics needs the training documents and two topics', async () => {
  await assert.rejects(model.hierarchicalTopics(docs.slice(1)), /359 documents, but the model was fitted on 360/);
  const small = new TopicModel();
  await small.fitTransform(['cats purr', 'cats sleep', 'the odd one'], { y: [0, 0, -1] });
  await assert.rejects(small.hierarchicalTopics(['cats purr', 'cats sleep', 'the odd one']), /at least two topics/);
  small.free();
});
