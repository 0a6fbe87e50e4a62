// BERTopic 0.17.4 tests/test_plotting/test_dynamic.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualizeTopicsOverTime } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, documents, on, outliers, shared } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS6) {
  test(`test_dynamic[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const timestamps = documents.map((_, i) => i % 10);
    const topicsOverTime = await model.topicsOverTime(documents, timestamps);
    const fig = visualizeTopicsOverTime(model, topicsOverTime);
    assert.equal(fig.data.length, new Set(model.topics_).size - outliers(model));
  });
}
