// BERTopic 0.17.4 tests/test_variations/test_class.py on topicwasm (fixtures: ../../fixtures.mjs).
// classes: 20 Newsgroups' target names there, the Brown genres here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS5, classes, documents, on, shared, sorted } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS5) {
  test(`test_class[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const global = await model.topicsPerClass(documents, classes, { globalTuning: true });
    const local = await model.topicsPerClass(documents, classes, { globalTuning: false });
    const sum = (rows) => rows.reduce((s, r) => s + r.Frequency, 0);
    assert.equal(sum(global), documents.length);
    assert.equal(sum(local), documents.length);
    assert.deepEqual(sorted(new Set(global.map((r) => r.Topic))), sorted(new Set(model.topics_)));
    assert.deepEqual(sorted(new Set(local.map((r) => r.Topic))), sorted(new Set(model.topics_)));
    assert.equal(new Set(global.map((r) => r.Class)).size, new Set(classes).size);
    assert.equal(new Set(local.map((r) => r.Class)).size, new Set(classes).size);
  });
}
