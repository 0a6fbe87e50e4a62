// BERTopic 0.17.4 tests/test_variations/test_hierarchy.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS5, documents, on, shared, sorted } from '../../fixtures.mjs';

shutdownAfterTests();

const mergedTopics = (hierarchicalTopics) => sorted(new Set(hierarchicalTopics.flatMap((r) => r.Topics)));
const nonOutlierTopics = (model) => sorted(new Set(model.topics_)).filter((t) => t !== -1);

/**
 * scipy.cluster.hierarchy.linkage(X, "single", optimal_ordering=True) on a condensed distance
 * matrix X of n points: rows [a, b, distance, size] (new clusters numbered n, n + 1, ...).
 * optimal_ordering only reorders leaves for display; the merges are single linkage's.
 */
function singleLinkage(condensed) {
  const n = Math.round((1 + Math.sqrt(1 + 8 * condensed.length)) / 2);
  const at = (i, j) => (i < j ? condensed[n * i - (i * (i + 1)) / 2 + (j - i - 1)] : condensed[n * j - (j * (j + 1)) / 2 + (i - j - 1)]);
  const clusters = Array.from({ length: n }, (_, i) => ({ id: i, members: [i] }));
  const rows = [];
  while (clusters.length > 1) {
    let best = [0, 1, Infinity];
    for (let a = 0; a < clusters.length; ++a) {
      for (let b = a + 1; b < clusters.length; ++b) {
        let d = Infinity;
        for (const i of clusters[a].members) for (const j of clusters[b].members) d = Math.min(d, at(i, j));
        if (d < best[2]) best = [a, b, d];
      }
    }
    const [a, b, d] = best;
    const merged = { id: n + rows.length, members: [...clusters[a].members, ...clusters[b].members] };
    rows.push([Math.min(clusters[a].id, clusters[b].id), Math.max(clusters[a].id, clusters[b].id), d, merged.members.length]);
    clusters.splice(b, 1);
    clusters.splice(a, 1, merged);
  }
  return rows;
}

for (const name of MODELS5) {
  test(`test_hierarchy[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const hierarchicalTopics = await model.hierarchicalTopics(documents);
    assert.ok(hierarchicalTopics.length > 0);
    assert.deepEqual(mergedTopics(hierarchicalTopics), nonOutlierTopics(model));
  });
}

for (const testName of ['test_linkage', 'test_tree']) {
  for (const name of MODELS5) {
    test(`${testName}[${name}_topic_model]`, on(name), async () => {
      const model = await shared(name);
      let calls = 0;
      const linkageFunction = (x) => (++calls, singleLinkage(x));
      const hierarchicalTopics = await model.hierarchicalTopics(documents, { linkageFunction });
      // Added check: the linkage function is used (an ignored option would pass the rest).
      assert.ok(calls > 0, 'linkageFunction was not called');
      const tree = model.getTopicTree(hierarchicalTopics);
      assert.ok(hierarchicalTopics.length > 0);
      assert.ok(tree.length > 50);
      assert.ok(tree.split('\n').length <= 2 * new Set(model.topics_).size);
      assert.deepEqual(mergedTopics(hierarchicalTopics), nonOutlierTopics(model));
    });
  }
}
