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
  // Without y or embeddings the documents are embedded; UMAP would shrink nNeighbors to 5 (as
  // umap-learn), but 6 documents are fewer than HDBSCAN's minTopicSize (10).
  await assert.rejects(model.fit(docs), /HDBSCAN needs at least minTopicSize \(10\) documents, got 6/);
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

// JavaScript's convention for what Python raises as TypeError (BERTopic's check_documents_type):
// the wrong kind of argument is a TypeError; the right kind with a bad value stays an Error.
const typeCases = [
  ['options not an object', () => new TopicModel('english'), /TopicModel must be an object, got string/],
  ['topNWords a string', () => new TopicModel({ topNWords: '10' }), /topNWords must be an integer/],
  ['minTopicSize 2.5', () => new TopicModel({ minTopicSize: 2.5 }), /minTopicSize must be an integer/],
  ['calculateProbabilities 1', () => new TopicModel({ calculateProbabilities: 1 }), /calculateProbabilities must be true or false/],
  ['language a number', () => new TopicModel({ language: 5 }), /language must be a string/],
  ['umapModel a string', () => new TopicModel({ umapModel: 'fast' }), /umapModel must be an object/],
  ['metric a number', () => new TopicModel({ umapModel: { metric: 5 } }), /umapModel.metric must be one of/],
  ['stopWords a number', () => new TopicModel({ vectorizerModel: { stopWords: 5 } }), /stopWords must be an array of strings/],
  ['ngramRange a string', () => new TopicModel({ vectorizerModel: { ngramRange: '1,2' } }), /ngramRange must be \[min, max\]/],
  ['minDf a string', () => new TopicModel({ vectorizerModel: { minDf: '2' } }), /minDf must be a non-negative number/],
  ['nrTopics 2.5', () => new TopicModel({ nrTopics: 2.5 }), /nrTopics must be null, an integer >= 2 or 'auto'/],
  ['seedTopicList a string', () => new TopicModel({ seedTopicList: 'words' }), /seedTopicList must be a non-empty array/],
  ['embeddingModel a number', () => new TopicModel({ embeddingModel: 5 }), /embeddingModel must be 'fp32'/],
  ['documents a string', (m) => m.fit('just one string', { y: [0] }), /documents must be an array of strings, got string/],
  ['a document a number', (m) => m.fit(['ok', 42], { y: [0, 1] }), /documents\[1\] is not a string \(got number\)/],
  ['fit options an array', (m) => m.fit(docs, [y]), /fitTransform must be an object, got an array/],
  ['y a string', (m) => m.fit(docs, { y: 'labels' }), /y must be an array \(or Int32Array\) of integer topic labels/],
  ['a label a string', (m) => m.fit(docs, { y: [0, 0, 1, 1, 0, 'x'] }), /y\[5\] must be an integer >= -1/],
  ['embeddings a string', (m) => m.fit(docs, { embeddings: 'vectors' }), /embeddings must be a Float32Array .* got the string "vectors"/],
  ['embeddings.data a plain array', (m) => m.fit(docs, { embeddings: { data: [1, 2], rows: 6, cols: 1 } }), /embeddings.data must be a Float32Array or Float64Array/],
  ['embeddings.rows 1.5', (m) => m.fit(docs, { embeddings: { data: new Float32Array(6), rows: 1.5, cols: 1 } }), /embeddings.rows and embeddings.cols must be positive integers/],
  ['an embedding row a string', (m) => m.fit(docs, { embeddings: docs.map(() => 'row') }), /embeddings\[0\] must be a non-empty array of numbers/],
  ['an embedding value a string', (m) => m.fit(docs, { embeddings: docs.map(() => [1, '2']) }), /embeddings\[0\]\[1\] is the string "2", not a number/],
  ['onProgress a number', (m) => m.fit(docs, { y, onProgress: 5 }), /onProgress must be a function/],
  ['getTopic of a string', (m) => m.getTopic('0'), /topic must be an integer id/],
  ['getTopicFreq of 0.5', (m) => m.getTopicFreq(0.5), /topic must be an integer id/],
  ['saveCtfidf a string', (m) => m.save({ saveCtfidf: 'yes' }), /saveCtfidf must be true or false/],
  ['topicsToMerge a string', (m) => m.mergeTopics(docs, '0,1'), /topicsToMerge must be a non-empty list/],
  ['updateTopics topics a string', (m) => m.updateTopics(docs, { topics: '000111' }), /topics must be an array \(or Int32Array\) of topic ids/],
  ['timestamps a number', (m) => m.topicsOverTime(docs, 2024), /timestamps must be an array/],
  ['setTopicLabels of a number', (m) => m.setTopicLabels(5), /labels must be an array \(one per topic\) or an object/],
  ['mergeModels of a model', (m) => TopicModel.mergeModels(m), /models must be a non-empty array of fitted TopicModels/],
  ['mergeModels of a plain object', () => TopicModel.mergeModels([{}]), /models\[0\] is not a TopicModel/],
];
// The same checks given a value of the right type: an Error, not a TypeError.
const valueCases = [
  ['topNWords 0', () => new TopicModel({ topNWords: 0 }), /topNWords must be an integer between 1 and 100/],
  ['metric manhattan', () => new TopicModel({ umapModel: { metric: 'manhattan' } }), /umapModel.metric must be one of/],
  ['stopWords french', () => new TopicModel({ vectorizerModel: { stopWords: 'french' } }), /stopWords must be null, 'english' or an array of strings, got "french"/],
  ['ngramRange [2, 1]', () => new TopicModel({ vectorizerModel: { ngramRange: [2, 1] } }), /ngramRange must be \[min, max\]/],
  ['nrTopics 1', () => new TopicModel({ nrTopics: 1 }), /nrTopics must be null, an integer >= 2 or 'auto'/],
  ['seedTopicList empty', () => new TopicModel({ seedTopicList: [] }), /seedTopicList must be a non-empty array/],
  ['embeddingModel unknown', () => new TopicModel({ embeddingModel: 'bert' }), /embeddingModel must be 'fp32'/],
  ['empty corpus', (m) => m.fit([], { y: [] }), /empty corpus/],
  ['y of the wrong length', (m) => m.fit(docs, { y: [0, 1] }), /y has 2 labels but there are 6 documents/],
  ['a label -2', (m) => m.fit(docs, { y: [0, 0, 1, 1, 0, -2] }), /y\[5\] must be an integer >= -1/],
  ['embeddings of the wrong length', (m) => m.fit(docs, { embeddings: new Float32Array(7) }), /embeddings has 7 values for 6 rows/],
  ['embeddings.rows 0', (m) => m.fit(docs, { embeddings: { data: new Float32Array(6), rows: 0, cols: 1 } }), /embeddings.rows and embeddings.cols must be positive integers/],
  ['an empty embedding row', (m) => m.fit(docs, { embeddings: docs.map(() => []) }), /embeddings\[0\] must be a non-empty array of numbers/],
  ['a NaN embedding', (m) => m.fit(docs, { embeddings: docs.map(() => [1, NaN]) }), /embeddings\[0\]\[1\] is NaN/],
  ['getTopicFreq of an unknown topic', (m) => m.getTopicFreq(99), /there is no topic 99/],
  ['topicsToMerge empty', (m) => m.mergeTopics(docs, []), /topicsToMerge must be a non-empty list/],
  ['mergeModels of none', () => TopicModel.mergeModels([]), /models must be a non-empty array of fitted TopicModels/],
];

test('wrong argument types throw TypeError, bad values of the right type throw Error; the model stays as it was', async () => {
  const model = await fitted();
  const before = snapshot(model);
  const thrown = async (call) => {
    try {
      await call(model);
    } catch (e) {
      return e;
    }
    return null;
  };
  for (const [what, call, message] of typeCases) {
    const e = await thrown(call);
    assert.ok(e instanceof TypeError, `${what}: expected a TypeError, got ${e?.constructor.name}: ${e?.message}`);
    assert.match(e.message, message, what);
  }
  for (const [what, call, message] of valueCases) {
    const e = await thrown(call);
    assert.ok(e instanceof Error && !(e instanceof TypeError), `${what}: expected an Error that is no TypeError, got ${e?.constructor.name}: ${e?.message}`);
    assert.match(e.message, message, what);
  }
  assert.equal(snapshot(model), before);
});
