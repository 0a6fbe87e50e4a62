// BERTopic 0.17.4 tests/test_plotting/test_heatmap.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualizeHeatmap } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { on, shared, sorted } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of ['kmeans_pca', 'base', 'custom', 'merged', 'reduced']) {
  test(`test_heatmap[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const topics = new Set(model.topics_);
    topics.delete(-1);
    const fig = visualizeHeatmap(model);
    const figTopics = fig.data[0].x.map((topic) => Number.parseInt(topic.split('_')[0], 10));
    assert.deepEqual(sorted(new Set(figTopics)), sorted(topics));
  });
}
