// BERTopic 0.17.4 tests/test_vectorizers/test_online_cv.py on topicwasm (fixtures: ../../fixtures.mjs).
// The classes are looked up at run time (a missing named export would fail the whole file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as topicwasm from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS5, TODO, documents, on, take } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS5) {
  test(`test_online_cv[${name}_topic_model]`, on(name), async () => {
    const model = await take(name);
    const vectorizerModel = new topicwasm.OnlineCountVectorizer({ stopWords: 'english', ngramRange: [2, 2] });
    const topicIds = [...new Set(model.topics_)];
    const topics = topicIds.map((t) => model.getTopic(t));
    await model.updateTopics(documents, { vectorizerModel });
    const newTopics = topicIds.map((t) => model.getTopic(t));
    topics.forEach((oldTopic, i) => {
      if (oldTopic[0][0] !== '') assert.notDeepEqual(oldTopic, newTopics[i]);
    });
  });
}

test('test_clean_bow[online_topic_model]', on('online', TODO.vectorizerClasses), async () => {
  assert.equal(typeof topicwasm.OnlineCountVectorizer, 'function', 'OnlineCountVectorizer is not exported');
  const model = await take('online');
  // topic_model.vectorizer_model: the OnlineCountVectorizer the model fitted, its bag of words X_
  const vectorizer = model.vectorizerModel_;
  const originalShape = vectorizer.X_.shape;
  vectorizer.deleteMinDf = 2;
  await vectorizer.cleanBow();
  assert.equal(originalShape[0], vectorizer.X_.shape[0]);
  assert.ok(originalShape[1] > vectorizer.X_.shape[1]);
});
