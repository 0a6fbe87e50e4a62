// Bad input gets a clear JavaScript Error naming the problem, and a fitted model stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const docs = [
  'the stock market fell sharply today',
  'investors sold shares as the market dropped',
  'the team won the football match',
  'a late goal decided the football game',
  'stocks and bonds rallied on the market',
  'the coach praised the football players',
];
const y = [0, 0, 1, 1, 0, 1];

async function fitted() {
  const model = new TopicModel();
  await model.fit(docs, { y });
  return model;
}

function snapshot(model) {
  return JSON.stringify({ info: model.getTopicInfo(), topics: [...model.topics_] });
}

test('unknown option names throw, naming the option', () => {
  assert.throws(() => new TopicModel({ topNWord: 5 }), /unknown TopicModel option "topNWord"/);
  assert.throws(() => new TopicModel({ vectorizerModel: { stop_words: 'english' } }), /unknown vectorizerModel option "stop_words"/);
  assert.throws(() => new TopicModel({ ctfidfModel: { bm25: true } }), /unknown ctfidfModel option "bm25"/);
});

test('bad option values throw', () => {
  assert.throws(() => new TopicModel({ topNWords: 0 }), /topNWords must be an integer between 1 and 100/);
  assert.throws(() => new TopicModel({ vectorizerModel: { minDf: 5, maxDf: 3 } }), /minDf \(5\) must not exceed maxDf \(3\)/);
  assert.throws(() => new TopicModel({ vectorizerModel: { minDf: 0.6, maxDf: 0.5 } }), /minDf \(0.6\) must not exceed maxDf/);
  assert.throws(() => new TopicModel({ vectorizerModel: { ngramRange: [2, 1] } }), /ngramRange/);
  assert.throws(() => new TopicModel({ vectorizerModel: { stopWords: 'french' } }), /stopWords/);
  assert.throws(() => new TopicModel({ ctfidfModel: { bm25Weighting: 'yes' } }), /bm25Weighting must be true or false/);
});

test('minDf above maxDf in documents (count vs fraction) is caught at fit by the engine', async () => {
  const model = await fitted();
  const before = snapshot(model);
  const strict = new TopicModel({ vectorizerModel: { minDf: 3, maxDf: 0.2 } });
  // 2 classes: maxDf 0.2 -> 0.4 documents < minDf 3
  await assert.rejects(strict.fit(docs, { y }), /maxDf corresponds to fewer documents than minDf/);
  assert.equal(snapshot(model), before);
});

test('bad documents and labels throw clear errors and leave a fitted model unchanged', async () => {
  const model = await fitted();
  const before = snapshot(model);
  await assert.rejects(model.fit([], { y: [] }), /empty corpus/);
  await assert.rejects(model.fit(['ok', 42], { y: [0, 1] }), /documents\[1\] is not a string \(got number\)/);
  await assert.rejects(model.fit('just one string', { y: [0] }), /documents must be an array of strings/);
  await assert.rejects(model.fit(docs, { y: [0, 1] }), /y has 2 labels but there are 6 documents/);
  await assert.rejects(model.fit(docs, { y: [0, 0, 1, 1, 0, 'x'] }), /y\[5\] must be an integer >= -1/);
  await assert.rejects(model.fit(docs, { y: [0, 0, 1, 1, 0, -2] }), /y\[5\] must be an integer >= -1/);
  // Without y or embeddings the documents are embedded; 6 documents are too few for UMAP.
  await assert.rejects(model.fit(docs), /UMAP needs more documents than nNeighbors \(15\), got 6/);
  await assert.rejects(model.fit(docs, { y, onProgress: 5 }), /onProgress must be a function/);
  // Only stop words: the engine's vectorizer finds no vocabulary.
  const stopOnly = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  await assert.rejects(stopOnly.fit(['the and of', 'a an the'], { y: [0, 1] }), /empty vocabulary/);
  const fixed = new TopicModel({ vectorizerModel: { vocabulary: ['market', 'market'] } });
  await assert.rejects(fixed.fit(docs, { y }), /vocabulary contains the term "market" twice/);
  assert.equal(snapshot(model), before);
});

test('engine errors during a refit leave the previous fit in place', async () => {
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  await model.fit(docs, { y });
  const before = snapshot(model);
  await assert.rejects(model.fit(['the of and', 'to be or'], { y: [0, 1] }), /empty vocabulary/);
  assert.equal(snapshot(model), before);
});

test('queries before fitting and of unknown topics', async () => {
  const model = new TopicModel();
  assert.throws(() => model.getTopicInfo(), /not fitted yet/);
  assert.throws(() => model.topics_, /not fitted yet/);
  await model.fit(docs, { y });
  assert.equal(model.getTopic(99), false); // BERTopic returns False for an unknown topic
  assert.throws(() => model.getTopic('0'), /topic must be an integer id/);
  // get_topic_freq(topic): the count (three documents each), a KeyError for an unknown topic.
  assert.equal(model.getTopicFreq(0), y.filter((t) => t === 0).length);
  assert.equal(model.getTopicFreq(1), y.filter((t) => t === 1).length);
  assert.throws(() => model.getTopicFreq(99), /getTopicFreq: there is no topic 99/);
  assert.throws(() => model.getTopicFreq(0.5), TypeError);
  assert.throws(() => model.getTopicFreq('0'), TypeError);
  assert.deepEqual(model.getTopicFreq(null), model.getTopicFreq());
});
