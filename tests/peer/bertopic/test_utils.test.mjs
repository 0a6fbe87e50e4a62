// BERTopic 0.17.4 tests/test_utils.py on topicwasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../../../web/node.js';
import { toMatrix } from '../../../web/engine/embeddings.js';
import { shutdownAfterTests } from '../../helpers.mjs';

shutdownAfterTests();

test('test_logger', { skip: "Python's logging module (MyLogger, logging.Logger levels): topicwasm reports progress and warnings through onProgress / console.warn" }, () => {});

for (const [i, docs] of ['A document not in an iterable', [null], 5].entries()) {
  // check_documents_type is the documents check every fit runs: here fit's.
  test(`test_check_documents_type[docs${i}]`, async () => {
    await assert.rejects(new TopicModel().fit(docs), TypeError);
  });
}

test('test_check_embeddings_shape', () => {
  // check_embeddings_shape: the embeddings check fit / transform run (web/engine/embeddings.js).
  const docs = ['doc_one', 'doc_two'];
  const embeddings = [[1, 2, 3], [2, 3, 4]];
  assert.doesNotThrow(() => toMatrix(embeddings, docs.length));
});

test('test_make_unique_distances', { skip: "get_unique_distances jitters equal distances so that scipy's linkage gives one order: topicwasm's own linkage (src/cluster) breaks ties deterministically and has no such helper" }, () => {});

test('test_select_topic_representation', { skip: 'select_topic_representation picks between numpy / scipy.sparse matrices (csr_matrix); topicwasm keeps both in the engine and chooses with reduceTopics({useCtfidf}): no counterpart of the helper' }, () => {});
