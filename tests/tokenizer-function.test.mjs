// vectorizerModel.tokenizer (scikit-learn's tokenizer=): a JavaScript function in place of the
// (?u)\b\w\w+\b token pattern, e.g. a word segmenter for Chinese or Japanese (BERTopic issues
// #1157, #1821). The engine calls it on the calling thread only; its errors become Errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, CountVectorizer, analyze } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 1000;
const texts = brownDocs().slice(0, N).map((r) => r.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
const options = { vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 } };
// The default pattern written as a tokenizer: on ASCII text (\w = [A-Za-z0-9_]) it must change nothing.
const patternTokenizer = (text) => text.match(/[A-Za-z0-9_]{2,}/g) ?? [];
let calls = 0;
let reference, viaTokenizer;

before(async () => {
  reference = new TopicModel(options);
  await reference.fitTransform(texts, { embeddings });
  viaTokenizer = new TopicModel({ ...options, vectorizerModel: { stopWords: 'english', tokenizer: (t) => { ++calls; return patternTokenizer(t); } } });
  await viaTokenizer.fitTransform(texts, { embeddings });
});

test('a tokenizer that reproduces the token pattern gives the same topics, words and representative documents', () => {
  assert.ok(texts.every((t) => /^[\x00-\x7f]*$/.test(t)), 'the premise: these Brown paragraphs are ASCII');
  assert.ok(calls > N, `the tokenizer ran (${calls} calls: class documents and every sampled document)`);
  assert.deepEqual(viaTokenizer.getTopicInfo(), reference.getTopicInfo());
  assert.deepEqual(viaTokenizer.topics_, reference.topics_);
});

test('a segmenting tokenizer makes terms the pattern cannot: single characters, unspaced words', async () => {
  // A toy segmenter for unspaced text: each character is a word (what a Chinese segmenter does at worst).
  const chars = (text) => [...text].filter((c) => c.trim());
  assert.deepEqual(await analyze('我爱北京天安门', { tokenizer: chars }), ['我', '爱', '北', '京', '天', '安', '门']);
  assert.deepEqual(await analyze('我爱北京天安门'), ['我爱北京天安门'], 'the pattern sees one run of word characters');
  assert.deepEqual(await analyze('我爱北京 天安门', { tokenizer: chars, ngramRange: [2, 2] }), ['我 爱', '爱 北', '北 京', '京 天', '天 安', '安 门']);
  const v = new CountVectorizer({ tokenizer: chars, stopWords: ['的'] });
  await v.fit(['北京的天', '天安门的门']);
  assert.deepEqual(v.getFeatureNamesOut(), ['北', '天', '安', '京', '门'].sort());
  assert.deepEqual(Array.from(v.transform(['门门的北']).data), [1, 2]);
  assert.equal(v.getParams().tokenizer, chars);
});

test('the tokenizer\'s errors are Errors naming it, and the model is left as it was', async () => {
  const throwing = new TopicModel({ ...options, vectorizerModel: { tokenizer: () => { throw new Error('segmenter not loaded'); } } });
  await assert.rejects(throwing.fitTransform(texts, { embeddings }), /vectorizerModel\.tokenizer threw: segmenter not loaded/);
  assert.throws(() => throwing.getTopicInfo(), /not fitted/);
  const wrong = new TopicModel({ ...options, vectorizerModel: { tokenizer: (t) => t.length } });
  await assert.rejects(wrong.fitTransform(texts, { embeddings }), /tokenizer must return an array of strings, got number/);
  const asynchronous = new TopicModel({ ...options, vectorizerModel: { tokenizer: async (t) => t.split(' ') } });
  await assert.rejects(asynchronous.fitTransform(texts, { embeddings }), /must be synchronous/);
  assert.throws(() => new TopicModel({ vectorizerModel: { tokenizer: 'jieba' } }), /vectorizerModel\.tokenizer must be a function/);
  // A fitted model's updateTopics with a failing tokenizer keeps its topics.
  const before = viaTokenizer.getTopicInfo();
  await assert.rejects(viaTokenizer.updateTopics(texts, { vectorizerModel: { tokenizer: () => null } }), /got null/);
  assert.deepEqual(viaTokenizer.getTopicInfo(), before);
});

test('approximateDistribution tokenizes with the vectorizer\'s tokenizer (BERTopic\'s build_tokenizer)', async () => {
  const { topicTokenDistributions } = await viaTokenizer.approximateDistribution(texts.slice(0, 3), { calculateTokens: true });
  for (let d = 0; d < 3; ++d) assert.deepEqual(topicTokenDistributions[d].tokens, patternTokenizer(texts[d].toLowerCase()));
});
