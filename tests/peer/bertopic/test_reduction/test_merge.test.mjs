// BERTopic 0.17.4 tests/test_reduction/test_merge.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, N, TODO, documents, mappedClusterLabels, on, take } from '../../fixtures.mjs';

shutdownAfterTests();

const countSum = (model) => model.getTopicInfo().reduce((s, r) => s + r.Count, 0);
// The online model's cluster step only saw the last batch of 50 (BERTopic: topics_[950:] of 1,000).
const currentTopics = (model, name) => Array.from(name === 'online' ? model.topics_.slice(N - 50) : model.topics_);

for (const name of MODELS6) {
  test(`test_merge[${name}_topic_model]`, on(name, TODO.topicMapper), async () => {
    const model = await take(name);
    const nrTopics = new Set(model.topics_).size;

    await model.mergeTopics(documents, [1, 2]);
    let mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + 1);
    assert.equal(countSum(model), documents.length);
    assert.deepEqual(mappedLabels, currentTopics(model, name));

    await model.mergeTopics(documents, [1, 2]);
    mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + 2);
    assert.equal(countSum(model), documents.length);
    assert.deepEqual(mappedLabels, currentTopics(model, name));
  });
}
