// BERTopic 0.17.4 tests/test_variations/test_dynamic.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS5, documents, on, shared, sorted } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS5) {
  test(`test_dynamic[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const timestamps = documents.map((_, i) => i % 10);
    const topicsOverTime = await model.topicsOverTime(documents, timestamps);
    assert.equal(topicsOverTime.reduce((s, r) => s + r.Frequency, 0), documents.length);
    assert.deepEqual(sorted(new Set(topicsOverTime.map((r) => r.Topic))), sorted(new Set(model.topics_)));
    assert.equal(new Set(topicsOverTime.map((r) => r.Timestamp)).size, new Set(timestamps).size);
  });
}
