// BERTopic 0.17.4 tests/test_representation/test_representations.py on topicwasm (fixtures:
// ../../fixtures.mjs). To stay within CI's time, each fixture is fitted three times in this file,
// not once per test (copy.deepcopy): copy A serves test_find_topics (read only), then
// test_topic_reduction for 10, 4 and 2 topics in turn (each asserts against the model before its
// reduction); test_update_topics has its own copy (it empties topics 1 and 2); copy B serves the
// three tests that replace every document's topic with a random one of -1..3 (test_extract_topics,
// ..._custom_cv, test_topic_reduction_edge_cases), whose assertions do not depend on the model's
// earlier topics (updateTopics takes -1 and the model's topic ids, which 0..3 stay).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, ctfidfShape, documents, fresh, on, shared, take } from '../../fixtures.mjs';

shutdownAfterTests();

// np.random.randint(-1, nr_topics - 1, len(documents)) from a seeded generator (mulberry32).
function randomTopics(nrTopics, n, seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Int32Array.from({ length: n }, () => -1 + Math.floor(next() * nrTopics));
}
// Assertions tuned on 20 Newsgroups that Brown's fixtures do not meet (not topicwasm features):
// none at 500 paragraphs (at 1,000, nr_topics='auto' left 9 topics, so reducing to 10 changed
// nothing and 'car' was below the 0.1 mean similarity).
const DATA_TODO = { reduceTo10: {}, findTopics: {} };
const unique = (values) => new Set(values).size;
const countSum = (freq) => freq.reduce((s, r) => s + r.Count, 0);

// Copy B of each fixture (copy A is the file's shared instance).
const copies = new Map();
const copyB = (name) => {
  if (!copies.has(name)) copies.set(name, fresh(name));
  return copies.get(name);
};

for (const name of MODELS6) {
  test(`test_find_topics[${name}_topic_model]`, on(name, DATA_TODO.findTopics[name]), async () => {
    const model = await shared(name);
    const { topics: similarTopics, similarities } = await model.findTopics('car');
    assert.ok(similarities.reduce((s, x) => s + x, 0) / similarities.length > 0.1);
    assert.ok(similarTopics.length > 0);
  });
}

for (const name of ['kmeans_pca', 'base', 'custom', 'merged', 'reduced']) {
  test(`test_update_topics[${name}_topic_model]`, on(name), async () => {
    const model = await fresh(name);
    const oldCtfidf = ctfidfShape(model);
    let oldTopics = Array.from(model.topics_);
    // n_gram_range=(1, 3): BERTopic builds CountVectorizer(ngram_range=(1, 3)), vectorizerModel here
    await model.updateTopics(documents, { vectorizerModel: { ngramRange: [1, 3] } });
    assert.ok(oldCtfidf[1] < ctfidfShape(model)[1]);
    assert.deepEqual(oldTopics, Array.from(model.topics_));

    let updatedTopics = oldTopics.map((topic) => (topic !== 1 ? topic : 0));
    await model.updateTopics(documents, { topics: updatedTopics, vectorizerModel: { ngramRange: [1, 3] } });
    assert.equal(unique(oldTopics) - 1, unique(model.topics_));

    oldTopics = Array.from(model.topics_);
    updatedTopics = oldTopics.map((topic) => (topic !== 2 ? topic : 0));
    await model.updateTopics(documents, { topics: updatedTopics, vectorizerModel: { ngramRange: [1, 3] } });
    assert.equal(unique(oldTopics) - 1, unique(model.topics_));
  });
}

// _update_topic_size + _extract_topics on a DataFrame of random topics (private in BERTopic) are
// what updateTopics(documents, {topics}) does.

function checkExtracted(model, nrTopics) {
  const freq = model.getTopicFreq();
  assert.equal(ctfidfShape(model)[0], 5);
  assert.ok(ctfidfShape(model)[1] > 100);
  assert.ok(Array.isArray(freq));
  assert.equal(nrTopics, unique(freq.map((r) => r.Topic)));
  assert.equal(countSum(freq), documents.length);
  assert.equal(unique(freq.map((r) => r.Topic)), freq.length);
}

for (const name of MODELS6) {
  test(`test_extract_topics[${name}_topic_model]`, on(name), async () => {
    const model = await copyB(name);
    const nrTopics = 5;
    await model.updateTopics(documents, { topics: randomTopics(nrTopics, documents.length, 1) });
    checkExtracted(model, nrTopics);
  });
}

for (const name of MODELS6) {
  test(`test_extract_topics_custom_cv[${name}_topic_model]`, on(name), async () => {
    const model = await copyB(name);
    const nrTopics = 5;
    // topic_model.vectorizer_model = CountVectorizer(ngram_range=(1, 2))
    await model.updateTopics(documents, { topics: randomTopics(nrTopics, documents.length, 2), vectorizerModel: { ngramRange: [1, 2] } });
    checkExtracted(model, nrTopics);
  });
}

for (const name of MODELS6) {
  test(`test_topic_reduction_edge_cases[${name}_topic_model]`, on(name), async () => {
    const model = await copyB(name);
    const nrTopics = 5;
    await model.updateTopics(documents, { topics: randomTopics(nrTopics, documents.length, 3) });
    const oldTopics = Array.from(model.topics_);
    const oldFreq = model.getTopicFreq();
    // topic_model.nr_topics = 100; _reduce_topics: more topics asked for than there are: no change
    await model.reduceTopics(documents, { nrTopics: 100 });
    const newTopics = Array.from(model.topics_);
    assert.equal([...new Set(oldTopics)].filter((t) => !new Set(newTopics).has(t)).length, 0);
    assert.deepEqual(newTopics, oldTopics);
    assert.deepEqual(model.getTopicFreq(), oldFreq);
  });
}

// reduce_topics to 10, then 4, then 2 topics on copy A.
for (const name of MODELS6) {
  for (const reducedTopics of [10, 4, 2]) {
    test(`test_topic_reduction[${name}_topic_model-${reducedTopics}]`, on(name, reducedTopics === 10 && DATA_TODO.reduceTo10[name]), async () => {
      const model = await take(name);
      const oldTopics = Array.from(model.topics_);
      const oldFreq = model.getTopicFreq();
      await model.reduceTopics(documents, { nrTopics: reducedTopics });
      const newFreq = model.getTopicFreq();
      if (name !== 'online') assert.equal(countSum(oldFreq), countSum(newFreq));
      assert.equal(unique(oldFreq.map((r) => r.Topic)), oldFreq.length);
      assert.equal(unique(newFreq.map((r) => r.Topic)), newFreq.length);
      assert.equal(model.topics_.length, oldTopics.length);
      assert.notDeepEqual(Array.from(model.topics_), oldTopics);
    });
  }
}
