// BERTopic 0.17.4 tests/test_plotting/test_term_rank.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import { visualizeTermRank } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { on, shared } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of ['kmeans_pca', 'base', 'custom']) {
  test(`test_term_rank[${name}_topic_model]`, on(name), async () => {
    visualizeTermRank(await shared(name));
  });
}
