// BERTopic 0.17.4 tests/test_vectorizers/test_online_cv.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineCountVectorizer } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS5, documents, on, take } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS5) {
  test(`test_online_cv[${name}_topic_model]`, on(name), async () => {
    const model = await take(name);
    const vectorizerModel = new OnlineCountVectorizer({ stopWords: 'english', ngramRange: [2, 2] });
    const topicIds = [...new Set(model.topics_)];
    const topics = topicIds.map((t) => model.getTopic(t));
    await model.updateTopics(documents, { vectorizerModel });
    const newTopics = topicIds.map((t) => model.getTopic(t));
    topics.forEach((oldTopic, i) => {
      if (oldTopic[0][0] !== '') assert.notDeepEqual(oldTopic, newTopics[i]);
    });
  });
}

// vectorizerModel_.X_ and cleanBow() read and prune the engine's online vectorizer.
test('test_clean_bow[online_topic_model]', async () => {
  const model = await take('online');
  // topic_model.vectorizer_model: the OnlineCountVectorizer the model fitted, its bag of words X_
  const vectorizer = model.vectorizerModel_;
  const originalShape = vectorizer.X_.shape;
  vectorizer.deleteMinDf = 2;
  await vectorizer.cleanBow();
  assert.equal(originalShape[0], vectorizer.X_.shape[0]);
  assert.ok(originalShape[1] > vectorizer.X_.shape[1]);
});
