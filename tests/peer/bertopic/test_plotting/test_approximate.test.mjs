// BERTopic 0.17.4 tests/test_plotting/test_approximate.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualizeDistribution } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { documents, on, outliers, shared } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of ['kmeans_pca', 'base', 'custom', 'merged', 'reduced']) {
  for (const padding of [true, false]) {
    for (const batchSize of [50, null]) {
      test(`test_approximate_distribution[${name}_topic_model-${padding}-${batchSize}]`, on(name), async () => {
        const model = await shared(name);
        const k = Object.keys(model.topicLabels_).length - outliers(model);
        // Calculate only on a document-level based on tokensets
        let { topicDistributions } = await model.approximateDistribution(documents, { padding, batchSize });
        assert.ok(topicDistributions.every((row) => row.length === k));
        // Use the distribution visualization
        for (let i = 0; i < 3; ++i) visualizeDistribution(topicDistributions[i], { model });
        // Calculate distribution on a token-level
        const first100 = documents.slice(0, 100);
        const result = await model.approximateDistribution(first100, { calculateTokens: true });
        topicDistributions = result.topicDistributions;
        assert.ok(topicDistributions.every((row) => row.length === k));
        assert.equal(result.topicTokenDistributions.length, first100.length);
        for (const tokenDistr of result.topicTokenDistributions) {
          assert.ok(tokenDistr.distributions.every((row) => row.length === k));
        }
      });
    }
  }
}
