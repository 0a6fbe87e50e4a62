// BERTopic 0.17.4 tests/test_representation/test_get.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, ctfidfShape, mapperTopics, on, outliers, shared, topicSet } from '../../fixtures.mjs';

shutdownAfterTests();

for (const name of MODELS6) {
  test(`test_get_topic[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const topics = topicSet(model).map((t) => model.getTopic(t));
    const unknownTopic = model.getTopic(500);
    for (const topic of topics) assert.notEqual(topic, false);
    assert.equal(topics.length, model.getTopicInfo().length);
    assert.equal(unknownTopic, false);
  });
}

for (const name of MODELS6) {
  test(`test_get_topics[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const topics = model.getTopics();
    // topic_representations_: each topic's words, which getTopic(t) returns
    const representations = Object.fromEntries(model.getTopicInfo().map((r) => [r.Topic, model.getTopic(r.Topic)]));
    assert.deepEqual(topics, representations);
    assert.equal(Object.keys(topics).length, topicSet(model).length);
  });
}

for (const name of MODELS6) {
  test(`test_get_topic_freq[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    for (const topic of topicSet(model)) assert.equal(typeof model.getTopicFreq(topic), 'number');
    const topicFreq = model.getTopicFreq();
    const uniqueTopics = new Set(model.topics_);
    const topicsInMapper = mapperTopics(model);
    assert.ok(Array.isArray(topicFreq));
    assert.equal(topicFreq.length, uniqueTopics.size);
    assert.equal([...topicsInMapper].filter((t) => !uniqueTopics.has(t)).length, 0);
    assert.equal([...uniqueTopics].filter((t) => !topicsInMapper.has(t)).length, 0);
  });
}

for (const name of ['base', 'custom', 'merged', 'reduced']) {
  test(`test_get_representative_docs[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const allDocs = model.getRepresentativeDocs();
    const uniqueTopics = new Set(model.topics_);
    const topicsInMapper = mapperTopics(model);
    const n = Object.keys(allDocs).length;
    assert.equal(n, Object.keys(model.topicSizes_).length);
    assert.equal(n, topicsInMapper.size);
    assert.equal(n, ctfidfShape(model)[0]);
    assert.equal(n, Object.keys(model.topicLabels_).length);
    assert.ok(Object.values(allDocs).every((docs) => docs.length === 3));
    const topics = Object.keys(allDocs).map(Number);
    assert.equal(topics.filter((t) => !uniqueTopics.has(t)).length, 0);
    assert.equal(topics.filter((t) => !topicsInMapper.has(t)).length, 0);
  });
}

for (const name of MODELS6) {
  test(`test_get_topic_info[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const info = model.getTopicInfo();
    assert.equal(info[0].Topic, outliers(model) ? -1 : 0);
    for (const topic of topicSet(model)) assert.equal(model.getTopicInfo(topic).length, 1);
    assert.equal(model.getTopicInfo(200).length, 0);
  });
}
