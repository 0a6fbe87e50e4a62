// BERTopic 0.17.4 tests/test_reduction/test_merge.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, documents, mappedClusterLabels, on, take } from '../../fixtures.mjs';

shutdownAfterTests();

const countSum = (model) => model.getTopicInfo().reduce((s, r) => s + r.Count, 0);
// BERTopic compares the online model's mapped labels with topics_[950:] (of 1,000): its
// MiniBatchKMeans' labels_ are the last batch's. topicwasm's clusterLabels_ cover every batch, as
// its topics_ do, so every model compares all of them.
const currentTopics = (model) => Array.from(model.topics_);

for (const name of MODELS6) {
  test(`test_merge[${name}_topic_model]`, on(name), async () => {
    const model = await take(name);
    const nrTopics = new Set(model.topics_).size;

    await model.mergeTopics(documents, [1, 2]);
    let mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + 1);
    assert.equal(countSum(model), documents.length);
    assert.deepEqual(mappedLabels, currentTopics(model));

    await model.mergeTopics(documents, [1, 2]);
    mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + 2);
    assert.equal(countSum(model), documents.length);
    assert.deepEqual(mappedLabels, currentTopics(model));
  });
}
