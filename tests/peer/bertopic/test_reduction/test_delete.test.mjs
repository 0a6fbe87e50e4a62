// BERTopic 0.17.4 tests/test_reduction/test_delete.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, mappedClusterLabels, on, take } from '../../fixtures.mjs';

shutdownAfterTests();

const countSum = (model) => model.getTopicInfo().reduce((s, r) => s + r.Count, 0);
// BERTopic compares the online model's mapped labels with topics_[950:] (of 1,000): its
// MiniBatchKMeans' labels_ are the last batch's. topicwasm's clusterLabels_ cover every batch, as
// its topics_ do, so every model compares all of them.
const currentTopics = (model) => Array.from(model.topics_);

for (const name of MODELS6) {
  test(`test_delete[${name}_topic_model]`, on(name), async () => {
    const model = await take(name);
    const nrTopics = new Set(model.topics_).size;
    const lengthDocuments = model.topics_.length;
    // Without outliers (k-means, online) a deleted topic's documents become a new outlier topic -1.
    const noOutliers = name === 'online' || name === 'kmeans_pca';

    // First deletion
    await model.deleteTopics([1, 2]);
    let mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + (noOutliers ? 1 : 2));
    assert.equal(countSum(model), lengthDocuments);
    assert.deepEqual(mappedLabels, currentTopics(model));

    // Find two existing topics for second deletion
    const remaining = [...new Set(model.topics_)].sort((a, b) => a - b).filter((t) => t !== -1);
    await model.deleteTopics(remaining.slice(0, 2));
    mappedLabels = mappedClusterLabels(model);
    assert.equal(nrTopics, new Set(model.topics_).size + (noOutliers ? 3 : 4));
    assert.equal(countSum(model), lengthDocuments);
    assert.deepEqual(mappedLabels, currentTopics(model));
  });
}
